package dev.uvmctl.event;

import dev.uvmctl.shared.Provenance;
import java.util.Objects;

/**
 * {@code bytes} of the range holding {@code address} went from one processor to another;
 * {@code cause} as the driver names it, when known; {@code mode} whether they moved or were copied
 * (read duplication), {@code move} when no input told (null is taken as that).
 */
public record Migrated(EventTime time, Provenance source, String vaSpace, long address, long bytes, String from, String to, String cause,
                       TransferMode mode) implements Event {
    public Migrated {
        Objects.requireNonNull(vaSpace, "vaSpace");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (mode == null) {
            mode = TransferMode.move;
        }
    }

    @Override
    public EventKind kind() {
        return EventKind.migrated;
    }
}
