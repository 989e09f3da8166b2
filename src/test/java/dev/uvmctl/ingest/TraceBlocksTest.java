package dev.uvmctl.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The block table against a HashMap that does what its contract says, under random operations. */
class TraceBlocksTest {
    /** The model's entry: the va_space object (by identity), the address and the GPU. */
    private record Entry(TraceBlocks.VaSpace vas, long address, int gpu) {
    }

    private static void put(Map<Long, Entry> model, long pointer, TraceBlocks.VaSpace vas, long address, int gpu) {
        if (pointer == 0) {
            return;
        }
        Entry e = model.get(pointer);
        if (e != null && e.vas() == vas && (e.address() >>> 21) == (address >>> 21)) {
            model.put(pointer, new Entry(vas, e.address(), gpu));
        } else {
            model.put(pointer, new Entry(vas, address, gpu));
        }
    }

    @Test
    void randomPutsGetsAndDropsAgreeWithAMap() {
        Random random = new Random(2026);
        for (int round = 0; round < 20; round++) {
            TraceBlocks blocks = new TraceBlocks();
            Map<Long, Entry> model = new HashMap<>();
            List<TraceBlocks.VaSpace> alive = new ArrayList<>();
            int created = 0;
            // Few pointers (so they are named again by other va_spaces), slab-like: multiples of 64, some sharing their low bits.
            int pointers = 50 + random.nextInt(3000);
            for (int op = 0; op < 20_000; op++) {
                if (alive.isEmpty() || random.nextInt(200) == 0) {
                    alive.add(new TraceBlocks.VaSpace("0x" + Integer.toHexString(created++)));
                }
                TraceBlocks.VaSpace vas = alive.get(random.nextInt(alive.size()));
                long pointer = random.nextInt(50) == 0 ? 0 : 0xffff9a9c00000000L + 64L * random.nextInt(pointers);
                long address = 0x7f0000000000L + (long) random.nextInt(64) * (1 << 20) + (random.nextBoolean() ? 0 : 4096);
                int r = random.nextInt(100);
                if (r < 70) {
                    int gpu = random.nextInt(3);
                    blocks.put(pointer, vas, address, gpu);
                    put(model, pointer, vas, address, gpu);
                } else if (r < 95) {
                    TraceBlocks.Block b = blocks.get(pointer);
                    Entry e = pointer == 0 ? null : model.get(pointer);
                    if (e == null) {
                        assertThat(b).isNull();
                    } else {
                        assertThat(b).isEqualTo(new TraceBlocks.Block(e.vas().name, e.address(), e.gpu()));
                    }
                } else if (r < 99) {
                    long start = 0x7f0000000000L + (long) random.nextInt(64) * (1 << 20);
                    long end = start + (long) random.nextInt(16) * (1 << 20) - 1;
                    blocks.dropRange(vas, start, end);
                    model.values().removeIf(e -> e.vas() == vas && Long.compareUnsigned(e.address(), start) >= 0
                        && Long.compareUnsigned(e.address(), end) <= 0);
                } else {
                    blocks.dropVaSpace(vas);
                    model.values().removeIf(e -> e.vas() == vas);
                    alive.remove(vas);
                }
            }
            for (long k = 0; k < pointers; k++) {
                long pointer = 0xffff9a9c00000000L + 64L * k;
                Entry e = model.get(pointer);
                TraceBlocks.Block b = blocks.get(pointer);
                assertThat(b).as("pointer %x, round %d", pointer, round)
                    .isEqualTo(e == null ? null : new TraceBlocks.Block(e.vas().name, e.address(), e.gpu()));
            }
        }
    }

    @Test
    void aForgottenVaSpaceNumberGivenAgainNamesOnlyTheNewOne() {
        TraceBlocks blocks = new TraceBlocks();
        TraceBlocks.VaSpace first = new TraceBlocks.VaSpace("0xa");
        blocks.put(0x1000, first, 0x7f0000000000L, 1);
        blocks.dropVaSpace(first);
        TraceBlocks.VaSpace second = new TraceBlocks.VaSpace("0xb");
        blocks.put(0x2000, second, 0x7f0000200000L, 2);
        assertThat(blocks.get(0x1000)).isNull();
        assertThat(blocks.get(0x2000)).isEqualTo(new TraceBlocks.Block("0xb", 0x7f0000200000L, 2));
        // The first va_space's list is empty: dropping its range again touches nothing of the second's.
        blocks.dropRange(first, 0, -1);
        assertThat(blocks.get(0x2000)).isNotNull();
        // A block taken over by another va_space is not forgotten with its first owner.
        TraceBlocks.VaSpace third = new TraceBlocks.VaSpace("0xc");
        blocks.put(0x2000, third, 0x7f0000400000L, 1);
        blocks.dropVaSpace(second);
        assertThat(blocks.get(0x2000)).isEqualTo(new TraceBlocks.Block("0xc", 0x7f0000400000L, 1));
    }

    @Test
    void aTableOfManySegmentsKeepsAndForgetsLikeTheMap() {
        TraceBlocks blocks = new TraceBlocks();
        Map<Long, Entry> model = new HashMap<>();
        List<TraceBlocks.VaSpace> spaces = new ArrayList<>();
        for (int v = 0; v < 8; v++) {
            spaces.add(new TraceBlocks.VaSpace("0x" + v));
        }
        Random random = new Random(77);
        // 120 000 blocks: the table grows past 16 384 slots a segment to 262 144 slots.
        for (int k = 0; k < 120_000; k++) {
            long pointer = 0xffff9a9c00000000L + 64L * random.nextInt(1 << 20);
            TraceBlocks.VaSpace vas = spaces.get(random.nextInt(spaces.size()));
            long address = 0x7f0000000000L + (2L << 20) * random.nextInt(4096);
            int gpu = 1 + random.nextInt(2);
            blocks.put(pointer, vas, address, gpu);
            put(model, pointer, vas, address, gpu);
        }
        TraceBlocks.VaSpace dropped = spaces.get(3);
        blocks.dropVaSpace(dropped);
        model.values().removeIf(e -> e.vas() == dropped);
        TraceBlocks.VaSpace cut = spaces.get(5);
        long start = 0x7f0000000000L + (2L << 20) * 1000;
        long end = 0x7f0000000000L + (2L << 20) * 3000 - 1;
        blocks.dropRange(cut, start, end);
        model.values().removeIf(e -> e.vas() == cut && e.address() >= start && e.address() <= end);
        for (int k = 0; k < 1 << 20; k++) {
            long pointer = 0xffff9a9c00000000L + 64L * k;
            Entry e = model.get(pointer);
            TraceBlocks.Block b = blocks.get(pointer);
            if (e == null) {
                assertThat(b).as("pointer %x", pointer).isNull();
            } else {
                assertThat(b).as("pointer %x", pointer).isEqualTo(new TraceBlocks.Block(e.vas().name, e.address(), e.gpu()));
            }
        }
    }
}
