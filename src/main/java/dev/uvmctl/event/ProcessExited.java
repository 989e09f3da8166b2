package dev.uvmctl.event;

import dev.uvmctl.shared.Provenance;
import java.util.Objects;

/**
 * Process {@code pid} ended: it exited, the OOM killer killed it, or a signal did. {@code identity}:
 * its uid and cgroup when an input told them (the OOM killer's lines of that kill), else
 * {@link ProcessIdentity#UNKNOWN}.
 */
public record ProcessExited(EventTime time, Provenance source, int pid, String comm, ExitReason reason, Integer signal, Integer code,
                            ProcessIdentity identity) implements Event {
    public ProcessExited {
        Objects.requireNonNull(reason, "reason");
        identity = identity == null ? ProcessIdentity.UNKNOWN : identity;
    }

    /** An end whose uid and cgroup no input told. */
    public ProcessExited(EventTime time, Provenance source, int pid, String comm, ExitReason reason, Integer signal, Integer code) {
        this(time, source, pid, comm, reason, signal, code, ProcessIdentity.UNKNOWN);
    }

    @Override
    public EventKind kind() {
        return EventKind.process_exited;
    }
}
