package dev.uvmctl.event;

import dev.uvmctl.shared.Provenance;
import java.util.Objects;

/**
 * UVM's procfs at one moment ({@code /proc/driver/nvidia-uvm/gpus/.../info}): the GPU's
 * {@code retained_count}, how many va_spaces, channels, external mappings and peers retain it.
 * UVM removes the GPU's directory when the count drops to 0 (uvm_gpu.c: uvm_gpu_release_locked, 515.43.04..595). {@code uuid}
 * says that this UUID is that GPU; {@code uvmId} that UVM's processor id {@code N}, the id the driver's migrations name it by
 * (a trace's {@code uvm-gpuN}), is that GPU in this boot: the info's first line, {@code GPU ID N: ...}, prints {@code gpu->id}
 * (uvm_gpu.c: the GPU's name, 535.43.02 {@code parent_gpu->id}, which its sub-processors share, to 580.95.05 {@code gpu->id}),
 * never the global id that names the procfs links on 535 and 545. {@code count} is null where the input saw the GPU's
 * directory without reading its count (a trace's {@code # uvmctl-trace: gpu=} line, from the {@code gpus/N} link): the
 * record then only names the GPU.
 */
public record GpuRetained(EventTime time, Provenance source, String gpu, String uuid, Integer uvmId, Long count) implements Event {
    /** The highest GPU processor id: {@code UVM_ID_MAX_GPUS} is 256 (uvm_processors.h, 580.95.05: 32 devices of 8 sub-processors), the CPU being 0. */
    public static final int MAX_UVM_ID = 256;

    public GpuRetained {
        Objects.requireNonNull(gpu, "gpu");
    }

    @Override
    public EventKind kind() {
        return EventKind.gpu_retained;
    }
}
