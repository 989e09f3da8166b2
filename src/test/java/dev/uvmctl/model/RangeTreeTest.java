package dev.uvmctl.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uvmctl.event.RangeType;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The range tree against a plain sorted map, over random adds and removes large enough to split
 * and merge leaves and inner nodes, and over addresses on both sides of the sign bit (starts
 * compare unsigned). A failure names its seed, which reproduces it.
 */
class RangeTreeTest {
    private static final long BLOCK = 2L << 20;

    static LongStream seeds() {
        return LongStream.range(0, 24);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void agreesWithASortedMapThroughGrowthAndShrinking(long seed) {
        Random random = new Random(seed);
        RangeTree tree = new RangeTree();
        TreeMap<Long, VaRange> expected = new TreeMap<>(Long::compareUnsigned);
        int slots = 1 + random.nextInt(20_000);
        // Grow to the peak, then shrink, so that nodes split and then merge.
        int peak = 1 + random.nextInt(slots);
        for (int step = 0; step < 6 * slots; step++) {
            boolean growing = step < 3 * slots;
            if (random.nextInt(100) < (growing ? 70 : 30) && expected.size() < peak) {
                long start = address(random, slots);
                if (tree.containing(start) == null && tree.overlapping(start, start + BLOCK / 2 - 1).isEmpty()) {
                    VaRange r = range(start, start + BLOCK / 2 - 1);
                    tree.add(r);
                    expected.put(start, r);
                }
            } else {
                long start = address(random, slots);
                assertThat(tree.removeAt(start)).as("remove %x", start).isSameAs(expected.remove(start));
            }
            if (step % (slots / 8 + 1) == 0) {
                checkAgainst(tree, expected, random, slots);
            }
        }
        checkAgainst(tree, expected, random, slots);
        for (Long start : new ArrayList<>(expected.keySet())) {
            tree.remove(expected.remove(start));
        }
        assertThat(tree.all()).isEmpty();
        assertThat(tree.containing(address(random, slots))).isNull();
    }

    @Test
    void overlappingFindsTheRangeReachingTheStartAndThoseStartingInside() {
        RangeTree tree = new RangeTree();
        List<VaRange> added = new ArrayList<>();
        for (long i = 0; i < 3000; i++) {
            VaRange r = range(i * BLOCK, i * BLOCK + BLOCK / 2 - 1);
            tree.add(r);
            added.add(r);
        }
        assertThat(tree.overlapping(10 * BLOCK + 1, 20 * BLOCK)).containsExactlyElementsOf(added.subList(10, 21));
        assertThat(tree.overlapping(10 * BLOCK + BLOCK / 2, 11 * BLOCK - 1)).isEmpty();
        assertThat(tree.overlapping(0, Long.MAX_VALUE)).containsExactlyElementsOf(added);
        assertThat(tree.overlapping(2999 * BLOCK + 1, -1L)).containsExactly(added.get(2999));
    }

    private static void checkAgainst(RangeTree tree, TreeMap<Long, VaRange> expected, Random random, int slots) {
        assertThat(tree.all()).containsExactlyElementsOf(expected.values());
        for (int i = 0; i < 50; i++) {
            long address = address(random, slots) + random.nextInt((int) BLOCK);
            var below = expected.floorEntry(address);
            VaRange holder = below != null && below.getValue().contains(address) ? below.getValue() : null;
            assertThat(tree.containing(address)).as("containing %x", address).isSameAs(holder);
            long end = address + random.nextInt(8) * BLOCK;
            List<VaRange> overlapping = new ArrayList<>();
            if (below != null && Long.compareUnsigned(below.getValue().end(), address) >= 0) {
                overlapping.add(below.getValue());
            }
            overlapping.addAll(expected.subMap(address, false, end, true).values());
            assertThat(tree.overlapping(address, end)).as("overlapping %x %x", address, end).containsExactlyElementsOf(overlapping);
        }
    }

    /** A 2 MiB-aligned address in one of {@code slots} blocks, half of them above the sign bit. */
    private static long address(Random random, int slots) {
        int slot = random.nextInt(slots);
        return (slot % 2 == 0 ? 0x7f00_0000_0000L : 0xffff_8000_0000_0000L) + (slot / 2) * BLOCK;
    }

    private static VaRange range(long start, long end) {
        return new VaRange(start, end, RangeType.managed, null, true);
    }
}
