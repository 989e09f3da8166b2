package dev.uvmctl.event;

import dev.uvmctl.shared.Provenance;
import java.util.Objects;

/** Process {@code pid} ended: it exited, the OOM killer killed it, or a signal did. */
public record ProcessExited(EventTime time, Provenance source, int pid, String comm, ExitReason reason, Integer signal, Integer code) implements Event {
    public ProcessExited {
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public EventKind kind() {
        return EventKind.process_exited;
    }
}
