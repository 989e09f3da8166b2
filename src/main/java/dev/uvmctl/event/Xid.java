package dev.uvmctl.event;

import dev.uvmctl.shared.Provenance;
import java.util.Objects;

/** An Xid the core driver reported for {@code gpu}, with the process of the channel when known. */
public record Xid(EventTime time, Provenance source, String gpu, int code, Integer pid, String comm, String message) implements Event {
    public Xid {
        Objects.requireNonNull(gpu, "gpu");
    }

    @Override
    public EventKind kind() {
        return EventKind.xid;
    }
}
