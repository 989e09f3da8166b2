package dev.uvmctl.event;

/**
 * The outcome of an eviction: {@code busy_retry} is a failure the driver retries,
 * NV_ERR_BUSY_RETRY, NV_ERR_MORE_PROCESSING_REQUIRED or NV_ERR_IN_USE (uvm_pmm_gpu.c,
 * 580.95.05: {@code pick_and_evict_root_chunk_retry} loops on it); {@code error} is any other
 * failure.
 */
public enum EvictStatus {
    ok, busy_retry, error
}
