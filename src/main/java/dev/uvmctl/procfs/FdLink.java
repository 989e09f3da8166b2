package dev.uvmctl.procfs;

import dev.uvmctl.shared.Provenance;

/**
 * An open file descriptor on an NVIDIA device: the fd number, the link target as the kernel shows
 * it, the device it names and, from {@code fdinfo}, the open flags (octal in the file; null when
 * fdinfo could not be read). A child created by fork() without exec, or by exec of an fd without
 * {@code O_CLOEXEC}, holds the same open file: that keeps the parent's va_space alive.
 */
public record FdLink(int fd, String target, DeviceFile device, Long flags, Provenance origin) {
    /** {@code O_CLOEXEC} on Linux (octal 02000000). */
    public static final long O_CLOEXEC = 02000000;

    /** Whether exec() closes this fd; null when the flags are unknown. */
    public Boolean closeOnExec() {
        return flags == null ? null : (flags & O_CLOEXEC) != 0;
    }
}
