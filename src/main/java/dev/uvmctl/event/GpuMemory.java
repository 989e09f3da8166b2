package dev.uvmctl.event;

import java.util.Objects;

/** A GPU's memory totals at one moment (nvidia-smi): starts a new snapshot of the per-process use of that GPU. */
public record GpuMemory(EventTime time, Provenance source, String gpu, Integer index, String uuid, String pci, long total, long used, Long reserved) implements Event {
    public GpuMemory {
        Objects.requireNonNull(gpu, "gpu");
    }

    @Override
    public EventKind kind() {
        return EventKind.gpu_memory;
    }
}
