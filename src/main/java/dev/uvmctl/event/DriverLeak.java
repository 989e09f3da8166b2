package dev.uvmctl.event;

import dev.uvmctl.shared.Provenance;

/** The nvidia-uvm leak checker reported {@code bytes} of its own kernel allocations not freed at unload. */
public record DriverLeak(EventTime time, Provenance source, long bytes) implements Event {

    @Override
    public EventKind kind() {
        return EventKind.driver_leak;
    }
}
