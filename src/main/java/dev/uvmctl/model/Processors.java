package dev.uvmctl.model;

import dev.uvmctl.event.GpuKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Numbers the processors (the CPU, then each GPU name as first seen) so residency can be an array. */
final class Processors {
    static final int CPU = 0;

    private final Map<String, Integer> ids = new HashMap<>();
    private final List<String> names = new ArrayList<>();

    Processors() {
        id(GpuKey.CPU);
    }

    int id(String name) {
        Integer id = ids.get(name);
        if (id == null) {
            id = names.size();
            ids.put(name, id);
            names.add(name);
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
