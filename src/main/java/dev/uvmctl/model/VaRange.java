package dev.uvmctl.model;

import dev.uvmctl.event.EventTime;
import dev.uvmctl.event.Evicted;
import dev.uvmctl.event.RangeType;

/**
 * A va_range (or HMM va_block) {@code [start, end]} of a va_space. {@code end} is inclusive, as
 * in the driver's range tree ({@code uvm_range_tree.h}): a vma {@code [vm_start, vm_end)} is the
 * range {@code [vm_start, vm_end - 1]}.
 */
public final class VaRange {
    private final long start;
    private final long end;
    private final RangeType type;
    private final String id;
    final Residency residency;
    final EvidenceLog evidence = new EvidenceLog(1, 3);

    RangeState state = RangeState.live;
    long stateSince = EventTime.UNKNOWN;
    int failedEvictions;
    long failingSince = EventTime.UNKNOWN;
    Evicted lastFailure;

    VaRange(long start, long end, RangeType type, String id, boolean residencyKnown) {
        this.start = start;
        this.end = end;
        this.type = type;
        this.id = id;
        this.residency = new Residency(residencyKnown);
    }

    public long start() {
        return start;
    }

    /** The last address of the range (inclusive). */
    public long end() {
        return end;
    }

    /** Bytes spanned; wraps to 0 only for the whole 64-bit space, which no range is. */
    public long size() {
        return end - start + 1;
    }

    public RangeType type() {
        return type;
    }

    /** The driver's id for the range (e.g. its address in the kernel), or null. */
    public String id() {
        return id;
    }

    public RangeState state() {
        return state;
    }

    /** When the range became a zombie or was deferred; {@link EventTime#UNKNOWN} while live. */
    public long stateSince() {
        return stateSince;
    }

    /** Evictions that failed since the last one that succeeded. */
    public int failedEvictions() {
        return failedEvictions;
    }

    /** When the current run of failed evictions began. */
    public long failingSince() {
        return failingSince;
    }

    /** The last failed eviction, or null. */
    public Evicted lastFailure() {
        return lastFailure;
    }

    public boolean residencyKnown() {
        return residency.known();
    }

    public EvidenceLog evidence() {
        return evidence;
    }

    boolean contains(long address) {
        return Long.compareUnsigned(address, start) >= 0 && Long.compareUnsigned(address, end) <= 0;
    }
}
