package dev.uvmctl.render;

import dev.uvmctl.procfs.GpuView;
import dev.uvmctl.procfs.SnapshotHolder;
import java.time.Instant;
import java.util.List;

/**
 * One refresh of {@code uvmctl watch}: when, what was read, the GPUs, the holders, what points at
 * memory not released (with when each item first appeared, and the ones that just went away), the
 * last GPU-related kernel-log lines, and what could not be read.
 */
public record WatchFrame(Instant at, String source, List<GpuView> gpus, List<SnapshotHolder> holders, List<Item> items,
                         List<String> kernelLines, List<String> problems) {

    /** Something to look at: {@code gone} items were there at the previous refresh and are not now. */
    public record Item(String id, String level, String message, Instant firstSeen, boolean gone) {
    }
}
