package dev.uvmctl.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The live ranges of one va_space by start address, compared unsigned (the driver's addresses
 * are NvU64), with inclusive ends. Ranges do not overlap, so the range holding an address is
 * the one with the highest start at or below it: O(log n).
 *
 * <p>Replay is bound by memory latency, so the tree is laid out for it. It is a B+tree: a leaf
 * keeps up to {@value #LEAF} ranges with their starts in a sorted array, so that a va_space of
 * a hundred ranges is one binary search over one array with no inner node to go through, and a
 * range created past the others (the usual case) is appended. Before searching,
 * {@link #containing} tries a hint: the range last found in the same 2 MiB block (a va_block,
 * the unit the driver works in).
 */
final class RangeTree {
    private static final int LEAF = 128;
    private static final int FANOUT = 32;
    private static final int BLOCK_SHIFT = 21;
    /** Up to this many sorted values, {@link #floorIndex} counts rather than searches. */
    private static final int SCANNED = 16;

    private abstract static class Node {
        int count;
    }

    private static final class Leaf extends Node {
        long[] starts;
        VaRange[] ranges;

        Leaf(int capacity) {
            starts = new long[capacity];
            ranges = new VaRange[capacity];
        }

        void ensure(int capacity) {
            if (capacity > starts.length) {
                int grown = Math.min(LEAF, Math.max(capacity, starts.length * 2));
                starts = Arrays.copyOf(starts, grown);
                ranges = Arrays.copyOf(ranges, grown);
            }
        }
    }

    private static final class Inner extends Node {
        /** {@code keys[i]}, i ≥ 1: every start under {@code children[i]} is at or above it, every one under {@code children[i - 1]} below. */
        final long[] keys = new long[FANOUT];
        final Node[] children = new Node[FANOUT];
    }

    private Node root = new Leaf(4);
    /** Inner levels above the leaves. */
    private int depth;
    private int size;
    /** By a hash of the 2 MiB block: a range that held an address of it, maybe gone since. At least twice the ranges. */
    private VaRange[] hints = new VaRange[8];
    private int hintShift = 64 - 3;
    /** The separator that goes with the node the last {@link #insert} split off. */
    private long splitKey;

    /** The range that holds {@code address}, or null. */
    VaRange containing(long address) {
        int h = hint(address);
        VaRange hinted = hints[h];
        if (hinted != null && hinted.inTree && hinted.contains(address)) {
            return hinted;
        }
        VaRange r = floor(root, depth, address);
        if (r == null || Long.compareUnsigned(address, r.end()) > 0) {
            return null;
        }
        hints[h] = r;
        return r;
    }

    /** The ranges that share at least one address with {@code [start, end]}, lowest first. */
    List<VaRange> overlapping(long start, long end) {
        // The only range starting at or below start that can reach it is the last one; the rest start inside.
        VaRange below = floor(root, depth, start);
        boolean reaches = below != null && Long.compareUnsigned(below.end(), start) >= 0 && Long.compareUnsigned(below.start(), end) <= 0;
        VaRange last = floor(root, depth, end);
        if (!reaches && last == below) {
            return List.of();
        }
        List<VaRange> out = new ArrayList<>();
        if (reaches) {
            out.add(below);
        }
        if (last != below) {
            collect(root, depth, start, end, out);
        }
        return out;
    }

    /** Adds ranges of {@code n} that start in {@code (start, end]}, in order. */
    private static void collect(Node n, int d, long start, long end, List<VaRange> out) {
        if (d == 0) {
            Leaf leaf = (Leaf) n;
            for (int j = floorIndex(leaf.starts, 0, leaf.count, start) + 1; j < leaf.count; j++) {
                if (Long.compareUnsigned(leaf.starts[j], end) > 0) {
                    return;
                }
                out.add(leaf.ranges[j]);
            }
            return;
        }
        Inner in = (Inner) n;
        for (int i = childIndex(in, start); i < in.count && (i == 0 || Long.compareUnsigned(in.keys[i], end) <= 0); i++) {
            collect(in.children[i], d - 1, start, end, out);
        }
    }

    /** Adds a range that overlaps none in the tree. */
    void add(VaRange r) {
        Node split = insert(root, depth, r);
        if (split != null) {
            Inner top = new Inner();
            top.children[0] = root;
            top.children[1] = split;
            top.keys[1] = splitKey;
            top.count = 2;
            root = top;
            depth++;
        }
        size++;
        r.inTree = true;
        if (size > hints.length / 2) {
            rehint(hints.length * 2);
        }
        hints[hint(r.start())] = r;
    }

    void remove(VaRange r) {
        if (removeAt(r.start()) != r) {
            throw new IllegalStateException("range " + Long.toHexString(r.start()) + " is not in the tree");
        }
    }

    /** Removes the range that starts at {@code start} and returns it, or null when none does. */
    VaRange removeAt(long start) {
        VaRange removed = delete(root, depth, start);
        if (removed == null) {
            return null;
        }
        size--;
        removed.inTree = false;
        // Let it go with its evidence; hints to it from its other blocks are bounded by the table.
        int h = hint(start);
        if (hints[h] == removed) {
            hints[h] = null;
        }
        while (depth > 0 && root.count == 1) {
            root = ((Inner) root).children[0];
            depth--;
        }
        return removed;
    }

    /** Every range, lowest start first. */
    List<VaRange> all() {
        List<VaRange> out = new ArrayList<>(size);
        walk(root, depth, out);
        return Collections.unmodifiableList(out);
    }

    private static void walk(Node n, int d, List<VaRange> out) {
        if (d == 0) {
            Leaf leaf = (Leaf) n;
            out.addAll(Arrays.asList(leaf.ranges).subList(0, leaf.count));
            return;
        }
        Inner in = (Inner) n;
        for (int i = 0; i < in.count; i++) {
            walk(in.children[i], d - 1, out);
        }
    }

    /** The range with the highest start at or below {@code key}, or null. */
    private static VaRange floor(Node n, int d, long key) {
        if (d == 0) {
            Leaf leaf = (Leaf) n;
            int j = floorIndex(leaf.starts, 0, leaf.count, key);
            return j < 0 ? null : leaf.ranges[j];
        }
        Inner in = (Inner) n;
        int i = childIndex(in, key);
        VaRange r = floor(in.children[i], d - 1, key);
        // The child may hold nothing that low: then it is the last range of the children before it.
        while (r == null && --i >= 0) {
            r = last(in.children[i], d - 1);
        }
        return r;
    }

    private static VaRange last(Node n, int d) {
        if (d == 0) {
            return n.count == 0 ? null : ((Leaf) n).ranges[n.count - 1];
        }
        Inner in = (Inner) n;
        for (int i = in.count - 1; i >= 0; i--) {
            VaRange r = last(in.children[i], d - 1);
            if (r != null) {
                return r;
            }
        }
        return null;
    }

    /** Inserts {@code r} under {@code n}; returns the node split off to its right, if it had to split ({@link #splitKey}). */
    private Node insert(Node n, int d, VaRange r) {
        return d == 0 ? insertInLeaf((Leaf) n, r) : insertInInner((Inner) n, d, r);
    }

    private Node insertInLeaf(Leaf leaf, VaRange r) {
        long start = r.start();
        int at = floorIndex(leaf.starts, 0, leaf.count, start) + 1;
        if (leaf.count < LEAF) {
            leaf.ensure(leaf.count + 1);
            insertAt(leaf, at, start, r);
            return null;
        }
        Leaf right = new Leaf(LEAF);
        int half = LEAF / 2;
        move(leaf, half, right);
        if (at <= half) {
            insertAt(leaf, at, start, r);
        } else {
            insertAt(right, at - half, start, r);
        }
        splitKey = right.starts[0];
        return right;
    }

    private Node insertInInner(Inner in, int d, VaRange r) {
        int i = childIndex(in, r.start());
        Node child = insert(in.children[i], d - 1, r);
        if (child == null) {
            return null;
        }
        long key = splitKey;
        if (in.count < FANOUT) {
            insertAt(in, i + 1, key, child);
            return null;
        }
        Inner right = new Inner();
        int half = FANOUT / 2;
        int moved = in.count - half;
        System.arraycopy(in.keys, half, right.keys, 0, moved);
        System.arraycopy(in.children, half, right.children, 0, moved);
        Arrays.fill(in.children, half, in.count, null);
        right.count = moved;
        in.count = half;
        // The first key of the right node goes up as the separator; it stays as its unused keys[0].
        splitKey = right.keys[0];
        if (i + 1 <= half) {
            insertAt(in, i + 1, key, child);
        } else {
            insertAt(right, i + 1 - half, key, child);
        }
        return right;
    }

    private static void insertAt(Leaf leaf, int at, long start, VaRange r) {
        System.arraycopy(leaf.starts, at, leaf.starts, at + 1, leaf.count - at);
        System.arraycopy(leaf.ranges, at, leaf.ranges, at + 1, leaf.count - at);
        leaf.starts[at] = start;
        leaf.ranges[at] = r;
        leaf.count++;
    }

    private static void insertAt(Inner in, int at, long key, Node child) {
        System.arraycopy(in.keys, at, in.keys, at + 1, in.count - at);
        System.arraycopy(in.children, at, in.children, at + 1, in.count - at);
        in.keys[at] = key;
        in.children[at] = child;
        in.count++;
    }

    /** Moves the entries of {@code from} from index {@code at} on to the end of {@code to}. */
    private static void move(Leaf from, int at, Leaf to) {
        int moved = from.count - at;
        to.ensure(to.count + moved);
        System.arraycopy(from.starts, at, to.starts, to.count, moved);
        System.arraycopy(from.ranges, at, to.ranges, to.count, moved);
        Arrays.fill(from.ranges, at, from.count, null);
        to.count += moved;
        from.count = at;
    }

    /** Removes the range starting at {@code start} from under {@code n}, merging nodes that became small; returns it or null. */
    private static VaRange delete(Node n, int d, long start) {
        if (d == 0) {
            Leaf leaf = (Leaf) n;
            int j = floorIndex(leaf.starts, 0, leaf.count, start);
            if (j < 0 || leaf.starts[j] != start) {
                return null;
            }
            VaRange removed = leaf.ranges[j];
            System.arraycopy(leaf.starts, j + 1, leaf.starts, j, leaf.count - j - 1);
            System.arraycopy(leaf.ranges, j + 1, leaf.ranges, j, leaf.count - j - 1);
            leaf.ranges[--leaf.count] = null;
            return removed;
        }
        Inner in = (Inner) n;
        int i = childIndex(in, start);
        VaRange removed = delete(in.children[i], d - 1, start);
        int capacity = d == 1 ? LEAF : FANOUT;
        // A node below a quarter full merges into a sibling where they fit, so that memory follows the ranges.
        if (removed != null && in.children[i].count < capacity / 4) {
            if (i > 0 && in.children[i - 1].count + in.children[i].count <= capacity) {
                merge(in, i - 1, d - 1);
            } else if (i + 1 < in.count && in.children[i].count + in.children[i + 1].count <= capacity) {
                merge(in, i, d - 1);
            }
        }
        return removed;
    }

    /** Moves everything of {@code in.children[i + 1]} into {@code in.children[i]} and drops it. */
    private static void merge(Inner in, int i, int d) {
        if (d == 0) {
            Leaf right = (Leaf) in.children[i + 1];
            move(right, 0, (Leaf) in.children[i]);
        } else {
            Inner left = (Inner) in.children[i];
            Inner right = (Inner) in.children[i + 1];
            System.arraycopy(right.keys, 0, left.keys, left.count, right.count);
            System.arraycopy(right.children, 0, left.children, left.count, right.count);
            // The right node's keys[0] was unused: the separator above it takes its place.
            left.keys[left.count] = in.keys[i + 1];
            left.count += right.count;
        }
        System.arraycopy(in.keys, i + 2, in.keys, i + 1, in.count - i - 2);
        System.arraycopy(in.children, i + 2, in.children, i + 1, in.count - i - 2);
        in.children[--in.count] = null;
    }

    /** The child of {@code in} whose starts {@code key} falls among. */
    private static int childIndex(Inner in, long key) {
        return Math.max(0, floorIndex(in.keys, 1, in.count, key));
    }

    /** The highest index in {@code [from, to)} whose value is at or below {@code key}, or {@code from - 1}. */
    private static int floorIndex(long[] sorted, int from, int to, long key) {
        if (to - from <= SCANNED) {
            // A few values: counted, with no branch on them, rather than searched; a binary search's branches are as
            // unpredictable as the addresses a replay looks up, and each wrong guess costs more than a comparison.
            int n = from;
            for (int j = from; j < to; j++) {
                n += Long.compareUnsigned(sorted[j], key) <= 0 ? 1 : 0;
            }
            return n - 1;
        }
        int lo = from;
        int hi = to - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (Long.compareUnsigned(sorted[mid], key) <= 0) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return lo - 1;
    }

    private int hint(long address) {
        return (int) (((address >>> BLOCK_SHIFT) * 0x9E3779B97F4A7C15L) >>> hintShift);
    }

    /** A hint table of {@code length} (a power of two), seeded with each range's first block. */
    private void rehint(int length) {
        hints = new VaRange[length];
        hintShift = 64 - Integer.numberOfTrailingZeros(length);
        for (VaRange r : all()) {
            hints[hint(r.start())] = r;
        }
    }
}
