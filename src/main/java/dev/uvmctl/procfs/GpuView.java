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
     * UVM's processor id of this GPU, the {@code N} of its info's {@code GPU ID N:}, or null when UVM's procfs
     * gives none or several: on 535 and 545 a GPU's MIG instances share their parent's id (uvm_gpu.c, 535.43.02:
     * {@code gpu->id = parent_gpu->id}), from 550.40.07 each has its own (SmiEvents then names the GPU by each).
     */
    public Integer uvmId() {
        Integer id = null;
        for (UvmGpuInfo u : uvm) {
            if (u.uvmId() == null || id != null && !id.equals(u.uvmId())) {
                return null;
            }
            id = u.uvmId();
        }
        return id;
    }

    /** Whether the nvidia-smi process line {@code p} is on this GPU, by {@link #matches}. */
    public boolean runs(SmiProcess p) {
        return matches(p.gpuBus(), p.gpuUuid(), p.gpuIndex(), bus, uuid, index);
    }

    /**
     * Whether a source that names a GPU by {@code bus}, {@code uuid} and {@code index} (any of them
     * null) names the GPU known by the other three: the same bus id or UUID (in any case), or,
     * naming neither (nvidia-smi's own table), the same nvidia-smi index. The one rule by which
     * {@code VaSpaceViewBuilder} joins its sources' GPUs and by which a process line is placed on one.
     */
    static boolean matches(PciAddress bus, String uuid, Integer index, PciAddress knownBus, String knownUuid, Integer knownIndex) {
        return (bus != null && bus.equals(knownBus)) || (uuid != null && uuid.equalsIgnoreCase(knownUuid))
            || (bus == null && uuid == null && index != null && index.equals(knownIndex));
    }
}
