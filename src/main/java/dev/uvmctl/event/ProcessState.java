package dev.uvmctl.event;

import dev.uvmctl.shared.Provenance;
import java.util.Objects;

/** A snapshot's view of process {@code pid}: its state and parent. */
public record ProcessState(EventTime time, Provenance source, int pid, ProcState state, Integer ppid, String comm) implements Event {
    public ProcessState {
        Objects.requireNonNull(state, "state");
    }

    @Override
    public EventKind kind() {
        return EventKind.process_state;
    }
}
