package dev.uvmctl.procfs;

import dev.uvmctl.shared.PciAddress;
import dev.uvmctl.shared.Provenance;

/**
 * One GPU as nvidia-smi reported it: index, UUID, PCI address (the GPU's key), name and frame-buffer
 * memory in bytes: total, reserved by the driver (newer releases list it), used, free. A value
 * nvidia-smi did not give (absent, {@code N/A}, {@code ERR!}, {@code [Unknown Error]}) is null, and
 * {@code note} keeps what it printed instead.
 */
public record SmiGpu(Integer index, String uuid, PciAddress bus, String name, Long totalBytes, Long reservedBytes,
                     Long usedBytes, Long freeBytes, String note, Provenance origin) {
}
