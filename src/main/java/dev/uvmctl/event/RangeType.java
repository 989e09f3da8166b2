package dev.uvmctl.event;

/**
 * The driver's va_range types ({@code uvm_va_range_type_t}, kernel-open/nvidia-uvm/uvm_va_range.h), plus {@code hmm}
 * for HMM va_blocks, which the driver keeps in a tree of their own for addresses no va_range
 * covers.
 */
public enum RangeType {
    managed, external, channel, sked_reflected, semaphore_pool, device_p2p, hmm;

    /** Types whose destroy may park objects on the va_space's deferred free list (uvm_va_range.c: uvm_va_range_destroy, uvm_deferred_free_object_list; 535..595). */
    public boolean canDefer() {
        return this == external || this == channel || this == device_p2p;
    }
}
