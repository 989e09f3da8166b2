package dev.uvmctl.event;

import dev.uvmctl.shared.Provenance;
import java.util.Objects;

/** A driver module was loaded ({@code nvidia} or {@code nvidia_uvm}). */
public record DriverLoaded(EventTime time, Provenance source, String module, String version) implements Event {
    public DriverLoaded {
        Objects.requireNonNull(module, "module");
    }

    @Override
    public EventKind kind() {
        return EventKind.driver_loaded;
    }
}
