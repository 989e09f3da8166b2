package dev.uvmctl.event;

import dev.uvmctl.shared.Provenance;
import java.util.Objects;

/**
 * A live range was split in two (uvm_va_range.c: uvm_va_range_split, 535..595: a partial munmap
 * or mprotect of a managed vma, or a policy set on part of it): {@code [start, end]} is the new
 * upper piece, and the range that held {@code start} now ends at {@code start - 1}.
 */
public record RangeSplit(EventTime time, Provenance source, String vaSpace, long start, long end) implements Event {
    public RangeSplit {
        Objects.requireNonNull(vaSpace, "vaSpace");
    }

    @Override
    public EventKind kind() {
        return EventKind.range_split;
    }
}
