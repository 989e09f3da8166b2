package dev.uvmctl.kernellog;

/**
 * nvidia-uvm's load banner in every wording seen: {@code Loaded the UVM driver, major device
 * number N.} (kernel-open/nvidia-uvm/uvm.c, 515.43.04..570.123.06 and 570.124.04..570.124.06),
 * the older {@code Loaded the UVM driver in 8 mode, major device number N} and the
 * {@code nvidia_uvm:} spelling. Newer drivers (570.123.07+, 570.133.07..595) print nothing on load.
 *
 * @param mode     the {@code in N mode} word of old drivers, else null
 * @param spelling the module prefix as printed: {@code nvidia-uvm} or {@code nvidia_uvm}
 */
public record UvmLoad(RecordOrigin origin, String message, Integer major, String mode, String spelling)
    implements KernelRecord {
    @Override
    public RecordKind kind() {
        return RecordKind.UVM_LOAD;
    }

    @Override
    public boolean needsAttention() {
        return false;
    }
}
