package dev.uvmctl.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uvmctl.ProcessRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * examples/held-node's capture unpacked into a directory, its holder 4301 (whose va_space its
 * gone owner left) run by a given user in a given cgroup: a node where one job's process still
 * holds GPU memory.
 */
public final class HeldRoot {
    private HeldRoot() {
    }

    /** Unpacks into {@code dir}; {@code cgroup} is the text of /proc/4301/cgroup without its last newline. */
    public static String unpack(Path dir, int uid, String cgroup) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        ProcessRunner.Result r = ProcessRunner.withPathAndHome().run("tar", "-xzf",
            Path.of("examples/held-node/capture.tar.gz").toAbsolutePath().toString(), "-C", dir.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        Path status = dir.resolve("proc/4301/status");
        assertThat(Files.readString(status)).containsPattern("(?m)^Uid:");
        Files.writeString(status, Files.readString(status).replaceAll("(?m)^Uid:.*$", "Uid:\t" + uid + "\t" + uid + "\t" + uid + "\t" + uid));
        Files.writeString(dir.resolve("proc/4301/cgroup"), cgroup + "\n");
        return dir.toString();
    }
}
