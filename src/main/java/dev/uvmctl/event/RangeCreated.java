package dev.uvmctl.event;

import java.util.Objects;

/** A va_range (or HMM va_block) {@code [start, end]} was created; {@code end} is inclusive, as in the driver. */
public record RangeCreated(EventTime time, Provenance source, String vaSpace, String range, long start, long end, RangeType rangeType) implements Event {
    public RangeCreated {
        Objects.requireNonNull(vaSpace, "vaSpace");
        Objects.requireNonNull(rangeType, "rangeType");
    }

    @Override
    public EventKind kind() {
        return EventKind.range_created;
    }
}
