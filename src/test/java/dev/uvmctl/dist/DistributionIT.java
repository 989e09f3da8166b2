package dev.uvmctl.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.uvmctl.ProcessRunner;
import dev.uvmctl.cli.CompletionCommand.Shell;
import dev.uvmctl.cli.CompletionScripts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution tarball as a user gets it: extracted, then run with a JDK and nothing else
 * (no Maven, no sources), including the class-data-sharing archive its launcher keeps.
 */
class DistributionIT {
    private static final Path TARBALL = Path.of(System.getProperty("uvmctl.dist"));

    @TempDir
    static Path unpacked;

    private static Path dist;

    @TempDir
    Path scratch;

    @BeforeAll
    static void extract() throws Exception {
        ProcessRunner.Result r = ProcessRunner.withPathAndHome().directory(unpacked).run("tar", "-xzf", TARBALL.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        dist = unpacked.resolve("uvmctl-" + Launchers.VERSION).toRealPath();
    }

    @Test
    void extractsToTheLauncherTheJarCompletionsManPagesExamplesAndReadme() throws IOException {
        assertThat(dist.resolve("bin/uvmctl")).isExecutable();
        assertThat(dist.resolve("lib/uvmctl.jar")).isRegularFile();
        assertThat(dist.resolve("README.md")).hasSameTextualContentAs(Path.of("README.md"));
        assertThat(names(dist.resolve("completions"))).containsExactlyElementsOf(names(Path.of("completions")));
        for (Shell shell : Shell.values()) {
            String script = CompletionScripts.fileName(shell, "uvmctl");
            assertThat(dist.resolve("completions").resolve(script)).hasSameBinaryContentAs(Path.of("completions", script));
        }
        List<String> pages = names(Path.of("man"));
        assertThat(pages).isNotEmpty().contains("uvmctl.1");
        assertThat(names(dist.resolve("man/man1"))).containsExactlyElementsOf(pages);
        for (String page : pages) {
            assertThat(dist.resolve("man/man1").resolve(page)).hasSameBinaryContentAs(Path.of("man", page));
        }
        if (Files.isDirectory(Path.of("examples"))) {
            assertThat(dist.resolve("examples")).isDirectory();
        }
    }

    /** Capture-bundle examples hold links such as proc/PID/fd/N -> /dev/nvidia-uvm: they must stay links. */
    @Test
    void examplesKeepTheirSymbolicLinks() throws IOException {
        Path examples = Path.of("examples");
        if (!Files.isDirectory(examples)) {
            return;
        }
        List<Path> links;
        try (Stream<Path> files = Files.walk(examples)) {
            links = files.filter(Files::isSymbolicLink).collect(Collectors.toList());
        }
        for (Path link : links) {
            Path packaged = dist.resolve(link.toString());
            assertThat(Files.isSymbolicLink(packaged))
                .as("%s is a link to %s in the sources but not in the tarball (maven-assembly-plugin leaves out links"
                    + " whose target does not exist on the build machine)", link, Files.readSymbolicLink(link))
                .isTrue();
            assertThat(Files.readSymbolicLink(packaged)).as(link.toString()).isEqualTo(Files.readSymbolicLink(link));
        }
    }

    @Test
    void runsWithOnlyAJdkAndMakesItsArchiveSilentlyOnTheFirstRun() throws Exception {
        Path tools = Launchers.toolsOnly(scratch.resolve("tools"));
        assertThat(tools.resolve("mvn")).doesNotExist();
        assertThat(tools.resolve("java")).doesNotExist();
        ProcessRunner.Result first = run(tools);
        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(first.out()).as(first.toString()).isEqualTo(Launchers.versionOutput());
        assertThat(first.err()).as(first.toString()).isEmpty();

        Path archive = onlyArchive();
        Matcher name = Pattern.compile("uvmctl-(\\d+)-(.+)-(\\d+)\\.jsa").matcher(archive.getFileName().toString());
        assertThat(name.matches()).as(archive.toString()).isTrue();
        assertThat(Long.parseLong(name.group(1))).as("hash of the jar's path").isEqualTo(Launchers.hash32(jar().toString()));
        assertThat(name.group(2)).as("the JVM's version").isEqualTo(Launchers.javaVersion(Launchers.JAVA_HOME));
        assertThat(Long.parseLong(name.group(3))).as("hash of the JVM's home").isEqualTo(Launchers.hash32(Launchers.JAVA_HOME.toString()));
        assertThat(Files.getLastModifiedTime(archive)).as("the archive carries the jar's time").isEqualTo(Files.getLastModifiedTime(jar()));
    }

    @Test
    void reusesTheArchiveOnTheNextRun() throws Exception {
        Path tools = Launchers.toolsOnly(scratch.resolve("tools"));
        run(tools);
        Path archive = onlyArchive();
        Object made = Files.readAttributes(archive, "unix:ino").get("ino");
        Path classLog = scratch.resolve("classes.log");
        ProcessRunner.Result second = Launchers.user(scratch, tools).env("JAVA_HOME", Launchers.JAVA_HOME.toString())
            .env("UVMCTL_JAVA_OPTS", "-Xlog:class+load=info:file=" + classLog).run(dist.resolve("bin/uvmctl").toString(), "--version");
        assertThat(second.out()).as(second.toString()).isEqualTo(Launchers.versionOutput());
        assertThat(second.err()).as(second.toString()).isEmpty();
        assertThat(onlyArchive()).isEqualTo(archive);
        assertThat(Files.readAttributes(archive, "unix:ino").get("ino")).as("the same file, not made again").isEqualTo(made);
        assertThat(Files.readString(classLog))
            .contains("dev.uvmctl.Main source: shared objects file")
            .contains("picocli.CommandLine source: shared objects file");
    }

    @Test
    void makesTheArchiveAgainWhenTheJarChanges() throws Exception {
        Path tools = Launchers.toolsOnly(scratch.resolve("tools"));
        FileTime original = Files.getLastModifiedTime(jar());
        try {
            run(tools);
            Path archive = onlyArchive();
            Object made = Files.readAttributes(archive, "unix:ino").get("ino");
            FileTime touched = FileTime.fromMillis(original.toMillis() + 60_000);
            Files.setLastModifiedTime(jar(), touched);
            ProcessRunner.Result r = run(tools);
            assertThat(r.out()).as(r.toString()).isEqualTo(Launchers.versionOutput());
            assertThat(r.err()).as(r.toString()).isEmpty();
            assertThat(onlyArchive()).isEqualTo(archive);
            assertThat(Files.readAttributes(archive, "unix:ino").get("ino")).as("made again").isNotEqualTo(made);
            assertThat(Files.getLastModifiedTime(archive)).isEqualTo(touched);
        } finally {
            Files.setLastModifiedTime(jar(), original);
        }
    }

    /** The JVM refuses an archive made for another jar, or a damaged one, without a word on the command's streams. */
    @Test
    void saysNothingAboutAnArchiveItCannotUse() throws Exception {
        Path tools = Launchers.toolsOnly(scratch.resolve("tools"));
        run(tools);
        Path archive = onlyArchive();
        FileTime original = Files.getLastModifiedTime(jar());
        Path otherJars = scratch.resolve("other.jsa");
        Files.copy(archive, otherJars);
        try {
            // An archive of the jar as it was, where the changed jar's archive should be.
            FileTime touched = FileTime.fromMillis(original.toMillis() + 60_000);
            Files.setLastModifiedTime(jar(), touched);
            replace(archive, Files.readAllBytes(otherJars), touched);
            assertSilentVersion(tools);
            replace(archive, "not an archive".repeat(1000).getBytes(java.nio.charset.StandardCharsets.US_ASCII), touched);
            assertSilentVersion(tools);
        } finally {
            Files.setLastModifiedTime(jar(), original);
        }
    }

    /** Any JDK 17 or newer will do: the launcher's JVM options must not stop a newer one from starting. */
    @Test
    void runsOnTheOtherInstalledJdks() throws Exception {
        List<Path> others = otherJdks();
        assumeTrue(!others.isEmpty(), "no JDK 17+ besides " + Launchers.JAVA_HOME + " next to it: only that one was tried");
        Path tools = Launchers.toolsOnly(scratch.resolve("tools"));
        for (Path jdk : others) {
            String runtime = release(jdk, "JAVA_RUNTIME_VERSION");
            for (int run = 1; run <= 2; run++) {
                ProcessRunner.Result r = Launchers.user(scratch, tools).env("JAVA_HOME", jdk.toString())
                    .run(dist.resolve("bin/uvmctl").toString(), "--version");
                assertThat(r.exitCode()).as(r.toString()).isZero();
                assertThat(r.out()).as(r.toString()).startsWith("uvmctl " + Launchers.VERSION + "\nJava " + runtime + " (")
                    .endsWith(", " + jdk + ")\n");
                assertThat(r.err()).as(r.toString()).isEmpty();
            }
        }
    }

    /** The JVM logs warnings to standard output by default, into the middle of a JSON document. */
    @Test
    void keepsJvmWarningsOffStandardOutput() throws Exception {
        Path tools = Launchers.toolsOnly(scratch.resolve("tools"));
        // Warns wherever large pages are not set up, which is nearly everywhere.
        ProcessRunner.Result r = Launchers.user(scratch, tools).env("JAVA_HOME", Launchers.JAVA_HOME.toString())
            .env("UVMCTL_CDS", "0").env("UVMCTL_JAVA_OPTS", "-XX:+UseLargePages").run(dist.resolve("bin/uvmctl").toString(), "--version");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).as(r.toString()).isEqualTo(Launchers.versionOutput());
    }

    @Test
    void runsWithoutAnArchiveWhenAskedTo() throws Exception {
        Path tools = Launchers.toolsOnly(scratch.resolve("tools"));
        ProcessRunner.Result r = Launchers.user(scratch, tools).env("JAVA_HOME", Launchers.JAVA_HOME.toString())
            .env("UVMCTL_CDS", "0").run(dist.resolve("bin/uvmctl").toString(), "--version");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).as(r.toString()).isEqualTo(Launchers.versionOutput());
        assertThat(r.err()).as(r.toString()).isEmpty();
        assertThat(scratch.resolve("cache")).doesNotExist();
    }

    @Test
    void findsJavaOnThePathWithoutJavaHome() throws Exception {
        Path tools = Launchers.toolsOnly(scratch.resolve("tools"));
        // As /usr/bin/java is: a link into the JDK, whose home the launcher must find.
        Files.createSymbolicLink(tools.resolve("java"), Launchers.JAVA_HOME.resolve("bin/java"));
        ProcessRunner.Result r = Launchers.user(scratch, tools).run(dist.resolve("bin/uvmctl").toString(), "--version");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).as(r.toString()).isEqualTo(Launchers.versionOutput());
        assertThat(r.err()).as(r.toString()).isEmpty();
        assertThat(onlyArchive().getFileName().toString())
            .endsWith("-" + Launchers.hash32(Launchers.JAVA_HOME.toRealPath().toString()) + ".jsa");
    }

    /** With no cache of the user's own there is no archive: not one in a directory others can write. */
    @Test
    void makesNoArchiveWithoutAHomeOrACache() throws Exception {
        Path tools = Launchers.toolsOnly(scratch.resolve("tools"));
        ProcessRunner.Result r = Launchers.user(scratch, tools).env("HOME", null).env("XDG_CACHE_HOME", null)
            .env("JAVA_HOME", Launchers.JAVA_HOME.toString()).run(dist.resolve("bin/uvmctl").toString(), "--version");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).as(r.toString()).isEqualTo(Launchers.versionOutput());
        assertThat(r.err()).as(r.toString()).isEmpty();
        assertThat(Path.of("/tmp/.cache/uvmctl")).doesNotExist();
        assertThat(scratch.resolve("home/.cache")).doesNotExist();
    }

    /** No java is not a bug in uvmctl (70): it could not run what it needed (3), and says what to install. */
    @Test
    void saysInOneLineThatThereIsNoJava() throws Exception {
        Path tools = Launchers.toolsOnly(scratch.resolve("tools"));
        ProcessRunner.Result none = Launchers.user(scratch, tools).run(dist.resolve("bin/uvmctl").toString(), "--version");
        assertThat(none.exitCode()).as(none.toString()).isEqualTo(3);
        assertThat(none.out()).isEmpty();
        assertThat(none.err()).isEqualTo(Launchers.NO_JAVA);

        ProcessRunner.Result wrong = Launchers.user(scratch, tools).env("JAVA_HOME", scratch.resolve("nojdk").toString())
            .run(dist.resolve("bin/uvmctl").toString(), "--version");
        assertThat(wrong.exitCode()).as(wrong.toString()).isEqualTo(3);
        assertThat(wrong.out()).isEmpty();
        assertThat(wrong.err()).isEqualTo("uvmctl: JAVA_HOME is " + scratch.resolve("nojdk") + ", which has no bin/java: point it at a "
            + "Java 17 or newer (Debian, Ubuntu: apt install openjdk-17-jre-headless; RHEL, Fedora: dnf install java-17-openjdk-headless)\n");
    }

    /** A java older than 17 on the PATH, known by its release file or, without one, by what java -version prints. */
    @Test
    void saysWhatToInstallWhenJavaIsTooOld() throws Exception {
        for (boolean releaseFile : new boolean[] {true, false}) {
            String version = releaseFile ? "11.0.21" : "1.8.0_292";
            Path tools = Launchers.toolsOnly(scratch.resolve("tools-" + releaseFile));
            Path jdk = Launchers.fakeJava(scratch.resolve("jdk-" + version), version, releaseFile);
            Files.createSymbolicLink(tools.resolve("java"), jdk.resolve("bin/java"));
            ProcessRunner.Result r = Launchers.user(scratch, tools).run(dist.resolve("bin/uvmctl").toString(), "--version");
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
            assertThat(r.out()).as(r.toString()).isEmpty();
            assertThat(r.err()).as(r.toString()).isEqualTo("uvmctl: " + jdk.toRealPath().resolve("bin/java") + " is Java " + version
                + "; uvmctl needs 17 or newer: install it (Debian, Ubuntu: apt install openjdk-17-jre-headless; RHEL, Fedora: "
                + "dnf install java-17-openjdk-headless), or set JAVA_HOME to one\n");
        }
    }

    /**
     * As root the JVM maps an archive with bytecode verification off, and sudo may keep the user's
     * HOME: root takes an archive only from a path that is root's alone, and otherwise runs
     * without one (and makes none in a directory of another user).
     */
    @Test
    void asRootUsesOnlyAnArchiveNoOtherUserCanChange() throws Exception {
        assumeTrue("0".equals(ProcessRunner.withPathAndHome().run("id", "-u").out().strip()), "not root: the root-only rules are not tested");
        Path tools = Launchers.toolsOnly(scratch.resolve("tools"));
        run(tools);
        Path archive = onlyArchive();
        assertThat(mapsTheArchive(tools)).as("root's own archive").isTrue();

        Files.setPosixFilePermissions(archive, PosixFilePermissions.fromString("rw-rw-r--"));
        assertThat(mapsTheArchive(tools)).as("an archive its group can write").isFalse();
        Files.setPosixFilePermissions(archive, PosixFilePermissions.fromString("r--r--r--"));
        assertThat(mapsTheArchive(tools)).isTrue();

        UserPrincipal nobody = archive.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
        UserPrincipal root = Files.getOwner(archive);
        Files.setOwner(archive, nobody);
        assertThat(mapsTheArchive(tools)).as("an archive of another user").isFalse();
        Files.setOwner(archive, root);
        Files.setOwner(archive.getParent(), nobody);
        assertThat(mapsTheArchive(tools)).as("an archive in a directory of another user").isFalse();
        Files.setOwner(archive.getParent(), root);

        Path userHome = Files.createDirectories(scratch.resolve("user-home"));
        Files.setOwner(userHome, nobody);
        ProcessRunner.Result sudo = Launchers.user(scratch, tools).env("JAVA_HOME", Launchers.JAVA_HOME.toString())
            .env("HOME", userHome.toString()).env("XDG_CACHE_HOME", null).run(dist.resolve("bin/uvmctl").toString(), "--version");
        assertThat(sudo.out()).as(sudo.toString()).isEqualTo(Launchers.versionOutput());
        assertThat(sudo.err()).as(sudo.toString()).isEmpty();
        assertThat(userHome.resolve(".cache")).as("nothing of root's in the user's home").doesNotExist();
    }

    /** Whether a run maps uvmctl's classes from the archive. */
    private boolean mapsTheArchive(Path tools) throws Exception {
        Path classLog = scratch.resolve("classes.log");
        Files.deleteIfExists(classLog);
        ProcessRunner.Result r = Launchers.user(scratch, tools).env("JAVA_HOME", Launchers.JAVA_HOME.toString())
            .env("UVMCTL_JAVA_OPTS", "-Xlog:class+load=info:file=" + classLog).run(dist.resolve("bin/uvmctl").toString(), "--version");
        assertThat(r.out()).as(r.toString()).isEqualTo(Launchers.versionOutput());
        assertThat(r.err()).as(r.toString()).isEmpty();
        return Files.readString(classLog).contains("dev.uvmctl.Main source: shared objects file");
    }

    /** The installed launcher prints the scripts shipped beside it (a run builds only the subcommand it names). */
    @Test
    void printsTheCompletionScriptsItShipsWith() throws Exception {
        Path tools = Launchers.toolsOnly(scratch.resolve("tools"));
        for (Shell shell : Shell.values()) {
            ProcessRunner.Result r = Launchers.user(scratch, tools).env("JAVA_HOME", Launchers.JAVA_HOME.toString()).env("UVMCTL_CDS", "0")
                .run(dist.resolve("bin/uvmctl").toString(), "completion", shell.name());
            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(r.out()).as(r.toString()).isEqualTo(Files.readString(dist.resolve("completions").resolve(CompletionScripts.fileName(shell, "uvmctl"))));
        }
    }

    @Test
    void endsQuietlyWhenItsReaderLeavesEarly() throws Exception {
        Path tools = Launchers.toolsOnly(scratch.resolve("tools"));
        ProcessRunner.Result r = Launchers.user(scratch, tools).env("JAVA_HOME", Launchers.JAVA_HOME.toString())
            .run("bash", "-c", "\"$0\" completion bash | head -1; echo \"${PIPESTATUS[*]}\"", dist.resolve("bin/uvmctl").toString());
        assertThat(r.out()).as(r.toString()).isEqualTo("#!/usr/bin/env bash\n0 0\n");
        assertThat(r.err()).as(r.toString()).isEmpty();
    }

    private void assertSilentVersion(Path tools) throws Exception {
        ProcessRunner.Result r = run(tools);
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).as(r.toString()).isEqualTo(Launchers.versionOutput());
        assertThat(r.err()).as(r.toString()).isEmpty();
    }

    private static void replace(Path file, byte[] content, FileTime time) throws IOException {
        Files.deleteIfExists(file);
        Files.write(file, content);
        Files.setLastModifiedTime(file, time);
    }

    private ProcessRunner.Result run(Path tools) throws Exception {
        return Launchers.user(scratch, tools).env("JAVA_HOME", Launchers.JAVA_HOME.toString())
            .run(dist.resolve("bin/uvmctl").toString(), "--version");
    }

    private static List<Path> otherJdks() throws IOException {
        Path ours = Launchers.JAVA_HOME.toRealPath();
        List<Path> jdks = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(ours.getParent())) {
            for (Path dir : (Iterable<Path>) dirs::iterator) {
                Path real = dir.toRealPath();
                if (!real.equals(ours) && !jdks.contains(real) && Files.isExecutable(real.resolve("bin/java"))
                    && Files.isRegularFile(real.resolve("release"))) {
                    String version = release(real, "JAVA_VERSION");
                    if (version != null && Integer.parseInt(version.split("[.+-]")[0]) >= 17) {
                        jdks.add(real);
                    }
                }
            }
        }
        return jdks;
    }

    private static String release(Path jdk, String key) throws IOException {
        for (String line : Files.readAllLines(jdk.resolve("release"))) {
            if (line.startsWith(key + "=")) {
                return line.substring(key.length() + 1).replace("\"", "");
            }
        }
        return null;
    }

    private static Path jar() {
        return dist.resolve("lib/uvmctl.jar");
    }

    private Path onlyArchive() throws IOException {
        List<Path> archives = new ArrayList<>();
        try (Stream<Path> files = Files.list(scratch.resolve("cache/uvmctl"))) {
            files.forEach(archives::add);
        }
        assertThat(archives).as("the cache holds one archive and nothing else").hasSize(1);
        return archives.get(0);
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
                .map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }
}
