package dev.uvmctl.dist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uvmctl.ProcessRunner;
import java.nio.file.Files;
import java.nio.file.Path;
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
