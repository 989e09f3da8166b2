package dev.uvmctl.procfs;

import dev.uvmctl.shared.Provenance;

/**
 * An {@code nvidia-uvm-hmm} resource in {@code /proc/iomem}: device-private memory UVM registered
 * for HMM, one per GPU (uvm_hmm.c, 535..595). Its presence means HMM was enabled system-wide when a GPU
 * was added. Without root the kernel shows every address as 0: {@code addressesHidden} says so.
 */
public record HmmRegion(long start, long end, boolean addressesHidden, Provenance origin) {
    public long size() {
        return addressesHidden ? 0 : end - start + 1;
    }
}
