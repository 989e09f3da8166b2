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

    private byte[][] keyBytes = new byte[256][];
    private String[] keyStrings = new String[256];
    private int keyCount;

    /** The interned name spelled by {@code b[s .. e)} (ASCII, as NDJSON names are); a table of the spellings seen. */
    String key(byte[] b, int s, int e) {
        int h = 0;
        for (int i = s; i < e; i++) {
            h = 31 * h + b[i];
        }
        int mask = keyBytes.length - 1;
        for (int slot = (h ^ (h >>> 16)) & mask; ; slot = (slot + 1) & mask) {
            byte[] k = keyBytes[slot];
            if (k == null) {
                String key = new String(b, s, e - s, java.nio.charset.StandardCharsets.UTF_8).intern();
                if (keyCount * 2 < keyBytes.length) {
                    keyBytes[slot] = java.util.Arrays.copyOfRange(b, s, e);
                    keyStrings[slot] = key;
                    keyCount++;
                }
                return key;
            }
            if (java.util.Arrays.equals(k, 0, k.length, b, s, e)) {
                return keyStrings[slot];
            }
        }
    }

    /** Direct-mapped caches from the bytes of an ASCII value to its shared name, and to its processor key. */
    private static final int CACHE = 4096;

    private static final class Cache {
        final byte[][] bytes = new byte[CACHE][];
        final String[] values = new String[CACHE];
    }

    private final Cache nameCache = new Cache();
    private final Cache processorCache = new Cache();

    /** {@link #share(String)} of the ASCII text {@code b[s .. e)}, without decoding it when it was seen last in its slot. */
    String share(byte[] b, int s, int e) {
        return cached(nameCache, b, s, e, this::share);
    }

    /** {@link #processor(String)} of the ASCII text {@code b[s .. e)}, cached the same way; null when it names no processor. */
    String processor(byte[] b, int s, int e) {
        return cached(processorCache, b, s, e, this::processor);
    }

    private static String cached(Cache cache, byte[] b, int s, int e, java.util.function.UnaryOperator<String> of) {
        int h = 0;
        for (int i = s; i < e; i++) {
            h = 31 * h + b[i];
        }
        int slot = (h ^ (h >>> 16)) & (CACHE - 1);
        byte[] k = cache.bytes[slot];
        if (k != null && java.util.Arrays.equals(k, 0, k.length, b, s, e)) {
            return cache.values[slot];
        }
        String value = of.apply(new String(b, s, e - s, java.nio.charset.StandardCharsets.ISO_8859_1));
        if (value != null) {
            cache.bytes[slot] = java.util.Arrays.copyOfRange(b, s, e);
            cache.values[slot] = value;
        }
        return value;
    }

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
