package dev.uvmctl.event;

import dev.uvmctl.shared.Provenance;
import java.util.Objects;

/**
 * A va_range (or HMM va_block) {@code [start, end]} was created; {@code end} is inclusive, as in
 * the driver. {@code observed}: a snapshot saw it exist (a {@code /dev/nvidia-uvm} mapping in
 * {@code /proc/PID/maps}) rather than its creation; what is resident in it is then unknown.
 */
public record RangeCreated(EventTime time, Provenance source, String vaSpace, String range, long start, long end, RangeType rangeType,
                           boolean observed) implements Event {
    public RangeCreated {
        Objects.requireNonNull(vaSpace, "vaSpace");
        Objects.requireNonNull(rangeType, "rangeType");
    }

    @Override
    public EventKind kind() {
        return EventKind.range_created;
    }
}
