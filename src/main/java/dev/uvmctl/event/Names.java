package dev.uvmctl.event;

import dev.uvmctl.shared.GpuKey;
import dev.uvmctl.shared.Words;
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

    /** Direct-mapped caches from the bytes of an ASCII value to its shared name, and to its processor key. */
    private static final int CACHE = 4096;

    private static final class Cache {
        final byte[][] bytes = new byte[CACHE][];
        final String[] values = new String[CACHE];
    }

    private final Cache nameCache = new Cache();
    private final Cache processorCache = new Cache();

    /**
     * The last value of each field ({@code memo}, a {@link RecordKey}'s ordinal) and its bytes: most
     * fields (the boot, the input, the command, the processors) repeat from line to line, and a
     * comparison with the last is cheaper than the cache's hash.
     */
    private final byte[][] nameMemoBytes = new byte[Long.SIZE][];
    private final String[] nameMemo = new String[Long.SIZE];
    private final byte[][] processorMemoBytes = new byte[Long.SIZE][];
    private final String[] processorMemo = new String[Long.SIZE];

    /** {@link #share(String)} of the ASCII text {@code b[s .. e)} of field {@code memo}, without decoding it when it was seen last in its slot. */
    String share(byte[] b, int s, int e, int memo) {
        byte[] last = nameMemoBytes[memo];
        if (last != null && same(last, b, s, e)) {
            return nameMemo[memo];
        }
        int slot = slot(b, s, e);
        String known = hit(nameCache, slot, b, s, e);
        if (known == null) {
            known = keep(nameCache, slot, b, s, e, share(ascii(b, s, e)));
        }
        nameMemoBytes[memo] = nameCache.bytes[slot];
        nameMemo[memo] = known;
        return known;
    }

    /** {@link #processor(String)} of the ASCII text {@code b[s .. e)} of field {@code memo}, cached the same way; null when it names no processor. */
    String processor(byte[] b, int s, int e, int memo) {
        byte[] last = processorMemoBytes[memo];
        if (last != null && same(last, b, s, e)) {
            return processorMemo[memo];
        }
        int slot = slot(b, s, e);
        String known = hit(processorCache, slot, b, s, e);
        if (known == null) {
            known = keep(processorCache, slot, b, s, e, processor(ascii(b, s, e)));
        }
        if (known != null) {
            processorMemoBytes[memo] = processorCache.bytes[slot];
            processorMemo[memo] = known;
        }
        return known;
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
