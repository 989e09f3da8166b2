package dev.uvmctl.kernellog;

import java.util.List;

/**
 * nvidia-uvm's leak checker at module unload (uvm_kvmalloc_exit, kernel-open/nvidia-uvm/
 * uvm_kvmalloc.c): {@code Memory leak of N bytes detected.} between two lines of 28 {@code !},
 * then with {@code uvm_leak_checker=2} one {@code Leaked N bytes from file:line:function (0xaddr)}
 * line per allocation. Only UVM's own kernel heap is tracked, not GPU memory.
 *
 * @param bytes       the total from the report, null when the report was cut before it
 * @param allocations the per-allocation lines (level 2 only)
 */
public record DriverLeakReport(RecordOrigin origin, String message, Long bytes, List<Allocation> allocations)
    implements KernelRecord {

    /** One {@code Leaked N bytes from file:line:function (0xaddr)} line. */
    public record Allocation(long bytes, String file, int line, String function, long address) {
    }

    public DriverLeakReport {
        allocations = List.copyOf(allocations);
    }

    @Override
    public RecordKind kind() {
        return RecordKind.DRIVER_LEAK;
    }

    @Override
    public boolean needsAttention() {
        return true;
    }
}
