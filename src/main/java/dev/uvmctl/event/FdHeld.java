package dev.uvmctl.event;

import dev.uvmctl.shared.Provenance;
import java.util.Objects;

/**
 * Process {@code pid} holds a file descriptor on a va_space, inherited from {@code inheritedFrom}
 * when known. {@code fdPath}: the fd as a snapshot saw it ({@code /proc/PID/fd/N}), or null.
 */
public record FdHeld(EventTime time, Provenance source, String vaSpace, int pid, String comm, FdKind fd, Integer inheritedFrom,
                     String fdPath) implements Event {
    public FdHeld {
        Objects.requireNonNull(vaSpace, "vaSpace");
        Objects.requireNonNull(fd, "fd");
    }

    @Override
    public EventKind kind() {
        return EventKind.fd_held;
    }
}
