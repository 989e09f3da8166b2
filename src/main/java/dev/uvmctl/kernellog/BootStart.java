package dev.uvmctl.kernellog;

/**
 * A boot boundary: the kernel's {@code Linux version} banner, a journal {@code -- Boot} or
 * {@code -- Reboot --} marker, a new {@code _BOOT_ID}, or a kernel time that went back to zero.
 *
 * @param reason        {@code banner}, {@code journal-marker}, {@code boot-id} or {@code time-reset}
 * @param kernelVersion the release from the banner ({@code 6.8.0-49-generic}), or null
 */
public record BootStart(RecordOrigin origin, String message, String reason, String kernelVersion) implements KernelRecord {
    @Override
    public RecordKind kind() {
        return RecordKind.BOOT;
    }

    @Override
    public boolean needsAttention() {
        return false;
    }
}
