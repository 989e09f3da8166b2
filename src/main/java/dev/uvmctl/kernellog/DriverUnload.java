package dev.uvmctl.kernellog;

/**
 * A driver module's unload line: {@code nvidia-modeset: Unloading}, {@code nvidia-nvlink:
 * Unregistered the Nvlink Core, major device number N}, nvidia-drm's {@code Unloading driver}.
 * Routine.
 */
public record DriverUnload(RecordOrigin origin, String message, String module, Integer major, String gpuId)
    implements KernelRecord {
    @Override
    public RecordKind kind() {
        return RecordKind.DRIVER_UNLOAD;
    }

    @Override
    public boolean needsAttention() {
        return false;
    }
}
