package dev.uvmctl.kernellog;

import dev.uvmctl.shared.PciAddress;

/**
 * GPU discovery: {@code NVRM: GPU at PCI:dddd:bb:dd: GPU-uuid} (printed once before a GPU's first
 * Xid, _krcLogUuidOnce, kernel_rc.c) with the {@code GPU Board Serial Number} line that follows
 * it, or nvidia-drm's {@code Initialized nvidia-drm ... for dddd:bb:dd.f on minor N}. Routine.
 * The UUID is kept as printed (posters redact it).
 */
public record GpuInfo(RecordOrigin origin, String message, PciAddress gpu, String uuid, String serial, Integer minor)
    implements KernelRecord {

    GpuInfo withSerial(String s, long lastLine) {
        return new GpuInfo(origin.withLastLine(lastLine), message, gpu, uuid, s, minor);
    }

    @Override
    public RecordKind kind() {
        return RecordKind.GPU_INFO;
    }

    @Override
    public boolean needsAttention() {
        return false;
    }
}
