package dev.uvmctl.event;

/**
 * The driver's va_range types ({@code uvm_va_range_type_t}, uvm_va_range.h, 580.95.05), plus {@code hmm}
 * for HMM va_blocks, which the driver keeps in a tree of their own for addresses no va_range
 * covers.
 */
public enum RangeType {
    managed, external, channel, sked_reflected, semaphore_pool, device_p2p, hmm
}
