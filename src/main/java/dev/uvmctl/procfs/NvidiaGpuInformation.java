package dev.uvmctl.procfs;

import dev.uvmctl.shared.PciAddress;
import dev.uvmctl.shared.Provenance;

/**
 * {@code /proc/driver/nvidia/gpus/<bus>/information} (kernel-open/nvidia/nv-procfs.c): the GPU's model, UUID, PCI
 * address and device minor (the N of {@code /dev/nvidiaN}), and whether it is excluded
 * ({@code GPU Excluded}, older {@code Blacklisted}).
 */
public record NvidiaGpuInformation(PciAddress bus, String model, String uuid, Integer minor, Boolean excluded,
                                   Provenance origin) {
}
