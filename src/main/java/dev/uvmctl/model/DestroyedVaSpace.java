package dev.uvmctl.model;

import dev.uvmctl.shared.Provenance;
import java.util.Arrays;
import java.util.BitSet;

/**
 * A va_space the model saw destroyed: where, and the ranges it still had then, whose own
 * destroys may follow. {@code uvm_va_space_destroy} (uvm_va_space.c, 535.43.02..595.45.04) tears
 * its ranges down itself, after its entry ({@code uvm_for_each_va_range_safe} then
 * {@code uvm_va_range_destroy}, whose managed case notifies {@code UVM_PERF_EVENT_RANGE_DESTROY} in
 * {@code uvm_va_range_destroy_managed}, uvm_va_range.c): a probe at the function's entry sees the
 * va_space end before each of its ranges does. Those destroys are the same teardown, each taken
 * once; any other destroy of a range of a destroyed va_space is broken history.
 *
 * <p>They come within that one call, right after its entry, so only the ranges of the last
 * {@link #KEPT} va_spaces destroyed are kept ({@link #forgetRanges}): memory stays flat however many
 * va_spaces a trace ends.
 */
final class DestroyedVaSpace {
    /** How many of the va_spaces destroyed last keep their ranges: destroys running at once on as many CPUs. */
    static final int KEPT = 64;

    final Provenance where;
    /** Sorted. */
    private long[] starts;
    private final BitSet said = new BitSet();

    DestroyedVaSpace(Provenance where, long[] starts) {
        this.where = where;
        this.starts = starts.clone();
        Arrays.sort(this.starts);
    }

    /** True, once, when a range starting at {@code start} was the va_space's as it was destroyed. */
    boolean rangeDestroyed(long start) {
        int i = Arrays.binarySearch(starts, start);
        if (i < 0 || said.get(i)) {
            return false;
        }
        said.set(i);
        return true;
    }

    /** Its destroy is long over: the destroys of its ranges are no longer waited for. */
    void forgetRanges() {
        starts = new long[0];
        said.clear();
    }
}
