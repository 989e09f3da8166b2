package dev.uvmctl.event;

import dev.uvmctl.shared.Provenance;
import java.util.Objects;

/** GPU memory a process uses, in the current snapshot of that GPU (nvidia-smi --query-compute-apps). */
public record GpuProcessMemory(EventTime time, Provenance source, String gpu, int pid, String comm, long used) implements Event {
    public GpuProcessMemory {
        Objects.requireNonNull(gpu, "gpu");
    }

    @Override
    public EventKind kind() {
        return EventKind.gpu_process_memory;
    }
}
