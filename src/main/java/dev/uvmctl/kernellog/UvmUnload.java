package dev.uvmctl.kernellog;

/**
 * nvidia-uvm's unload line: {@code Unloaded the UVM driver.} (kernel-open/nvidia-uvm/uvm.c, same
 * releases as {@link UvmLoad}) or the old {@code Unloaded the UVM driver in 8 mode}. Routine.
 */
public record UvmUnload(RecordOrigin origin, String message, String mode, String spelling) implements KernelRecord {
    @Override
    public RecordKind kind() {
        return RecordKind.UVM_UNLOAD;
    }

    @Override
    public boolean needsAttention() {
        return false;
    }
}
