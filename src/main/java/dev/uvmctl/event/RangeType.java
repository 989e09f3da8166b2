package dev.uvmctl.event;

/**
 * The driver's va_range types ({@code uvm_va_range_type_t}, driver-facts e.1), plus {@code hmm}
 * for HMM va_blocks, which the driver keeps in a tree of their own for addresses no va_range
 * covers.
 */
public enum RangeType {
    managed, external, channel, sked_reflected, semaphore_pool, device_p2p, hmm;

    /** Types whose destroy may park objects on the va_space's deferred free list (driver-facts e.3). */
    public boolean canDefer() {
        return this == external || this == channel || this == device_p2p;
    }
}
