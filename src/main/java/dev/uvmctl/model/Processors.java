package dev.uvmctl.model;

import dev.uvmctl.shared.GpuKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Numbers the processors (the CPU, then each GPU name as first seen) so residency can be an array. */
final class Processors {
    static final int CPU = 0;

    private final Map<String, Integer> ids = new HashMap<>();
    private final List<String> names = new ArrayList<>();
    /** The names by number, for the identity scan: decoders share one instance per name. */
    private final String[] byNumber = new String[8];

    Processors() {
        id(GpuKey.CPU);
    }

    int id(String name) {
        for (int i = 0; i < byNumber.length && byNumber[i] != null; i++) {
            if (byNumber[i] == name) {
                return i;
            }
        }
        Integer id = ids.get(name);
        if (id == null) {
            id = names.size();
            ids.put(name, id);
            names.add(name);
            if (id < byNumber.length) {
                byNumber[id] = name;
            }
        }
        return id;
    }

    String name(int id) {
        return names.get(id);
    }

    int count() {
        return names.size();
    }
}
