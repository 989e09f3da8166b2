package dev.uvmctl.event;

import dev.uvmctl.shared.Provenance;

/** The system resumed: releases deferred during suspend run now. */
public record Resumed(EventTime time, Provenance source) implements Event {

    @Override
    public EventKind kind() {
        return EventKind.resumed;
    }
}
