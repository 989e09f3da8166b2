package dev.uvmctl.event;

import dev.uvmctl.shared.Provenance;

/**
 * A snapshot was taken here: its kernel time and wall clock give the boot's wall-clock start, and
 * it marks the end of the input. {@code allHolders}: the snapshot lists every process that holds
 * {@code /dev/nvidia-uvm} (it missed nothing), so a holder an earlier input showed and this
 * snapshot does not has let go.
 */
public record Capture(EventTime time, Provenance source, boolean allHolders) implements Event {

    @Override
    public EventKind kind() {
        return EventKind.capture;
    }
}
