package dev.uvmctl.event;

import java.util.Objects;

/** Process {@code pid} holds a file descriptor on a va_space, inherited from {@code inheritedFrom} when known. */
public record FdHeld(EventTime time, Provenance source, String vaSpace, int pid, String comm, FdKind fd, Integer inheritedFrom) implements Event {
    public FdHeld {
        Objects.requireNonNull(vaSpace, "vaSpace");
        Objects.requireNonNull(fd, "fd");
    }

    @Override
    public EventKind kind() {
        return EventKind.fd_held;
    }
}
