package dev.uvmctl.procfs;

import dev.uvmctl.shared.PciAddress;
import java.util.List;

/**
 * One GPU, keyed by its PCI address, with what each source says: the core driver's procfs
 * ({@code information}), UVM's procfs ({@code uvm}, null when UVM does not retain it), nvidia-smi's
 * memory totals ({@code smi}) and the sum NVML attributes to processes on it.
 */
public record GpuView(PciAddress bus, String uuid, Integer index, Integer minor, String name,
                      NvidiaGpuInformation information, List<UvmGpuInfo> uvm, SmiGpu smi, Long nvmlProcessBytes,
                      int nvmlProcesses) {

    public Long retainedCount() {
        if (uvm.isEmpty()) {
            return null;
        }
        long sum = 0;
        for (UvmGpuInfo u : uvm) {
            if (u.retainedCount() == null) {
                return null;
            }
            sum += u.retainedCount();
        }
        return sum;
    }

    /**
     * Whether the nvidia-smi process line {@code p} is on this GPU: it names the same bus id or
     * UUID, or, naming neither (nvidia-smi's own table), the same nvidia-smi index.
     */
    public boolean runs(SmiProcess p) {
        return (p.gpuBus() != null && p.gpuBus().equals(bus)) || (p.gpuUuid() != null && p.gpuUuid().equalsIgnoreCase(uuid))
            || (p.gpuBus() == null && p.gpuUuid() == null && p.gpuIndex() != null && p.gpuIndex().equals(index));
    }
}
