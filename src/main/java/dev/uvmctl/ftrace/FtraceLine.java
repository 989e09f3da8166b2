package dev.uvmctl.ftrace;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One line of ftrace text as {@link FtraceParser} read it, valid until the parser reads the next
 * line: a view over the line's bytes, so that the millions of lines a trace holds are parsed
 * without a string per field. What it is, {@link #kind()}, decides which accessors mean anything.
 *
 * <p>An event line (kernel/trace/trace_output.c: trace_print_context; kprobe and kretprobe
 * lines from kernel/trace/trace_kprobe.c: print_kprobe_event, print_kretprobe_event):
 * <pre>
 *   TASK-PID [(TGID)] [CPU] [FLAGS] SECONDS.MICROS: EVENT: (func+0x0/0x90 [module]) name=value ...
 *   TASK-PID [(TGID)] [CPU] [FLAGS] SECONDS.MICROS: EVENT: (caller+0x1a/0x80 [module] &lt;- func [module]) ret=0x0
 *   TASK-PID [(TGID)] [CPU] [FLAGS] SECONDS.MICROS: EVENT: name=value ...        (tracepoints)
 * </pre>
 */
public final class FtraceLine {
    /** What a line is. */
    public enum Kind {
        /** An event: a probe or tracepoint fired. */
        EVENT,
        /** {@code CPU:N [LOST M EVENTS]}: the ring buffer of CPU N overflowed and M events were dropped. */
        LOST,
        /** A {@code #} line: the {@code trace} file's header, a comment, or {@code ##### CPU N buffer started ####}. */
        COMMENT,
        /** {@code # uvmctl-trace: key=value ...}: what {@code uvmctl trace record} knew when it wrote the trace. */
        META,
        /** Empty or only spaces. */
        BLANK,
        /** Not a line of ftrace text, or one cut short: {@link #problem()} says why. */
        BAD
    }

    /** A time no line told ({@link #nanos()}). */
    public static final long NO_TIME = Long.MIN_VALUE;
    /** A tgid the line did not give: no {@code record-tgid} column, or {@code (-------)}. */
    public static final int NO_TGID = -1;

    byte[] bytes;
    int length;
    long number;
    Kind kind;
    String problem;
    String text;

    int commStart;
    int commEnd;
    String comm;
    int tid;
    int tgid;
    boolean tgidColumn;
    int cpu;
    long nanos;
    String event;
    boolean returnProbe;
    int probeStart;
    int probeEnd;
    int payloadStart;
    long lost;

    /** Fields indexed so far: the line's first {@code fields}, in print order. */
    int fields;
    int hint;
    /** Where indexing goes on (the word after the last field's value), until {@link #scanned}. */
    int scan;
    /** True once every field is indexed, or the line has none to index. */
    boolean scanned;
    int[] nameStart = new int[16];
    int[] nameEnd = new int[16];
    int[] valueStart = new int[16];
    int[] valueEnd = new int[16];

    FtraceLine() {
    }

    public Kind kind() {
        return kind;
    }

    /** The 1-based line number in its input. */
    public long number() {
        return number;
    }

    /** Why a {@link Kind#BAD} line is not read. */
    public String problem() {
        return problem;
    }

    /** The whole line as text (decoded once, on the first call). */
    public String text() {
        if (text == null) {
            text = new String(bytes, 0, length, StandardCharsets.UTF_8);
        }
        return text;
    }

    /** The task's name: the thread's {@code comm}, as the kernel had it when it wrote the line. */
    public String comm() {
        if (comm == null) {
            comm = new String(bytes, commStart, commEnd - commStart, StandardCharsets.UTF_8);
        }
        return comm;
    }

    /** The thread id: the {@code PID} of {@code TASK-PID} names a thread. */
    public int tid() {
        return tid;
    }

    /** The thread group (process) id of the {@code record-tgid} column, or {@link #NO_TGID}. */
    public int tgid() {
        return tgid;
    }

    /** True when the line has a {@code (TGID)} column, known or {@code (-------)}. */
    public boolean hasTgidColumn() {
        return tgidColumn;
    }

    /** The process: the tgid when the line gives one, else the thread id. */
    public int pid() {
        return tgid != NO_TGID ? tgid : tid;
    }

    public int cpu() {
        return cpu;
    }

    /** The timestamp in nanoseconds of the trace clock, or {@link #NO_TIME} when the clock counts no seconds ({@code counter}). */
    public long nanos() {
        return nanos;
    }

    /** The event's name, without its group ({@code uvm_migrate}, {@code sched_process_exit}). */
    public String event() {
        return event;
    }

    /** True for a kretprobe line, {@code (caller <- func)}. */
    public boolean isReturn() {
        return returnProbe;
    }

    /** True when the line has a probe location, {@code (func+0x0/0x90 [module])}: a kprobe or kretprobe. */
    public boolean isProbe() {
        return probeStart >= 0;
    }

    /** The probe location without its parentheses, or null for a tracepoint. */
    public String probe() {
        return probeStart < 0 ? null : new String(bytes, probeStart, probeEnd - probeStart, StandardCharsets.UTF_8);
    }

    /** What follows the event name and the probe location: the fields, or a tracepoint's own text. */
    public String payload() {
        return new String(bytes, payloadStart, length - payloadStart, StandardCharsets.UTF_8);
    }

    /** For {@link Kind#LOST}: how many events were dropped. */
    public long lost() {
        return lost;
    }

    /** How many {@code name=value} fields the line has. */
    public int fieldCount() {
        while (next()) {
            // indexes the rest of the line
        }
        return fields;
    }

    public String fieldName(int i) {
        settle(i);
        return new String(bytes, nameStart[i], nameEnd[i] - nameStart[i], StandardCharsets.US_ASCII);
    }

    public String fieldValue(int i) {
        settle(i);
        return new String(bytes, valueStart[i], valueEnd[i] - valueStart[i], StandardCharsets.UTF_8);
    }

    /** Fields are indexed from {@code p} as readers ask for them ({@link #field(byte[])}). */
    void scanFrom(int p) {
        scan = p;
        scanned = p >= length;
    }

    /**
     * Indexes field {@code i} and the one after it, if any: a value runs on over the words after it
     * that are no {@code name=}, so it is known only once the next pair (or the line's end) is found.
     */
    private void settle(int i) {
        while (fields <= i + 1 && next()) {
            // indexes up to the field after i
        }
    }

    /**
     * Indexes the next {@code name=value} pair, false when there is none. A value runs to the next
     * space, or to the closing quote of a quoted string; words that are no {@code name=} continue
     * the value before them (a tracepoint's {@code comm=} may hold spaces). Text that does not begin
     * with a pair has no fields at all. The scan only ever goes forward, so a line is indexed once
     * however its fields are asked for, and the fields after the last one asked for are never read.
     */
    private boolean next() {
        if (scanned) {
            return false;
        }
        byte[] b = bytes;
        int n = length;
        int p = scan;
        while (p < n) {
            int ns = p;
            int ne = ns;
            while (ne < n && FtraceParser.isNameByte(b[ne])) {
                ne++;
            }
            if (ne == ns || ne >= n || b[ne] != '=') {
                if (fields == 0) {
                    break;
                }
                // A word that is no pair: part of the value before it.
                int we = FtraceParser.token(b, ns, n);
                valueEnd[fields - 1] = we;
                p = FtraceParser.skipSpaces(b, we, n);
                continue;
            }
            int vs = ne + 1;
            int ve;
            if (vs < n && b[vs] == '"') {
                ve = vs + 1;
                while (ve < n && b[ve] != '"') {
                    ve++;
                }
                ve = Math.min(ve + 1, n);
            } else {
                ve = FtraceParser.token(b, vs, n);
            }
            add(ns, ne, vs, ve);
            scan = FtraceParser.skipSpaces(b, ve, n);
            return true;
        }
        scan = n;
        scanned = true;
        return false;
    }

    private void add(int ns, int ne, int vs, int ve) {
        int i = fields;
        if (i == nameStart.length) {
            int size = i * 2;
            nameStart = Arrays.copyOf(nameStart, size);
            nameEnd = Arrays.copyOf(nameEnd, size);
            valueStart = Arrays.copyOf(valueStart, size);
            valueEnd = Arrays.copyOf(valueEnd, size);
        }
        nameStart[i] = ns;
        nameEnd[i] = ne;
        valueStart[i] = vs;
        valueEnd[i] = ve;
        fields = i + 1;
    }

    /**
     * The index of the field {@code name}, or -1. The search starts after the field found last:
     * a reader that asks for a probe's fields in the order the probe prints them finds each at once.
     */
    public int field(String name) {
        // A name that is not ASCII becomes '?'s here, which no field's name holds: it is found nowhere, as it should be.
        return field(name.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * {@link #field(String)} for a name given as its ASCII bytes: the form for readers of millions
     * of lines, which keep their names as constants ({@link #name(String)}).
     */
    public int field(byte[] name) {
        // The fields from the hint on, indexing the line further as needed, then those before the hint.
        int from = hint;
        for (int i = from; i < fields || next(); i++) {
            if (named(i, name)) {
                return found(i);
            }
        }
        for (int i = 0; i < from; i++) {
            if (named(i, name)) {
                return found(i);
            }
        }
        return -1;
    }

    private boolean named(int i, byte[] name) {
        int n = name.length;
        int s = nameStart[i];
        if (nameEnd[i] - s != n) {
            return false;
        }
        int k = 0;
        while (k < n && bytes[s + k] == name[k]) {
            k++;
        }
        return k == n;
    }

    /** Field {@code i}, settled (its value complete); the next search starts after it, or at the first field after the last. */
    private int found(int i) {
        settle(i);
        hint = i + 1 < fields ? i + 1 : 0;
        return i;
    }

    /** The number {@link #next(byte[])} read. */
    private long value;

    /**
     * {@link #number(byte[])} for the common case, in one pass: the next field not yet indexed is
     * {@code name}, its value a plain decimal or {@code 0x} hex number followed by a space or the
     * line's end, and the word after it a pair (or none), so that the value is complete. Then the
     * field is indexed, exactly as {@link #next()} would, its value is in {@link #value}, and the
     * answer is true; otherwise nothing changed, and the general path reads the field (and says
     * what is wrong with it the same way).
     */
    private boolean next(byte[] name) {
        byte[] b = bytes;
        int n = length;
        int p = scan;
        int k = name.length;
        int vs = p + k + 1;
        if (k == 0 || vs > n || b[vs - 1] != '=') {
            return false;
        }
        for (int j = 0; j < k; j++) {
            byte c = b[p + j];
            if (c != name[j] || !FtraceParser.isNameByte(c)) {
                return false;
            }
        }
        int ve = numberEnd(b, vs, n);
        if (ve < 0) {
            return false;
        }
        int q = FtraceParser.skipSpaces(b, ve, n);
        if (q < n) {
            int ne = q;
            while (ne < n && FtraceParser.isNameByte(b[ne])) {
                ne++;
            }
            if (ne == q || ne >= n || b[ne] != '=') {
                return false; // a word that is no pair continues the value: the general path
            }
        }
        add(p, vs - 1, vs, ve);
        scan = q;
        scanned = q >= n;
        hint = scanned ? 0 : fields;
        return true;
    }

    /**
     * Reads the number at {@code s} into {@link #value} and returns where it ends, at a space, a
     * tab or the line's end; -1 for anything else, left to the general path.
     */
    private int numberEnd(byte[] b, int s, int n) {
        boolean negative = s < n && b[s] == '-';
        int p = negative ? s + 1 : s;
        long v = 0;
        int e;
        if (p + 2 < n && b[p] == '0' && (b[p + 1] == 'x' || b[p + 1] == 'X')) {
            int d0 = p + 2;
            e = d0;
            // Kernel pointers are 16 digits: eight at a time while all eight are digits, then one by one.
            for (long word; e + 8 <= n && e - d0 < 16 && (word = hex8((long) BIG_ENDIAN_LONGS.get(b, e))) >= 0; e += 8) {
                v = (v << 32) | word;
            }
            for (int d; e < n && (d = HEX[b[e] & 0xff]) >= 0; e++) {
                v = (v << 4) | d;
            }
            if (e == d0 || e - d0 > 16) {
                return -1;
            }
        } else {
            e = p;
            for (int d; e < n && (d = b[e] - '0') >= 0 && d <= 9; e++) {
                // u64 values above Long.MAX_VALUE wrap to their two's-complement bits, as parseNumber's do.
                v = v * 10 + d;
            }
            if (e == p || e - p > 20) {
                return -1;
            }
        }
        if (e < n && b[e] != ' ' && b[e] != '\t') {
            return -1;
        }
        value = negative ? -v : v;
        return e;
    }

    /** A field's name as {@link #field(byte[])} and {@link #number(byte[])} take it. */
    public static byte[] name(String name) {
        return name.getBytes(StandardCharsets.US_ASCII);
    }

    public boolean has(String name) {
        return field(name) >= 0;
    }

    /** The field's text, or null when the line has no such field. A quoted string is given without its quotes. */
    public String string(String name) {
        int i = field(name);
        if (i < 0) {
            return null;
        }
        int s = valueStart[i];
        int e = valueEnd[i];
        if (e - s >= 2 && bytes[s] == '"' && bytes[e - 1] == '"') {
            s++;
            e--;
        }
        return new String(bytes, s, e - s, StandardCharsets.UTF_8);
    }

    /**
     * The field as a number: {@code 0x} hex (the {@code x8..x64} types, read as 64 bits unsigned),
     * decimal ({@code u*}), or signed decimal ({@code s*}).
     *
     * @throws NumberFormatException when the line has no such field, or its value is no number
     *                               (a probe that could not read memory prints {@code (fault)})
     */
    public long number(String name) {
        return number(name(name));
    }

    /** {@link #number(String)} for a name given as its ASCII bytes. */
    public long number(byte[] name) {
        if (hint == fields && !scanned && next(name)) {
            return value;
        }
        int i = field(name);
        if (i < 0) {
            throw new NumberFormatException("no field '" + new String(name, StandardCharsets.US_ASCII) + "'");
        }
        return parseNumber(bytes, valueStart[i], valueEnd[i]);
    }

    /**
     * The field as hex digits without {@code 0x}, as tracepoints print a {@code %lx}
     * ({@code task_newtask}'s {@code clone_flags}).
     *
     * @throws NumberFormatException when the line has no such field, or its value is no hex number
     */
    public long hex(String name) {
        int i = field(name);
        if (i < 0) {
            throw new NumberFormatException("no field '" + name + "'");
        }
        int s = valueStart[i];
        int e = valueEnd[i];
        boolean prefixed = e - s > 2 && bytes[s] == '0' && (bytes[s + 1] == 'x' || bytes[s + 1] == 'X');
        return parseHex(bytes, prefixed ? s + 2 : s, e);
    }

    /** {@link #number(String)}, or {@code otherwise} when the field is missing or not a number. */
    public long number(String name, long otherwise) {
        int i = field(name);
        if (i < 0) {
            return otherwise;
        }
        try {
            return parseNumber(bytes, valueStart[i], valueEnd[i]);
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }

    /** Each byte's value as a hex digit, or -1. */
    private static final byte[] HEX = new byte[256];

    static {
        Arrays.fill(HEX, (byte) -1);
        for (int c = 0; c < 256; c++) {
            if (c < 128 && Character.digit(c, 16) >= 0) {
                HEX[c] = (byte) Character.digit(c, 16);
            }
        }
    }

    private static long parseHex(byte[] b, int s, int e) {
        if (s == e || e - s > 16) {
            throw new NumberFormatException("not a 64-bit hex number: " + new String(b, s, e - s, StandardCharsets.US_ASCII));
        }
        long v = 0;
        int p = s;
        // Kernel pointers are 16 digits: eight at a time, then the rest one by one.
        for (; p + 8 <= e; p += 8) {
            long word = hex8((long) BIG_ENDIAN_LONGS.get(b, p));
            if (word < 0) {
                throw new NumberFormatException("not a hex number: " + new String(b, s, e - s, StandardCharsets.US_ASCII));
            }
            v = (v << 32) | word;
        }
        for (; p < e; p++) {
            int d = HEX[b[p] & 0xff];
            if (d < 0) {
                throw new NumberFormatException("not a hex number: " + new String(b, s, e - s, StandardCharsets.US_ASCII));
            }
            v = (v << 4) | d;
        }
        return v;
    }

    /** Eight bytes as one long, the first byte the highest: the order hex digits are read in. */
    private static final VarHandle BIG_ENDIAN_LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    /**
     * The value of eight hex digits ({@code 0-9a-fA-F}, the first the most significant), or -1 when
     * any byte is none. For bytes below 0x80, {@code b + (0x80 - lo)} has its high bit set exactly
     * when {@code b >= lo}, and {@code b + (0x7f - hi)} exactly when {@code b > hi}, with no carry
     * into the next byte: each byte is checked against both ranges at once.
     */
    static long hex8(long x) {
        if ((x & HIGHS) != 0) {
            return -1;
        }
        long digit = (x + (0x80 - '0') * ONES) & ~(x + (0x7f - '9') * ONES) & HIGHS;
        long lower = x | 0x20 * ONES;
        long letter = (lower + (0x80 - 'a') * ONES) & ~(lower + (0x7f - 'f') * ONES) & HIGHS;
        if ((digit | letter) != HIGHS) {
            return -1;
        }
        // A digit's value is its low four bits; a letter's, its low four bits plus 9 ('a' is 0x61).
        long v = (x & 0x0f * ONES) + (letter >>> 7) * 9;
        v = (v | (v >>> 4)) & 0x00ff00ff00ff00ffL;
        v = (v | (v >>> 8)) & 0x0000ffff0000ffffL;
        return (v | (v >>> 16)) & 0xffffffffL;
    }

    static long parseNumber(byte[] b, int s, int e) {
        if (s >= e) {
            throw new NumberFormatException("empty value");
        }
        boolean negative = b[s] == '-';
        int p = negative ? s + 1 : s;
        if (e - p > 2 && b[p] == '0' && (b[p + 1] == 'x' || b[p + 1] == 'X')) {
            long v = parseHex(b, p + 2, e);
            return negative ? -v : v;
        }
        if (p == e || e - p > 20) {
            throw new NumberFormatException("not a number: " + new String(b, s, e - s, StandardCharsets.US_ASCII));
        }
        long v = 0;
        for (; p < e; p++) {
            int d = b[p] - '0';
            if (d < 0 || d > 9) {
                throw new NumberFormatException("not a number: " + new String(b, s, e - s, StandardCharsets.US_ASCII));
            }
            // u64 values above Long.MAX_VALUE wrap to their two's-complement bits, as the kernel holds them.
            v = v * 10 + d;
        }
        return negative ? -v : v;
    }
}
