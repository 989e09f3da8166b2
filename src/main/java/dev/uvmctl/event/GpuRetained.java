package dev.uvmctl.event;

import dev.uvmctl.shared.Provenance;
import java.util.Objects;

/**
 * UVM's procfs at one moment ({@code /proc/driver/nvidia-uvm/gpus/.../info}): the GPU's
 * {@code retained_count}, how many va_spaces, channels, external mappings and peers retain it.
 * UVM removes the GPU's directory when the count drops to 0 (uvm_gpu.c: uvm_gpu_release_locked, 515.43.04..595). {@code uuid}
 * says that this UUID is that GPU.
 */
public record GpuRetained(EventTime time, Provenance source, String gpu, String uuid, long count) implements Event {
    public GpuRetained {
        Objects.requireNonNull(gpu, "gpu");
    }

    @Override
    public EventKind kind() {
        return EventKind.gpu_retained;
    }
}
