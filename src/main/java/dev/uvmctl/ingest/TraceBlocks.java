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
 * is open addressing over primitive arrays (one probe is one or two cache lines, where a HashMap
 * of boxed keys is four pointer hops), and each va_space lists its blocks' pointers so that
 * forgetting walks only its own.
 */
final class TraceBlocks {
    /** A va_space as the blocks know it. */
    static final class VaSpace {
        final String name;
        long[] pointers = new long[64];
        int size;

        VaSpace(String name) {
            this.name = name;
        }
    }

    record Block(String vaSpace, long address, int gpu) {
    }

    private long[] keys = new long[1024];
    private long[] addresses = new long[1024];
    private int[] gpus = new int[1024];
    private VaSpace[] owners = new VaSpace[1024];
    private int used;

    /** The null pointer is no block, so 0 marks a free slot. */
    private static int slot(long pointer, int mask) {
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

    private int find(long pointer) {
        int mask = keys.length - 1;
        for (int i = slot(pointer, mask); ; i = (i + 1) & mask) {
            if (keys[i] == pointer || keys[i] == 0) {
                return i;
            }
        }
    }

    void put(long pointer, VaSpace vas, long address, int gpu) {
        if (pointer == 0) {
            return;
        }
        int i = find(pointer);
        if (keys[i] == pointer) {
            if (owners[i] == vas && (addresses[i] >>> 21) == (address >>> 21)) {
                gpus[i] = gpu; // the same block: any address of it places an eviction
                return;
            }
            if (owners[i] != vas) {
                add(vas, pointer);
            }
            owners[i] = vas;
            addresses[i] = address;
            gpus[i] = gpu;
            return;
        }
        keys[i] = pointer;
        owners[i] = vas;
        addresses[i] = address;
        gpus[i] = gpu;
        add(vas, pointer);
        if (++used * 2 > keys.length) {
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
        int i = find(pointer);
        return keys[i] == pointer ? new Block(owners[i].name, addresses[i], gpus[i]) : null;
    }

    /** Forgets the blocks of {@code vas} in {@code [start, end]}. */
    void dropRange(VaSpace vas, long start, long end) {
        int kept = 0;
        for (int k = 0; k < vas.size; k++) {
            long pointer = vas.pointers[k];
            int i = find(pointer);
            if (keys[i] != pointer || owners[i] != vas) {
                continue; // forgotten, or another va_space's block now
            }
            if (Long.compareUnsigned(addresses[i], start) >= 0 && Long.compareUnsigned(addresses[i], end) <= 0) {
                remove(i);
                continue;
            }
            vas.pointers[kept++] = pointer;
        }
        vas.size = kept;
    }

    void dropVaSpace(VaSpace vas) {
        for (int k = 0; k < vas.size; k++) {
            int i = find(vas.pointers[k]);
            if (keys[i] == vas.pointers[k] && owners[i] == vas) {
                remove(i);
            }
        }
        vas.size = 0;
    }

    /** Linear probing's deletion: the entries after the hole that belong before it move back (Knuth 6.4, algorithm R). */
    private void remove(int hole) {
        int mask = keys.length - 1;
        keys[hole] = 0;
        owners[hole] = null;
        used--;
        for (int i = (hole + 1) & mask; keys[i] != 0; i = (i + 1) & mask) {
            int home = slot(keys[i], mask);
            boolean between = hole <= i ? hole < home && home <= i : hole < home || home <= i;
            if (!between) {
                keys[hole] = keys[i];
                addresses[hole] = addresses[i];
                gpus[hole] = gpus[i];
                owners[hole] = owners[i];
                keys[i] = 0;
                owners[i] = null;
                hole = i;
            }
        }
    }

    private void grow() {
        long[] oldKeys = keys;
        long[] oldAddresses = addresses;
        int[] oldGpus = gpus;
        VaSpace[] oldOwners = owners;
        int n = oldKeys.length * 2;
        keys = new long[n];
        addresses = new long[n];
        gpus = new int[n];
        owners = new VaSpace[n];
        for (int j = 0; j < oldKeys.length; j++) {
            if (oldKeys[j] != 0) {
                int i = find(oldKeys[j]);
                keys[i] = oldKeys[j];
                addresses[i] = oldAddresses[j];
                gpus[i] = oldGpus[j];
                owners[i] = oldOwners[j];
            }
        }
    }
}
