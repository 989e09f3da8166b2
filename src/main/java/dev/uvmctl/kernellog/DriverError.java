package dev.uvmctl.kernellog;

import dev.uvmctl.shared.PciAddress;

/**
 * A core-driver error that is not about one failed GPU: an RM assertion or check
 * ({@code nvAssertFailedNoLog: Assertion failed: ...}, {@code nvCheckFailedNoLog: Check failed:
 * ...}, with or without a {@code GPU0} prefix; src/nvidia/src/libraries/utils/nvassert.c) or a
 * host allocation failure ({@code NVRM: VM: %s: failed to allocate memory}, kernel-open/nvidia/nv-vm.c).
 *
 * @param reason {@code assert} or {@code alloc-failure}
 */
public record DriverError(RecordOrigin origin, String message, PciAddress gpu, String reason) implements KernelRecord {
    @Override
    public RecordKind kind() {
        return RecordKind.DRIVER_ERROR;
    }

    @Override
    public boolean needsAttention() {
        return true;
    }
}
