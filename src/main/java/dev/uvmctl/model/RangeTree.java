package dev.uvmctl.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The live ranges of one va_space: an AVL tree keyed by start address, compared unsigned (the
 * driver's addresses are NvU64), with inclusive ends. Ranges do not overlap, so the range
 * holding an address is found in one descent: O(log n).
 *
 * <p>Replay is bound by memory latency, so the tree is laid out for it: nodes are slots in
 * parallel primitive arrays (start, end, children, height), and the {@link VaRange} itself is
 * touched only once found. Before descending, {@link #containing} tries a hint: the range last
 * found in the same 2 MiB block (a va_block, the unit the driver works in), one probe where a
 * descent is a cache miss per level once the va_space is out of cache.
 */
final class RangeTree {
    private static final int NONE = -1;
    private static final int BLOCK_SHIFT = 21;

    private long[] starts = new long[4];
    private long[] ends = new long[4];
    private int[] lefts = new int[4];
    private int[] rights = new int[4];
    private byte[] heights = new byte[4];
    private VaRange[] ranges = new VaRange[4];
    /** By a hash of the 2 MiB block: a range that held an address of it, maybe gone since. Twice the slots. */
    private VaRange[] hints = new VaRange[8];
    private int hintShift = 64 - 3;
    private int root = NONE;
    private int size;
    /** Slots in use or freed: slots past it were never used. */
    private int used;
    /** Freed slots, chained through {@link #lefts}. */
    private int free = NONE;
    /** What the last {@link #delete} took out, so that one descent both finds and removes. */
    private VaRange removed;

    /** The range that holds {@code address}, or null. */
    VaRange containing(long address) {
        int h = hint(address);
        VaRange hinted = hints[h];
        if (hinted != null && hinted.inTree && hinted.contains(address)) {
            return hinted;
        }
        int n = root;
        while (n != NONE) {
            if (Long.compareUnsigned(address, starts[n]) < 0) {
                n = lefts[n];
            } else if (Long.compareUnsigned(address, ends[n]) <= 0) {
                hints[h] = ranges[n];
                return ranges[n];
            } else {
                n = rights[n];
            }
        }
        return null;
    }

    private int hint(long address) {
        return (int) (((address >>> BLOCK_SHIFT) * 0x9E3779B97F4A7C15L) >>> hintShift);
    }

    /** The ranges that share at least one address with {@code [start, end]}, lowest first. */
    List<VaRange> overlapping(long start, long end) {
        // Nearly always none (a new range in free space): tell that in one descent, allocating nothing.
        if (!overlaps(start, end)) {
            return List.of();
        }
        List<VaRange> out = new ArrayList<>();
        collect(root, start, end, out);
        return out;
    }

    /**
     * Whether some range overlaps {@code [start, end]}: the lowest range that ends at or after
     * {@code start} does exactly when it starts at or before {@code end}.
     */
    private boolean overlaps(long start, long end) {
        int lowest = NONE;
        for (int n = root; n != NONE; ) {
            if (Long.compareUnsigned(ends[n], start) >= 0) {
                lowest = n;
                n = lefts[n];
            } else {
                n = rights[n];
            }
        }
        return lowest != NONE && Long.compareUnsigned(starts[lowest], end) <= 0;
    }

    private void collect(int n, long start, long end, List<VaRange> out) {
        if (n == NONE) {
            return;
        }
        // Ranges left of n start before it and, not overlapping it, end before it: they can reach
        // [start, end] only if start is left of n. Ranges right of n start after it.
        if (Long.compareUnsigned(start, starts[n]) < 0) {
            collect(lefts[n], start, end, out);
        }
        if (Long.compareUnsigned(starts[n], end) <= 0 && Long.compareUnsigned(ends[n], start) >= 0) {
            out.add(ranges[n]);
        }
        if (Long.compareUnsigned(end, starts[n]) > 0) {
            collect(rights[n], start, end, out);
        }
    }

    /** Adds a range that overlaps none in the tree. */
    void add(VaRange r) {
        int slot = allocate();
        starts[slot] = r.start();
        ends[slot] = r.end();
        ranges[slot] = r;
        lefts[slot] = NONE;
        rights[slot] = NONE;
        heights[slot] = 1;
        root = insert(root, slot);
        size++;
        r.inTree = true;
        hints[hint(r.start())] = r;
    }

    void remove(VaRange r) {
        if (removeAt(r.start()) != r) {
            throw new IllegalStateException("range " + Long.toHexString(r.start()) + " is not in the tree");
        }
    }

    /** Removes the range that starts at {@code start} and returns it, or null when none does: one descent. */
    VaRange removeAt(long start) {
        removed = null;
        root = delete(root, start);
        if (removed != null) {
            removed.inTree = false;
            // Let it go with its evidence; hints to it from its other blocks are bounded by the table.
            int h = hint(start);
            if (hints[h] == removed) {
                hints[h] = null;
            }
        }
        return removed;
    }

    /** Every range, lowest start first. */
    List<VaRange> all() {
        List<VaRange> out = new ArrayList<>(size);
        inOrder(root, out);
        return Collections.unmodifiableList(out);
    }

    private void inOrder(int n, List<VaRange> out) {
        while (n != NONE) {
            inOrder(lefts[n], out);
            out.add(ranges[n]);
            n = rights[n];
        }
    }

    private int insert(int n, int slot) {
        if (n == NONE) {
            return slot;
        }
        if (Long.compareUnsigned(starts[slot], starts[n]) < 0) {
            lefts[n] = insert(lefts[n], slot);
        } else {
            rights[n] = insert(rights[n], slot);
        }
        return balance(n);
    }

    private int delete(int n, long start) {
        if (n == NONE) {
            return NONE;
        }
        int c = Long.compareUnsigned(start, starts[n]);
        if (c < 0) {
            lefts[n] = delete(lefts[n], start);
            return balance(n);
        }
        if (c > 0) {
            rights[n] = delete(rights[n], start);
            return balance(n);
        }
        if (removed == null) {
            removed = ranges[n];
        }
        if (lefts[n] == NONE || rights[n] == NONE) {
            int child = lefts[n] != NONE ? lefts[n] : rights[n];
            release(n);
            size--;
            return child;
        }
        // Two children: the successor's range moves into this slot, then leaves the right subtree.
        int successor = rights[n];
        while (lefts[successor] != NONE) {
            successor = lefts[successor];
        }
        starts[n] = starts[successor];
        ends[n] = ends[successor];
        ranges[n] = ranges[successor];
        rights[n] = delete(rights[n], starts[n]);
        return balance(n);
    }

    private int height(int n) {
        return n == NONE ? 0 : heights[n];
    }

    private void updateHeight(int n) {
        heights[n] = (byte) (1 + Math.max(height(lefts[n]), height(rights[n])));
    }

    private int balance(int n) {
        int diff = height(lefts[n]) - height(rights[n]);
        if (diff > 1) {
            if (height(lefts[lefts[n]]) < height(rights[lefts[n]])) {
                lefts[n] = rotateLeft(lefts[n]);
            }
            return rotateRight(n);
        }
        if (diff < -1) {
            if (height(rights[rights[n]]) < height(lefts[rights[n]])) {
                rights[n] = rotateRight(rights[n]);
            }
            return rotateLeft(n);
        }
        updateHeight(n);
        return n;
    }

    private int rotateRight(int n) {
        int l = lefts[n];
        lefts[n] = rights[l];
        rights[l] = n;
        updateHeight(n);
        updateHeight(l);
        return l;
    }

    private int rotateLeft(int n) {
        int r = rights[n];
        rights[n] = lefts[r];
        lefts[r] = n;
        updateHeight(n);
        updateHeight(r);
        return r;
    }

    private int allocate() {
        if (free != NONE) {
            int slot = free;
            free = lefts[slot];
            return slot;
        }
        if (used == starts.length) {
            int capacity = used * 2;
            starts = Arrays.copyOf(starts, capacity);
            ends = Arrays.copyOf(ends, capacity);
            lefts = Arrays.copyOf(lefts, capacity);
            rights = Arrays.copyOf(rights, capacity);
            heights = Arrays.copyOf(heights, capacity);
            ranges = Arrays.copyOf(ranges, capacity);
            rehint(capacity * 2);
        }
        return used++;
    }

    /** A hint table of {@code length} (a power of two), seeded with each range's first block. */
    private void rehint(int length) {
        hints = new VaRange[length];
        hintShift = 64 - Integer.numberOfTrailingZeros(length);
        for (int n = 0; n < used; n++) {
            if (ranges[n] != null) {
                hints[hint(starts[n])] = ranges[n];
            }
        }
    }

    private void release(int slot) {
        ranges[slot] = null;
        lefts[slot] = free;
        free = slot;
    }
}
