package dev.uvmctl.event;

import dev.uvmctl.shared.Provenance;
import java.util.List;
import java.util.Objects;

/** The driver failed: an oops, BUG, WARN or release assert, in task {@code pid} when known, with the call-trace frames, innermost first. */
public record DriverFault(EventTime time, Provenance source, FaultKind fault, Integer pid, String comm, String message, List<String> frames) implements Event {
    public DriverFault {
        Objects.requireNonNull(fault, "fault");
        frames = List.copyOf(frames);
    }

    @Override
    public EventKind kind() {
        return EventKind.driver_fault;
    }
}
