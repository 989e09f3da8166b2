package dev.uvmctl.event;

import dev.uvmctl.shared.Provenance;
import java.util.Objects;

/** An eviction of {@code bytes} from {@code gpu}, of the range holding {@code address} in {@code vaSpace} when known, ended with {@code status}. */
public record Evicted(EventTime time, Provenance source, String gpu, long bytes, String vaSpace, Long address, EvictStatus status, String error) implements Event {
    public Evicted {
        Objects.requireNonNull(gpu, "gpu");
        Objects.requireNonNull(status, "status");
    }

    @Override
    public EventKind kind() {
        return EventKind.evicted;
    }
}
