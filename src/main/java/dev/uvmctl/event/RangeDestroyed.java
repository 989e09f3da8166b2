package dev.uvmctl.event;

import dev.uvmctl.shared.Provenance;
import java.util.Objects;

/** The va_range starting at {@code start} was destroyed; {@code deferred}: its objects went onto the deferred free list. */
public record RangeDestroyed(EventTime time, Provenance source, String vaSpace, long start, boolean deferred) implements Event {
    public RangeDestroyed {
        Objects.requireNonNull(vaSpace, "vaSpace");
    }

    @Override
    public EventKind kind() {
        return EventKind.range_destroyed;
    }
}
