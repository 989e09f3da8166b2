package dev.uvmctl.event;

import dev.uvmctl.shared.Provenance;
import java.util.Objects;

/** The va_space's deferred free list was processed ({@code uvm_deferred_free_object_list}). */
public record DeferredFreed(EventTime time, Provenance source, String vaSpace) implements Event {
    public DeferredFreed {
        Objects.requireNonNull(vaSpace, "vaSpace");
    }

    @Override
    public EventKind kind() {
        return EventKind.deferred_freed;
    }
}
