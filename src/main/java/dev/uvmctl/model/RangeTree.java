package dev.uvmctl.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The live ranges of one va_space, keyed by start address (compared unsigned, as the driver's
 * NvU64 addresses are) with inclusive ends; ranges do not overlap, so a lookup by address is
 * one floor search: O(log n).
 */
final class RangeTree {
    private final TreeMap<Long, VaRange> byStart = new TreeMap<>(Long::compareUnsigned);

    /** The range that holds {@code address}, or null. */
    VaRange containing(long address) {
        Map.Entry<Long, VaRange> e = byStart.floorEntry(address);
        if (e == null || !e.getValue().contains(address)) {
            return null;
        }
        return e.getValue();
    }

    /** The range that starts exactly at {@code start}, or null. */
    VaRange startingAt(long start) {
        return byStart.get(start);
    }

    /** The ranges that share at least one address with {@code [start, end]}, lowest first. */
    List<VaRange> overlapping(long start, long end) {
        List<VaRange> out = new ArrayList<>(2);
        VaRange below = containing(start);
        if (below != null) {
            out.add(below);
        }
        for (VaRange r : byStart.subMap(start, below == null, end, true).values()) {
            out.add(r);
        }
        return out;
    }

    void add(VaRange r) {
        byStart.put(r.start(), r);
    }

    void remove(VaRange r) {
        byStart.remove(r.start());
    }

    boolean isEmpty() {
        return byStart.isEmpty();
    }

    int size() {
        return byStart.size();
    }

    /** Every range, lowest start first. */
    Collection<VaRange> all() {
        return Collections.unmodifiableCollection(byStart.values());
    }
}
