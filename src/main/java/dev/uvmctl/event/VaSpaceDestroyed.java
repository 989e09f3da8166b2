package dev.uvmctl.event;

import dev.uvmctl.shared.Provenance;
import java.util.Objects;

/** A va_space was destroyed ({@code uvm_va_space_destroy}): everything it still had is released. */
public record VaSpaceDestroyed(EventTime time, Provenance source, String vaSpace) implements Event {
    public VaSpaceDestroyed {
        Objects.requireNonNull(vaSpace, "vaSpace");
    }

    @Override
    public EventKind kind() {
        return EventKind.va_space_destroyed;
    }
}
