package dev.uvmctl.dist;

import dev.uvmctl.ProcessRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/** What the launcher tests share: the JDK they run, what --version must print, scratch environments. */
final class Launchers {
    /** The JDK running the tests; the launchers are pointed at it with JAVA_HOME. */
    static final Path JAVA_HOME = Path.of(System.getProperty("java.home"));
    static final String VERSION = System.getProperty("uvmctl.version");

    private Launchers() {
    }

    /** Exactly what {@code uvmctl --version} prints when run by {@link #JAVA_HOME}. */
    static String versionOutput() {
        return "uvmctl " + VERSION + "\nJava " + System.getProperty("java.runtime.version") + " ("
            + System.getProperty("java.vm.name") + ", " + JAVA_HOME + ")\n";
    }

    /** The JDK's version as its release file gives it, as the launcher reads it. */
    static String javaVersion(Path javaHome) throws IOException {
        for (String line : Files.readAllLines(javaHome.resolve("release"))) {
            if (line.startsWith("JAVA_VERSION=")) {
                return line.substring("JAVA_VERSION=".length()).replace("\"", "");
            }
        }
        throw new AssertionError("no JAVA_VERSION in " + javaHome.resolve("release"));
    }

    /**
     * A user's environment with nothing of the build's: scratch HOME and cache, no colour, and
     * only {@code bin} on the PATH (tools: see {@link #toolsOnly}).
     */
    static ProcessRunner user(Path scratch, Path bin) throws IOException {
        Files.createDirectories(scratch.resolve("home"));
        return ProcessRunner.withEmptyEnvironment()
            .env("PATH", bin.toString())
            .env("HOME", scratch.resolve("home").toString())
            .env("XDG_CACHE_HOME", scratch.resolve("cache").toString())
            .env("NO_COLOR", "1")
            .env("LANG", "C.UTF-8")
            .directory(scratch.resolve("home"));
    }

    /**
     * A directory of links to the few tools the launcher runs besides java, so a PATH made of it
     * alone has no java and no Maven.
     */
    static Path toolsOnly(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (String tool : List.of("bash", "readlink", "mkdir", "cat", "touch", "mv", "rm", "head", "stat", "find", "sed")) {
            Path link = dir.resolve(tool);
            if (!Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                Files.createSymbolicLink(link, which(tool));
            }
        }
        return dir;
    }

    private static Path which(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            Path candidate = Path.of(dir, tool);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError(tool + " is not on the PATH of the build");
    }

    /** What the launchers say when there is no java (exit 3). */
    static final String NO_JAVA = "uvmctl: no java found: install Java 17 or newer (Debian, Ubuntu: apt install openjdk-17-jre-headless; "
        + "RHEL, Fedora: dnf install java-17-openjdk-headless), or set JAVA_HOME to one\n";

    /**
     * A Java home under {@code dir} whose {@code bin/java} only says it is {@code version}: with a
     * release file naming it, or (without one) in what {@code java -version} prints, as a Java 8 does.
     */
    static Path fakeJava(Path dir, String version, boolean releaseFile) throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin")).resolve("java");
        Files.writeString(bin, "#!/bin/sh\necho 'openjdk version \"" + version + "\" 2021-04-20' >&2\necho 'OpenJDK Runtime Environment' >&2\n");
        Files.setPosixFilePermissions(bin, PosixFilePermissions.fromString("rwxr-xr-x"));
        if (releaseFile) {
            Files.writeString(dir.resolve("release"), "IMPLEMENTOR=\"Fake\"\nJAVA_VERSION=\"" + version + "\"\n");
        }
        return dir;
    }

    /** FNV-1a (32 bits) over the characters of {@code s}: the launcher's hash32. */
    static long hash32(String s) {
        long h = 2166136261L;
        for (int i = 0; i < s.length(); i++) {
            h = ((h ^ s.charAt(i)) * 16777619L) & 0xffffffffL;
        }
        return h;
    }
}
