package dev.uvmctl.event;

import dev.uvmctl.shared.Provenance;

/** The system began to suspend: a va_space released now is destroyed only after resume. */
public record Suspended(EventTime time, Provenance source) implements Event {

    @Override
    public EventKind kind() {
        return EventKind.suspended;
    }
}
