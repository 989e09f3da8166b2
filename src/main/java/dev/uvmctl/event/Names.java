package dev.uvmctl.event;

import dev.uvmctl.shared.GpuKey;
import dev.uvmctl.shared.Words;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

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

    /** Direct-mapped caches from the bytes of an ASCII value to its shared name, and to its processor key. */
    private static final int CACHE = 4096;

    /**
     * A direct-mapped cache from the bytes of an ASCII value to what {@code of} makes of it, and,
     * in front of it, the last value of each field ({@code memo}, a {@link RecordKey}'s ordinal)
     * with its bytes: most fields (the boot, the input, the command, the processors) repeat from
     * line to line, and a comparison with the last is cheaper than the cache's hash.
     */
    private static final class Cache {
        final byte[][] bytes = new byte[CACHE][];
        final String[] values = new String[CACHE];
        final byte[][] lastBytes = new byte[Long.SIZE][];
        final String[] last = new String[Long.SIZE];
        final UnaryOperator<String> of;

        Cache(UnaryOperator<String> of) {
            this.of = of;
        }

        /** What {@code of} makes of the ASCII text {@code b[s .. e)} of field {@code memo}, decoded only when it is in neither the memo nor the cache; null when nothing. */
        String get(byte[] b, int s, int e, int memo) {
            byte[] seen = lastBytes[memo];
            if (seen != null && same(seen, b, s, e)) {
                return last[memo];
            }
            int slot = slot(b, s, e);
            String known = hit(this, slot, b, s, e);
            if (known == null) {
                known = keep(this, slot, b, s, e, of.apply(ascii(b, s, e)));
            }
            if (known != null) {
                lastBytes[memo] = bytes[slot];
                last[memo] = known;
            }
            return known;
        }
    }

    private final Cache nameCache = new Cache(this::share);
    private final Cache processorCache = new Cache(this::processor);

    /** {@link #share(String)} of the ASCII text {@code b[s .. e)} of field {@code memo}, without decoding it when it was seen last in its slot. */
    String share(byte[] b, int s, int e, int memo) {
        return nameCache.get(b, s, e, memo);
    }

    /** {@link #processor(String)} of the ASCII text {@code b[s .. e)} of field {@code memo}, cached the same way; null when it names no processor. */
    String processor(byte[] b, int s, int e, int memo) {
        return processorCache.get(b, s, e, memo);
    }

    /** {@code k} and {@code b[s .. e)} hold the same bytes, compared eight at a time. */
    static boolean same(byte[] k, byte[] b, int s, int e) {
        int n = k.length;
        if (n != e - s) {
            return false;
        }
        int i = 0;
        for (; i + 8 <= n; i += 8) {
            if (Words.littleEndian(k, i) != Words.littleEndian(b, s + i)) {
                return false;
            }
        }
        for (; i < n; i++) {
            if (k[i] != b[s + i]) {
                return false;
            }
        }
        return true;
    }

    private static String ascii(byte[] b, int s, int e) {
        return new String(b, s, e - s, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private static String hit(Cache cache, int slot, byte[] b, int s, int e) {
        byte[] k = cache.bytes[slot];
        return k != null && same(k, b, s, e) ? cache.values[slot] : null;
    }

    private static String keep(Cache cache, int slot, byte[] b, int s, int e, String value) {
        if (value != null) {
            cache.bytes[slot] = java.util.Arrays.copyOfRange(b, s, e);
            cache.values[slot] = value;
        }
        return value;
    }

    /** The cache slot of {@code b[s .. e)}: a hash of its bytes read eight at a time. */
    private static int slot(byte[] b, int s, int e) {
        long h = e - s;
        int i = s;
        for (; i + 8 <= e; i += 8) {
            h = (h ^ Words.littleEndian(b, i)) * 0x9E3779B97F4A7C15L;
        }
        for (; i < e; i++) {
            h = (h ^ b[i]) * 0x9E3779B97F4A7C15L;
        }
        return (int) (h >>> 52) & (CACHE - 1);
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
