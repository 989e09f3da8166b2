package dev.uvmctl.event;

import dev.uvmctl.shared.Words;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The names of the NDJSON record fields that the decoder reads (docs/events.md), so that a
 * record's fields are kept in fixed slots rather than looked up by name. A name not listed here
 * is a field no reader asks for: its value is still read (a line must be valid JSON) and then
 * dropped, as newer writers may add fields. Spelled exactly as the NDJSON spells them.
 */
enum RecordKey {
    type, schema, boot, time, wall, src, input, line, text, message,
    va_space, pid, comm, sharing, observed, fd_path, fd, inherited_from,
    range, start, end, range_type, deferred, address, bytes, processor, from, to, cause, mode,
    gpu, status, error, reason, signal, code, uid, cgroup, state, ppid, frames, tgid,
    index, uuid, uvm_id, pci, total, used, free, reserved, count, module, version, fault, all_holders, cpu;

    private static final RecordKey[] ALL = values();
    /** Open addressing by {@link #hash} of the spelling's bytes; twice the keys' count or more, a power of two. */
    private static final RecordKey[] TABLE = new RecordKey[128];
    private static final Map<String, RecordKey> BY_NAME = new HashMap<>();

    static {
        // A record's present fields are a bit set in one long (RecordFields).
        if (ALL.length > Long.SIZE || ALL.length * 2 > TABLE.length) {
            throw new AssertionError("too many record keys: " + ALL.length);
        }
        for (RecordKey k : ALL) {
            // spelledAt compares a spelling and its quote as two words.
            if (k.spelling.length > 15) {
                throw new AssertionError("record key too long: " + k);
            }
            int slot = hash(k.spelling, 0, k.spelling.length) & (TABLE.length - 1);
            while (TABLE[slot] != null) {
                slot = (slot + 1) & (TABLE.length - 1);
            }
            TABLE[slot] = k;
            BY_NAME.put(k.name(), k);
        }
    }

    /** The name's bytes as a line spells it (ASCII). */
    final byte[] spelling = name().getBytes(StandardCharsets.US_ASCII);

    /** The spelling and its closing quote (at most 16 bytes) as two little-endian words, and which of their bytes count. */
    private final long word0 = word(0, false);
    private final long word1 = word(8, false);
    private final long mask0 = word(0, true);
    private final long mask1 = word(8, true);

    private long word(int from, boolean mask) {
        long w = 0;
        for (int i = Math.min(spelling.length + 1, from + 8) - 1; i >= from; i--) {
            w = w << 8 | (mask ? 0xff : i < spelling.length ? spelling[i] : '"');
        }
        return w;
    }

    /** The key spelled by {@code b[s .. e)}, or null when the decoder reads no field of that name. */
    static RecordKey of(byte[] b, int s, int e) {
        int mask = TABLE.length - 1;
        for (int slot = hash(b, s, e) & mask; ; slot = (slot + 1) & mask) {
            RecordKey k = TABLE[slot];
            if (k == null) {
                return null;
            }
            if (java.util.Arrays.equals(k.spelling, 0, k.spelling.length, b, s, e)) {
                return k;
            }
        }
    }

    /** The key named {@code name}, or null. */
    static RecordKey named(String name) {
        return BY_NAME.get(name);
    }

    /** True when {@code b[s ..]} is this key's spelling and the quote that ends it. */
    boolean spelledAt(byte[] b, int s, int to) {
        if (s + 16 <= to) {
            // Two words read and compared under the masks: the spelling and its quote, whatever the line has after them.
            return ((Words.littleEndian(b, s) ^ word0) & mask0) == 0 && ((Words.littleEndian(b, s + 8) ^ word1) & mask1) == 0;
        }
        int n = spelling.length;
        return s + n < to && b[s + n] == '"' && java.util.Arrays.equals(spelling, 0, n, b, s, s + n);
    }

    private static int hash(byte[] b, int s, int e) {
        int h = e - s;
        for (int i = s; i < e; i++) {
            h = 31 * h + b[i];
        }
        return h ^ (h >>> 7);
    }
}
