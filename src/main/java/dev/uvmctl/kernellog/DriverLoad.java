package dev.uvmctl.kernellog;

/**
 * A driver module's load banner: {@code NVRM: loading NVIDIA UNIX [Open ]Kernel Module ...},
 * {@code nvidia-modeset: Loading NVIDIA Kernel Mode Setting Driver ...}, {@code nvidia-nvlink:
 * Nvlink Core is being initialized, major device number N}, nvidia-drm's {@code Loading driver}.
 * Where a driver's life (and its memory) begins. Routine.
 *
 * @param module  {@code nvidia}, {@code nvidia-modeset}, {@code nvidia-nvlink} or {@code nvidia-drm}
 * @param version the driver version in the banner, else null
 * @param open    true for the open kernel modules, false for the proprietary ones, null when not said
 * @param major   the character device major number, else null
 * @param gpuId   nvidia-drm's {@code [GPU ID 0x...]}, else null
 */
public record DriverLoad(RecordOrigin origin, String message, String module, String version, Boolean open, Integer major,
                         String gpuId) implements KernelRecord {
    @Override
    public RecordKind kind() {
        return RecordKind.DRIVER_LOAD;
    }

    @Override
    public boolean needsAttention() {
        return false;
    }
}
