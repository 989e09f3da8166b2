package dev.uvmctl.dist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uvmctl.ProcessRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dev launcher {@code ./uvmctl}: the way developers and the README run uvmctl from the sources. */
class DevLauncherIT {
    private static final Path LAUNCHER = Path.of("uvmctl").toAbsolutePath();

    @TempDir
    Path scratch;

    @Test
    void runsFromAnyDirectory() throws Exception {
        Path elsewhere = Files.createDirectories(scratch.resolve("some/other/dir"));
        ProcessRunner.Result r = user().env("JAVA_HOME", Launchers.JAVA_HOME.toString())
            .directory(elsewhere).run(LAUNCHER.toString(), "--version");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).as(r.toString()).isEqualTo(Launchers.versionOutput());
        assertThat(r.err()).as(r.toString()).isEmpty();
    }

    /** A JDK whose java notes each run and then is the real one: proof of which java ran. */
    @Test
    void runsTheJavaOfJavaHome() throws Exception {
        Path jdk = Files.createDirectories(scratch.resolve("jdk/bin"));
        Path calls = scratch.resolve("jdk/calls");
        Path java = jdk.resolve("java");
        Files.writeString(java, "#!/bin/sh\necho run >> '" + calls + "'\nexec '" + Launchers.JAVA_HOME.resolve("bin/java") + "' \"$@\"\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.copy(Launchers.JAVA_HOME.resolve("release"), scratch.resolve("jdk/release"));

        ProcessRunner.Result r = user().env("JAVA_HOME", scratch.resolve("jdk").toString()).run(LAUNCHER.toString(), "--version");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).as(r.toString()).isEqualTo(Launchers.versionOutput());
        assertThat(r.err()).as(r.toString()).isEmpty();
        assertThat(calls).as("JAVA_HOME's java ran").exists();
    }

    /** {@code uvmctl ... | head -1}: no error, no stack trace, the status the command would have had. */
    @Test
    void endsQuietlyWhenItsReaderLeavesEarly() throws Exception {
        ProcessRunner.Result r = user().env("JAVA_HOME", Launchers.JAVA_HOME.toString())
            .run("bash", "-c", "\"$0\" completion bash | head -1; echo \"${PIPESTATUS[*]}\"", LAUNCHER.toString());
        assertThat(r.out()).as(r.toString()).isEqualTo("#!/usr/bin/env bash\n0 0\n");
        assertThat(r.err()).as(r.toString()).isEmpty();
    }

    /** No java: exit 3 (not 70, a bug) saying what to install, whether or not the jar needs building first. */
    @Test
    void saysWhatToInstallWhenThereIsNoJava() throws Exception {
        Path tools = Launchers.toolsOnly(scratch.resolve("tools"));
        ProcessRunner.Result fresh = user().env("PATH", tools.toString()).run(LAUNCHER.toString(), "--version");
        assertThat(fresh.exitCode()).as(fresh.toString()).isEqualTo(3);
        assertThat(fresh.err()).as(fresh.toString()).isEqualTo(Launchers.NO_JAVA);

        ProcessRunner.Result unbuilt = user().env("PATH", tools.toString()).run(unbuiltTree().resolve("uvmctl").toString(), "--version");
        assertThat(unbuilt.exitCode()).as(unbuilt.toString()).isEqualTo(3);
        assertThat(unbuilt.err()).as("no build is tried without a java").isEqualTo(Launchers.NO_JAVA);
    }

    @Test
    void saysWhatToInstallWhenJavaIsTooOldToBuildWith() throws Exception {
        Path tools = Launchers.toolsOnly(scratch.resolve("tools"));
        Path jdk = Launchers.fakeJava(scratch.resolve("jdk11"), "11.0.21", true);
        ProcessRunner.Result r = user().env("PATH", tools.toString()).env("JAVA_HOME", jdk.toString())
            .run(unbuiltTree().resolve("uvmctl").toString(), "--version");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
        assertThat(r.err()).as(r.toString()).startsWith("uvmctl: " + jdk.resolve("bin/java") + " is Java 11.0.21; uvmctl needs 17 or newer: install it");
    }

    @Test
    void saysWhatToInstallWhenMavenIsMissingToBuildWith() throws Exception {
        Path tools = Launchers.toolsOnly(scratch.resolve("tools"));
        Path tree = unbuiltTree();
        ProcessRunner.Result r = user().env("PATH", tools.toString()).env("JAVA_HOME", Launchers.JAVA_HOME.toString())
            .run(tree.resolve("uvmctl").toString(), "--version");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
        assertThat(r.err()).as(r.toString()).isEqualTo("uvmctl: building " + tree.resolve("target/uvmctl.jar")
            + " needs Maven 3.8 or newer: install it (Debian, Ubuntu: apt install maven), or run a packaged uvmctl\n");
    }

    /** A source tree with both launchers and no jar yet, so that running it starts a build. */
    private Path unbuiltTree() throws Exception {
        Path tree = Files.createDirectories(scratch.resolve("tree")).toRealPath();
        Files.createDirectories(tree.resolve("src/main"));
        Files.createDirectories(tree.resolve("src/dist/bin"));
        Files.copy(LAUNCHER, tree.resolve("uvmctl"), StandardCopyOption.COPY_ATTRIBUTES);
        Files.copy(Path.of("src/dist/bin/uvmctl"), tree.resolve("src/dist/bin/uvmctl"), StandardCopyOption.COPY_ATTRIBUTES);
        Files.writeString(tree.resolve("pom.xml"), "<project/>\n");
        return tree;
    }

    /**
     * The build's PATH (the jar is fresh, so no build starts), a scratch home, and no
     * class-data-sharing archive: DistributionIT tests that, and making one costs a second.
     */
    private ProcessRunner user() throws Exception {
        Files.createDirectories(scratch.resolve("home"));
        return ProcessRunner.withEmptyEnvironment()
            .env("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"))
            .env("HOME", scratch.resolve("home").toString())
            .env("XDG_CACHE_HOME", scratch.resolve("cache").toString())
            .env("UVMCTL_CDS", "0")
            .env("NO_COLOR", "1")
            .directory(scratch.resolve("home"));
    }
}
