package dev.uvmctl.event;

import dev.uvmctl.shared.Provenance;
import java.util.Objects;

/** {@code bytes} of the range holding {@code address} became resident on {@code processor} for the first time (first touch). */
public record Populated(EventTime time, Provenance source, String vaSpace, long address, long bytes, String processor) implements Event {
    public Populated {
        Objects.requireNonNull(vaSpace, "vaSpace");
        Objects.requireNonNull(processor, "processor");
    }

    @Override
    public EventKind kind() {
        return EventKind.populated;
    }
}
