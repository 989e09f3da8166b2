package dev.uvmctl.event;

import dev.uvmctl.shared.Provenance;
import java.util.Objects;

/**
 * A GPU's memory at one moment, as nvidia-smi reports it ({@code memory.total}, {@code .used},
 * {@code .free}, {@code .reserved}); it starts a new snapshot of the per-process use of that GPU.
 */
public record GpuMemory(EventTime time, Provenance source, String gpu, Integer index, String uuid, String pci, long total, long used, Long free, Long reserved) implements Event {
    public GpuMemory {
        Objects.requireNonNull(gpu, "gpu");
    }

    /**
     * Memory in use other than what the driver reserves for itself. With {@code free} known it is
     * {@code total - free - reserved}, right whichever way the driver's nvidia-smi counts; without
     * it, {@code used} as nvidia-smi reports it from R510 on, where reserved memory is apart.
     */
    public long inUse() {
        if (free == null) {
            return used;
        }
        return Math.max(0, total - free - (reserved == null ? 0 : reserved));
    }

    @Override
    public EventKind kind() {
        return EventKind.gpu_memory;
    }
}
