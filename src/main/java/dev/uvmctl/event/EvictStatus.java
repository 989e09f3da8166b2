package dev.uvmctl.event;

/**
 * The outcome of an eviction: {@code busy_retry} is NV_ERR_BUSY_RETRY or
 * NV_ERR_MORE_PROCESSING_REQUIRED (chunks temporarily pinned, the caller retries); {@code error}
 * is any other failure.
 */
public enum EvictStatus {
    ok, busy_retry, error
}
