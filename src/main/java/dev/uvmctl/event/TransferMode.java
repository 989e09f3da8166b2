package dev.uvmctl.event;

/**
 * How a {@code migrated} event put pages on its destination, as the driver's
 * {@code uvm_va_block_transfer_mode_t} says (uvm_va_block_types.h, 580.95.05): {@code move} leaves
 * them on the destination only ({@code uvm_va_block_make_resident}); {@code copy} is read
 * duplication, which keeps them on the source too ({@code uvm_va_block_make_resident_read_duplicate}).
 */
public enum TransferMode {
    move, copy
}
