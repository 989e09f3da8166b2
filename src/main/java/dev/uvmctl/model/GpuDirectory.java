package dev.uvmctl.model;

import dev.uvmctl.shared.GpuKey;
import java.util.HashMap;
import java.util.Map;

/**
 * Which names (index, UUID, PCI bus id) are the same GPU, learnt from the inputs; each GPU is
 * then known by its PCI bus id when any input gave it, else by its UUID, else by its index. A
 * name in any spelling {@link GpuKey} knows ({@code 1}, {@code UVM-GPU-…} in any case,
 * {@code 00000000:3B:00.0}) is the GPU its normal spelling names.
 */
public final class GpuDirectory {
    private final Map<String, String> parent = new HashMap<>();
    /** Each spelling seen, by its normal form (itself when {@link GpuKey} knows no other). */
    private final Map<String, String> spelled = new HashMap<>();

    /**
     * Records that {@code a} and {@code b} name the same GPU (either may be null); returns the
     * name that stopped being the one name of its GPU, or null when nothing changed.
     */
    String alias(String a, String b) {
        if (a == null || b == null) {
            return null;
        }
        String ra = resolve(a);
        String rb = resolve(b);
        if (ra.equals(rb)) {
            return null;
        }
        if (rank(rb) > rank(ra)) {
            parent.put(ra, rb);
            return ra;
        }
        parent.put(rb, ra);
        return rb;
    }

    /** The one name of the GPU {@code name} names ({@code cpu} stays {@code cpu}). */
    public String resolve(String name) {
        String root = spelled.computeIfAbsent(name, GpuDirectory::normal);
        for (String up = parent.get(root); up != null; up = parent.get(root)) {
            root = up;
        }
        for (String at = spelled.get(name); !at.equals(root); ) {
            String up = parent.get(at);
            parent.put(at, root);
            at = up;
        }
        return root;
    }

    void clear() {
        parent.clear();
        spelled.clear();
    }

    private static String normal(String name) {
        String key = GpuKey.processor(name);
        return key != null ? key : name;
    }

    private static int rank(String name) {
        if (GpuKey.isPci(name)) {
            return 3;
        }
        return GpuKey.isUuid(name) ? 2 : 1;
    }
}
