package dev.uvmctl.event;

import dev.uvmctl.shared.Provenance;
import java.util.Objects;

/** The GPU fell off the bus: everything on it is gone and only a reboot recovers it. */
public record GpuLost(EventTime time, Provenance source, String gpu) implements Event {
    public GpuLost {
        Objects.requireNonNull(gpu, "gpu");
    }

    @Override
    public EventKind kind() {
        return EventKind.gpu_lost;
    }
}
