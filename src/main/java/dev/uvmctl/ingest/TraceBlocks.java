package dev.uvmctl.ingest;

import java.util.Arrays;

/**
 * The va_blocks a trace named, by kernel pointer: the va_space and address their last migration
 * gave, and the GPU they last went to, so that an eviction, which names only its block
 * ({@code uvm_va_block_evict_chunks}, uvm_va_block.c), is put where it belongs. A block dies with
 * its range or va_space, and its memory may then hold another block: the blocks of a destroyed
 * range or va_space are forgotten.
 *
 * <p>Nearly every migration names a block, and a node has tens of thousands of them: the table
 * is open addressing over arrays of longs, a slot's key, address and GPU with its va_space's
 * number side by side, so that a probe reads one cache line, or two when its slot straddles them
 * (where a HashMap of boxed keys is four pointer hops, and four parallel arrays four lines); each
 * va_space lists its blocks' pointers so that forgetting walks only its own.
 */
final class TraceBlocks {
    /** A va_space as the blocks know it. */
    static final class VaSpace {
        final String name;
        long[] pointers = new long[64];
        int size;
        /** Its number in the table ({@link #spaces}) from its creation or first block until it is forgotten, else -1. */
        int id = -1;

        VaSpace(String name) {
            this.name = name;
        }
    }

    record Block(String vaSpace, long address, int gpu) {
    }

    /**
     * Longs per slot: the key (0: free), the address, the GPU in the low half and the va_space's
     * number in the high half: 24 bytes, as the four arrays were.
     */
    private static final int STRIDE = 3;
    private static final int ADDRESS = 1;
    private static final int OWNER = 2;
    /**
     * Slots per segment of the table: 16 384 slots are 384 KiB, below what G1 takes for a
     * humongous object even with the smallest regions (half of 1 MiB), so a large table grows in
     * pieces a 32 MiB heap can place, as the four arrays could.
     */
    private static final int SEGMENT_BITS = 14;
    private static final int SEGMENT_MASK = (1 << SEGMENT_BITS) - 1;

    private long[][] segments = segments(1024);
    /** How many slots, a power of two. */
    private int slots = 1024;
    private int used;
    /** The va_spaces by number; numbers of forgotten va_spaces are given again, so this stays as long as the most alive at once. */
    private VaSpace[] spaces = new VaSpace[64];
    private int[] freeIds = new int[64];
    private int freeCount;
    private int nextId;

    private static long[][] segments(int slots) {
        int perSegment = Math.min(slots, SEGMENT_MASK + 1);
        long[][] s = new long[slots / perSegment][];
        for (int i = 0; i < s.length; i++) {
            s[i] = new long[perSegment * STRIDE];
        }
        return s;
    }

    /** The null pointer is no block, so 0 marks a free slot. */
    private static int home(long pointer, int mask) {
        long h = pointer * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }

    /**
     * Kernel pointers of slab objects share their low bits (a va_block is a multiple of 64 bytes),
     * which HashMap's buckets are chosen by: an odd multiplier spreads them, one to one.
     */
    static Long key(long pointer) {
        return pointer * 0x9E3779B97F4A7C15L;
    }

    private static long owner(int id, int gpu) {
        return (long) id << 32 | (gpu & 0xffffffffL);
    }

    private long[] segment(int slot) {
        return segments[slot >>> SEGMENT_BITS];
    }

    /** The index of the slot's key in its segment; its address and owner follow. */
    private static int at(int slot) {
        return (slot & SEGMENT_MASK) * STRIDE;
    }

    /** What {@link #touch} read last: kept so that the compiler keeps the read. */
    private long touched;

    /**
     * Reads the first slot where {@code pointer} would be, and nothing more: called as soon as a
     * migration's block is known, the cache miss that {@link #put} would wait for overlaps the work
     * on the rest of the line. Changes nothing the table holds.
     */
    void touch(long pointer) {
        int i = home(pointer, slots - 1);
        touched = segment(i)[at(i)];
    }

    /** The slot of {@code pointer}, or the free slot where it would go. */
    private int find(long pointer) {
        int mask = slots - 1;
        for (int i = home(pointer, mask); ; i = (i + 1) & mask) {
            long k = segment(i)[at(i)];
            if (k == pointer || k == 0) {
                return i;
            }
        }
    }

    private int id(VaSpace vas) {
        return vas.id >= 0 ? vas.id : number(vas);
    }

    /**
     * Gives {@code vas} its number now, as its creation is read, rather than at its first block: the
     * migrations' code then finds every va_space numbered (no branch the JIT's profile never saw, when
     * va_spaces are created only after the first destroy). Forgetting it ({@link #dropVaSpace}) frees the number.
     */
    int number(VaSpace vas) {
        if (vas.id >= 0) {
            return vas.id;
        }
        int id = freeCount > 0 ? freeIds[--freeCount] : nextId++;
        if (id == spaces.length) {
            spaces = Arrays.copyOf(spaces, id * 2);
        }
        spaces[id] = vas;
        vas.id = id;
        return id;
    }

    void put(long pointer, VaSpace vas, long address, int gpu) {
        if (pointer == 0) {
            return;
        }
        int id = id(vas);
        int slot = find(pointer);
        long[] t = segment(slot);
        int i = at(slot);
        if (t[i] == pointer) {
            if ((int) (t[i + OWNER] >>> 32) == id && (t[i + ADDRESS] >>> 21) == (address >>> 21)) {
                t[i + OWNER] = owner(id, gpu); // the same block: any address of it places an eviction
                return;
            }
            if ((int) (t[i + OWNER] >>> 32) != id) {
                add(vas, pointer);
            }
            t[i + ADDRESS] = address;
            t[i + OWNER] = owner(id, gpu);
            return;
        }
        t[i] = pointer;
        t[i + ADDRESS] = address;
        t[i + OWNER] = owner(id, gpu);
        add(vas, pointer);
        if (++used * 2 > slots) {
            grow();
        }
    }

    private static void add(VaSpace vas, long pointer) {
        if (vas.size == vas.pointers.length) {
            vas.pointers = Arrays.copyOf(vas.pointers, vas.size * 2);
        }
        vas.pointers[vas.size++] = pointer;
    }

    Block get(long pointer) {
        if (pointer == 0) {
            return null;
        }
        int slot = find(pointer);
        long[] t = segment(slot);
        int i = at(slot);
        return t[i] == pointer ? new Block(spaces[(int) (t[i + OWNER] >>> 32)].name, t[i + ADDRESS], (int) t[i + OWNER]) : null;
    }

    /** The slot of {@code pointer} when it is a block of {@code vas}, else -1. */
    private int slotOf(VaSpace vas, long pointer) {
        int slot = find(pointer);
        long[] t = segment(slot);
        int i = at(slot);
        return t[i] == pointer && (int) (t[i + OWNER] >>> 32) == vas.id ? slot : -1;
    }

    /** Forgets the blocks of {@code vas} in {@code [start, end]}. */
    void dropRange(VaSpace vas, long start, long end) {
        if (vas.id < 0) {
            return; // no block of it was ever put
        }
        int kept = 0;
        for (int k = 0; k < vas.size; k++) {
            long pointer = vas.pointers[k];
            int slot = slotOf(vas, pointer);
            if (slot < 0) {
                continue; // forgotten, or another va_space's block now
            }
            long address = segment(slot)[at(slot) + ADDRESS];
            if (Long.compareUnsigned(address, start) >= 0 && Long.compareUnsigned(address, end) <= 0) {
                remove(slot);
                continue;
            }
            vas.pointers[kept++] = pointer;
        }
        vas.size = kept;
    }

    /** Forgets every block of {@code vas}; its number is then free for another va_space. */
    void dropVaSpace(VaSpace vas) {
        if (vas.id < 0) {
            return;
        }
        for (int k = 0; k < vas.size; k++) {
            int slot = slotOf(vas, vas.pointers[k]);
            if (slot >= 0) {
                remove(slot);
            }
        }
        vas.size = 0;
        // Every slot it owned is on its list (put adds a pointer whenever it becomes the owner), so none names it now.
        spaces[vas.id] = null;
        if (freeCount == freeIds.length) {
            freeIds = Arrays.copyOf(freeIds, freeCount * 2);
        }
        freeIds[freeCount++] = vas.id;
        vas.id = -1;
    }

    /** Linear probing's deletion: the entries after the hole that belong before it move back (Knuth 6.4, algorithm R). */
    private void remove(int hole) {
        int mask = slots - 1;
        segment(hole)[at(hole)] = 0;
        used--;
        for (int i = (hole + 1) & mask; segment(i)[at(i)] != 0; i = (i + 1) & mask) {
            long[] from = segment(i);
            int f = at(i);
            int home = home(from[f], mask);
            boolean between = hole <= i ? hole < home && home <= i : hole < home || home <= i;
            if (!between) {
                long[] to = segment(hole);
                int h = at(hole);
                to[h] = from[f];
                to[h + ADDRESS] = from[f + ADDRESS];
                to[h + OWNER] = from[f + OWNER];
                from[f] = 0;
                hole = i;
            }
        }
    }

    private void grow() {
        long[][] old = segments;
        slots *= 2;
        segments = segments(slots);
        for (long[] o : old) {
            for (int j = 0; j < o.length; j += STRIDE) {
                if (o[j] != 0) {
                    int slot = find(o[j]);
                    long[] t = segment(slot);
                    int i = at(slot);
                    t[i] = o[j];
                    t[i + ADDRESS] = o[j + ADDRESS];
                    t[i + OWNER] = o[j + OWNER];
                }
            }
        }
    }
}
