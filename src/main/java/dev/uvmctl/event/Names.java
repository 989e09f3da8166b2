package dev.uvmctl.event;

import dev.uvmctl.shared.GpuKey;
import java.util.HashMap;
import java.util.Map;

/**
 * The few strings that recur on every line (va_space ids, processors, boots, commands) shared
 * as one instance each, and the normalized spelling of each GPU name computed once. Replay looks
 * these up in hash maps for every event: a shared instance has its hash cached and compares by
 * identity. Bounded: past {@link #LIMIT} distinct names it starts over.
 */
final class Names {
    static final int LIMIT = 1 << 16;

    private final Map<String, String> shared = new HashMap<>();
    private final Map<String, String> processors = new HashMap<>();

    String share(String s) {
        if (s == null) {
            return null;
        }
        String known = shared.get(s);
        if (known != null) {
            return known;
        }
        if (shared.size() >= LIMIT) {
            shared.clear();
        }
        shared.put(s, s);
        return s;
    }

    /** {@link GpuKey#processor} of {@code text}, computed once per spelling. */
    String processor(String text) {
        String known = processors.get(text);
        if (known == null) {
            known = GpuKey.processor(text);
            if (known == null) {
                return null;
            }
            if (processors.size() >= LIMIT) {
                processors.clear();
            }
            known = share(known);
            processors.put(text, known);
        }
        return known;
    }
}
