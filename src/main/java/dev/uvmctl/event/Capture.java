package dev.uvmctl.event;

/** A snapshot was taken here: its kernel time and wall clock give the boot's wall-clock start, and it marks the end of the input. */
public record Capture(EventTime time, Provenance source) implements Event {

    @Override
    public EventKind kind() {
        return EventKind.capture;
    }
}
