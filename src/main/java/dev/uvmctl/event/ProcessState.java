package dev.uvmctl.event;

import dev.uvmctl.shared.Provenance;
import java.util.Objects;

/**
 * A snapshot's view of process {@code pid}: its state and parent; {@code identity}, its uid and
 * cgroup as the snapshot's /proc read them ({@link ProcessIdentity#UNKNOWN} when it read none).
 */
public record ProcessState(EventTime time, Provenance source, int pid, ProcState state, Integer ppid, String comm,
                           ProcessIdentity identity) implements Event {
    public ProcessState {
        Objects.requireNonNull(state, "state");
        identity = identity == null ? ProcessIdentity.UNKNOWN : identity;
    }

    /** A view that tells no uid or cgroup. */
    public ProcessState(EventTime time, Provenance source, int pid, ProcState state, Integer ppid, String comm) {
        this(time, source, pid, state, ppid, comm, ProcessIdentity.UNKNOWN);
    }

    @Override
    public EventKind kind() {
        return EventKind.process_state;
    }
}
