package dev.uvmctl.kernellog;

import dev.uvmctl.shared.PciAddress;

/**
 * A GPU that fell off the bus: {@code NVRM: GPU dddd:bb:dd.f: GPU has fallen off the bus.} at run
 * time (osHandleGpuLost, src/nvidia/arch/nvalloc/unix/src/osinit.c), or the three-line
 * {@code The NVIDIA GPU ... installed in this system has fallen off the bus} at probe
 * (src/nvidia/arch/nvalloc/unix/src/osapi.c). Its memory is gone until the node is reset.
 *
 * @param when   {@code runtime} or {@code probe}
 * @param pciId  vendor:device from the probe form ({@code 10de:26b5}), else null
 * @param serial from {@code GPU serial number is ...}, else null
 */
public record GpuLostRecord(RecordOrigin origin, String message, PciAddress gpu, String when, String pciId, String serial)
    implements KernelRecord {

    GpuLostRecord withSerial(String s, long lastLine) {
        return new GpuLostRecord(origin.withLastLine(lastLine), message, gpu, when, pciId, s);
    }

    @Override
    public RecordKind kind() {
        return RecordKind.GPU_LOST;
    }

    @Override
    public boolean needsAttention() {
        return true;
    }
}
