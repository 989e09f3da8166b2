package dev.uvmctl.model;

import dev.uvmctl.event.Event;
import dev.uvmctl.event.EventTime;
import dev.uvmctl.event.Evicted;
import dev.uvmctl.event.RangeType;
import dev.uvmctl.shared.Sizes;
import java.util.Arrays;
import java.util.List;

/**
 * A va_range (or HMM va_block) {@code [start, end]} of a va_space. {@code end} is inclusive, as
 * in the driver's range tree ({@code uvm_range_tree.h}): a vma {@code [vm_start, vm_end)} is the
 * range {@code [vm_start, vm_end - 1]}.
 */
public final class VaRange implements EvidenceLog {
    private static final long[] NONE = new long[0];
    private static final int NO_GPU = -1;

    private final long start;
    private final long end;
    private final RangeType type;
    private final String id;
    /*
     * Bytes resident per processor number (Processors), in the range itself rather than in an
     * array of its own: every migration touches them, and replay is bound by memory latency. The
     * usual range lives on the CPU and one GPU; any other GPU's bytes go to {@code more}, by
     * processor number. Unknown residency (a range no input saw created) is residencyKnown false.
     */
    private long cpuBytes;
    /** The processor number whose bytes are {@code gpuBytes}: the first GPU that got any, for good. */
    private int gpu = NO_GPU;
    private long gpuBytes;
    private long[] more = NONE;
    private boolean residencyKnown;
    /**
     * A read-duplicating copy may have put some of its pages on more than one processor, so that
     * the bytes over all processors may exceed the pages they are; false again once one processor
     * holds all it has.
     */
    private boolean duplicated;
    /**
     * A copy proved bytes on a processor where no event had put them (RangeReplay.transfer): pages
     * were first touched unseen, so what is known of the range is a lower bound.
     */
    private boolean untracked;

    /*
     * The evidence log, inline for the same reason: the creation and the last event. Nearly every
     * event replaces the last one, so an array or an Evidence per event would be a cache miss, or
     * garbage promoted with the range, for each.
     */
    private long total;
    private long firstSequence;
    private Event first;
    private long lastSequence;
    private Event last;

    /** In its va_space's {@link RangeTree}; false once removed (destroyed, deferred, reclaimed). */
    boolean inTree;
    RangeState state = RangeState.live;
    long stateSince = EventTime.UNKNOWN;
    int failedEvictions;
    long failingSince = EventTime.UNKNOWN;
    Evidence firstFailure;
    Evidence lastFailure;

    VaRange(long start, long end, RangeType type, String id, boolean residencyKnown) {
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

    /**
     * True when a copy proved pages of the range resident where no input showed them arrive (a
     * first touch: on the CPU a page fault, on a GPU a zero-fill without a copy, neither of which
     * the inputs show): its bytes per processor are then a lower bound.
     */
    public boolean bytesAtLeast() {
        return untracked;
    }

    /** See {@link #bytesAtLeast()}: set for good, and passed to the parts of a split. */
    void untracked() {
        untracked = true;
    }

    /** A migration showed bytes of a range whose residency was unknown: they count from here on. */
    void establishResidency() {
        residencyKnown = true;
    }

    long bytesOn(int processor) {
        if (processor == Processors.CPU) {
            return cpuBytes;
        }
        if (processor == gpu) {
            return gpuBytes;
        }
        return processor < more.length ? more[processor] : 0;
    }

    void addBytes(int processor, long n) {
        // Hostile input must not make replay throw: saturate instead of overflowing.
        setBytes(processor, Sizes.saturatedSum(bytesOn(processor), n));
    }

    /** Takes up to {@code n} bytes off {@code processor}; returns how many there were to take. */
    long takeBytes(int processor, long n) {
        long had = bytesOn(processor);
        long taken = Math.min(n, had);
        if (taken > 0) {
            setBytes(processor, had - taken);
        }
        return taken;
    }

    private void setBytes(int processor, long n) {
        if (processor == Processors.CPU) {
            cpuBytes = n;
        } else if (processor == gpu || gpu == NO_GPU) {
            gpu = processor;
            gpuBytes = n;
        } else {
            if (processor >= more.length) {
                more = Arrays.copyOf(more, processor + 1);
            }
            more[processor] = n;
        }
    }

    boolean duplicated() {
        return duplicated;
    }

    /** After a change: a copy put pages on a second processor, or the pages are back on one. */
    void duplicated(boolean copied) {
        duplicated = (duplicated || copied) && processorsHolding() > 1;
    }

    /**
     * Bytes known to be resident somewhere: the sum over the processors, or when a copy may have
     * duplicated pages, the most any one processor holds (each of its pages is one of the range's).
     */
    long occupied() {
        long sum = cpuBytes;
        long most = cpuBytes;
        for (int p = 1; p < processorWidth(); p++) {
            long b = bytesOn(p);
            sum = Sizes.saturatedSum(sum, b);
            most = Math.max(most, b);
        }
        return duplicated ? most : sum;
    }

    private int processorsHolding() {
        int n = 0;
        for (int p = 0; p < processorWidth(); p++) {
            if (bytesOn(p) > 0) {
                n++;
            }
        }
        return n;
    }

    /** The highest processor number that may have bytes, plus one. */
    int processorWidth() {
        return Math.max(Math.max(Processors.CPU, gpu) + 1, more.length);
    }

    /** The range's own events: its creation and its last one. */
    public EvidenceLog evidence() {
        return this;
    }

    void add(long sequence, Event e) {
        if (total++ == 0) {
            firstSequence = sequence;
            first = e;
        } else {
            lastSequence = sequence;
            last = e;
        }
    }

    @Override
    public long total() {
        return total;
    }

    @Override
    public void addTo(List<Evidence> out) {
        if (first != null) {
            out.add(new Evidence(firstSequence, first));
        }
        if (last != null) {
            out.add(new Evidence(lastSequence, last));
        }
    }

    boolean contains(long address) {
        return Long.compareUnsigned(address, start) >= 0 && Long.compareUnsigned(address, end) <= 0;
    }
}
