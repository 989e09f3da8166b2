package dev.uvmctl.procfs;

import dev.uvmctl.shared.Provenance;

/** A MIG device's frame-buffer use as nvidia-smi lists it (table "MIG devices" panel or {@code -q} "MIG Devices"). */
public record SmiMigDevice(Integer gpuIndex, String gpuInstance, String computeInstance, String migDevice, Long usedBytes,
                           Long totalBytes, Provenance origin) {
}
