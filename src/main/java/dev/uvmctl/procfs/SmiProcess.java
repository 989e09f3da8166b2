package dev.uvmctl.procfs;

import dev.uvmctl.shared.PciAddress;
import dev.uvmctl.shared.Provenance;

/**
 * One process nvidia-smi (NVML) lists on a GPU. The pid is a host pid, whatever namespace the
 * reader is in. The GPU is named by whatever the format gives: index (tables), UUID or PCI address
 * (CSV, {@code -q}). {@code gpuInstance}/{@code computeInstance} are the MIG ids ({@code N/A}
 * without MIG). {@code usedBytes} is null when not reported ({@code N/A}, WDDM), with {@code note}
 * saying what was printed; {@code name} may be {@code Unknown Error} for a process NVML cannot name.
 */
public record SmiProcess(Integer gpuIndex, String gpuUuid, PciAddress gpuBus, String gpuInstance, String computeInstance,
                         Integer pid, String type, String name, Long usedBytes, String note, Provenance origin) {
    /**
     * What nvidia-smi prints for the name of a pid it cannot resolve (the process is gone, or in a
     * PID namespace nvidia-smi cannot see into): a placeholder, not the process's name.
     */
    static final String NOT_FOUND = "[Not Found]";

    public SmiProcess {
        if (name != null && (name.isBlank() || name.strip().equals(NOT_FOUND))) {
            name = null;
        }
    }
}
