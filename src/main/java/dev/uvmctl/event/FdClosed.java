package dev.uvmctl.event;

import dev.uvmctl.shared.Provenance;
import java.util.Objects;

/** Process {@code pid} closed one of its file descriptors on a va_space. */
public record FdClosed(EventTime time, Provenance source, String vaSpace, int pid, FdKind fd) implements Event {
    public FdClosed {
        Objects.requireNonNull(vaSpace, "vaSpace");
        Objects.requireNonNull(fd, "fd");
    }

    @Override
    public EventKind kind() {
        return EventKind.fd_closed;
    }
}
