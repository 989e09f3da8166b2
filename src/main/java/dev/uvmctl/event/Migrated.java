package dev.uvmctl.event;

import dev.uvmctl.shared.Provenance;
import java.util.Objects;

/** {@code bytes} of the range holding {@code address} moved from one processor to another; {@code cause} as the driver names it, when known. */
public record Migrated(EventTime time, Provenance source, String vaSpace, long address, long bytes, String from, String to, String cause) implements Event {
    public Migrated {
        Objects.requireNonNull(vaSpace, "vaSpace");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }

    @Override
    public EventKind kind() {
        return EventKind.migrated;
    }
}
