package dev.uvmctl.model;

import dev.uvmctl.shared.GpuKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Numbers the processors (the CPU, then each GPU as first seen) so residency can be an array.
 * As the driver has one {@code uvm_processor_id_t} per GPU (uvm_processors.h, 580.95.05), a GPU
 * is one number whatever name an event gives it: names resolve through the
 * {@link GpuDirectory}, and when it learns that two names with numbers of their own are one GPU,
 * {@link #merge} folds one number into the other (the model then moves the bytes).
 */
final class Processors {
    static final int CPU = 0;
    private static final int RECENT = 8;

    private final GpuDirectory gpus;
    /** The number of each GPU by its one name. */
    private final Map<String, Integer> byRoot = new HashMap<>();
    /** The number of each name as events spell it, learnt at first sight. */
    private final Map<String, Integer> byName = new HashMap<>();
    /** The one name each number was given under (resolve it for the current one). */
    private final List<String> roots = new ArrayList<>();
    /* The first names seen, for an identity scan: decoders share one instance per name. */
    private final String[] recent = new String[RECENT];
    private final int[] recentIds = new int[RECENT];
    private int recentCount;

    Processors(GpuDirectory gpus) {
        this.gpus = gpus;
        id(GpuKey.CPU);
    }

    int id(String name) {
        for (int i = 0; i < recentCount; i++) {
            if (recent[i] == name) {
                return recentIds[i];
            }
        }
        Integer id = byName.get(name);
        if (id == null) {
            String root = gpus.resolve(name);
            id = byRoot.get(root);
            if (id == null) {
                id = roots.size();
                roots.add(root);
                byRoot.put(root, id);
            }
            byName.put(name, id);
        }
        if (recentCount < RECENT) {
            recent[recentCount] = name;
            recentIds[recentCount++] = id;
        }
        return id;
    }

    /**
     * The directory learnt that the GPU named {@code gone} is the one named {@code root}. Returns
     * {from, to} when both had a number, so that what {@code from} held goes to {@code to};
     * null when at most one had (then the number, if any, is simply known by {@code root}).
     */
    int[] merge(String gone, String root) {
        Integer from = byRoot.remove(gone);
        if (from == null) {
            return null;
        }
        Integer to = byRoot.get(root);
        if (to == null) {
            byRoot.put(root, from);
            return null;
        }
        byName.replaceAll((name, id) -> id.equals(from) ? to : id);
        for (int i = 0; i < recentCount; i++) {
            if (recentIds[i] == from) {
                recentIds[i] = to;
            }
        }
        return new int[] {from, to};
    }

    /** A name of the processor {@code id}: resolve it through the directory for its one name. */
    String name(int id) {
        return roots.get(id);
    }

    int count() {
        return roots.size();
    }
}
