package dev.uvmctl.procfs;

import dev.uvmctl.source.CommandRunner;
import dev.uvmctl.source.SysRoot;
import java.time.Instant;

/** Where a {@link SystemSnapshot} comes from: a system root (live, bundle, fixture) or a saved text snapshot. */
public final class SnapshotSources {
    private SnapshotSources() {
    }

    /** Reads a root; {@code live} runs nvidia-smi through {@code runner} and stamps the snapshot with {@code now}. */
    public static SystemSnapshot fromRoot(SysRoot root, String label, boolean live, CommandRunner runner, Instant now) {
        return SystemReader.read(root, label, live, runner, now);
    }
}
