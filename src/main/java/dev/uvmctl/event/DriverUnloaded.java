package dev.uvmctl.event;

import dev.uvmctl.shared.Provenance;
import java.util.Objects;

/** A driver module was unloaded: everything of that driver instance ends. */
public record DriverUnloaded(EventTime time, Provenance source, String module) implements Event {
    public DriverUnloaded {
        Objects.requireNonNull(module, "module");
    }

    @Override
    public EventKind kind() {
        return EventKind.driver_unloaded;
    }
}
