package dev.uvmctl.model;

import dev.uvmctl.event.EvictStatus;
import dev.uvmctl.event.Evicted;
import java.util.Locale;
import java.util.Set;

/**
 * What an eviction's status means, as the driver acts on it. Three statuses are transient: the
 * driver retries the eviction rather than give up, so they are {@code busy_retry} whatever status
 * the input gave with them (every failure counts toward {@code pinned} all the same):
 * <ul>
 * <li>{@code NV_ERR_IN_USE}: the root chunk was taken by PMA meanwhile, or one of its pages has
 * a raised refcount; {@code pick_and_evict_root_chunk_retry} loops while it is returned
 * (uvm_pmm_gpu.c, 580.95.05 and 535.288.01);</li>
 * <li>{@code NV_ERR_MORE_PROCESSING_REQUIRED}: the block's lock was dropped to allocate, and the
 * operation is tried again ({@code block_alloc_pt_range_with_retry}, uvm_va_block.c;
 * {@code UVM_VA_BLOCK_RETRY_LOCKED}, uvm_va_block.h; 580.95.05); from 595.44.02 also
 * {@code pick_and_evict_root_chunk} (uvm_pmm_gpu.c) when no root chunk is free to evict but some
 * are pinned or in eviction, for the caller to try again;</li>
 * <li>{@code NV_ERR_BUSY_RETRY}: an HMM page was not migrated; {@code uvm_hmm_unregister_gpu}
 * tries again until every page is off the GPU (uvm_hmm.c, 580.95.05).</li>
 * </ul>
 */
public final class Evictions {
    private static final Set<String> TRANSIENT = Set.of("NV_ERR_IN_USE", "NV_ERR_MORE_PROCESSING_REQUIRED", "NV_ERR_BUSY_RETRY");

    private Evictions() {
    }

    /** The eviction's outcome: the input's status, except that a transient error is {@code busy_retry}. */
    public static EvictStatus status(Evicted e) {
        return e.status() == EvictStatus.error && e.error() != null && TRANSIENT.contains(e.error().strip().toUpperCase(Locale.ROOT))
            ? EvictStatus.busy_retry : e.status();
    }
}
