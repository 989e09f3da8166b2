package dev.uvmctl.model;

import dev.uvmctl.event.EventTime;
import dev.uvmctl.event.Evicted;
import dev.uvmctl.event.RangeType;
import java.util.Arrays;

/**
 * A va_range (or HMM va_block) {@code [start, end]} of a va_space. {@code end} is inclusive, as
 * in the driver's range tree ({@code uvm_range_tree.h}): a vma {@code [vm_start, vm_end)} is the
 * range {@code [vm_start, vm_end - 1]}.
 */
public final class VaRange extends EvidenceLog {
    private static final long[] NONE = new long[0];

    private final long start;
    private final long end;
    private final RangeType type;
    private final String id;
    /**
     * Bytes resident per processor number ({@link Processors}), kept in the range itself rather
     * than in an object of its own: every migration touches it, and replay is bound by memory
     * latency. Unknown residency (a range no input saw created) is {@code residencyKnown} false.
     */
    private long[] bytes = NONE;
    private final boolean residencyKnown;

    RangeState state = RangeState.live;
    long stateSince = EventTime.UNKNOWN;
    int failedEvictions;
    long failingSince = EventTime.UNKNOWN;
    Evidence firstFailure;
    Evidence lastFailure;

    VaRange(long start, long end, RangeType type, String id, boolean residencyKnown) {
        // The creation and the last event: nearly every event replaces the last one, and what is
        // kept past a young collection becomes old garbage when replaced, so the log stays short.
        super(1, 1);
        this.start = start;
        this.end = end;
        this.type = type;
        this.id = id;
        this.residencyKnown = residencyKnown;
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

    /** The first failed eviction of the current run of failures, or null. */
    public Evidence firstFailure() {
        return firstFailure;
    }

    /** The last failed eviction of the current run ({@link Evicted}), or null once one succeeded. */
    public Evidence lastFailure() {
        return lastFailure;
    }

    public boolean residencyKnown() {
        return residencyKnown;
    }

    long bytesOn(int processor) {
        return processor < bytes.length ? bytes[processor] : 0;
    }

    void addBytes(int processor, long n) {
        if (processor >= bytes.length) {
            bytes = Arrays.copyOf(bytes, processor + 1);
        }
        long sum = bytes[processor] + n;
        // Hostile input must not make replay throw: saturate instead of overflowing.
        bytes[processor] = sum < 0 ? Long.MAX_VALUE : sum;
    }

    /** Takes up to {@code n} bytes off {@code processor}; returns how many there were to take. */
    long takeBytes(int processor, long n) {
        long taken = Math.min(n, bytesOn(processor));
        if (taken > 0) {
            bytes[processor] -= taken;
        }
        return taken;
    }

    /** The highest processor number with bytes, plus one. */
    int processorWidth() {
        return bytes.length;
    }

    /** The range's own events: its creation and its last few. */
    public EvidenceLog evidence() {
        return this;
    }

    boolean contains(long address) {
        return Long.compareUnsigned(address, start) >= 0 && Long.compareUnsigned(address, end) <= 0;
    }
}
