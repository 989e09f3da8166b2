package dev.uvmctl.ftrace;

import static dev.uvmctl.shared.Words.HIGHS;
import static dev.uvmctl.shared.Words.ONES;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

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
        /**
         * {@code CPU:N [LOST M EVENTS]}: the ring buffer of CPU N overflowed and M events were dropped;
         * {@code CPU:N [LOST EVENTS]} when the kernel could not count them ({@link #lost()} is
         * {@link #UNCOUNTED}).
         */
        LOST,
        /**
         * {@code ##### CPU N buffer started ####}, in the {@code trace} file when the ring buffer
         * overwrote events: CPU N's oldest surviving event follows, everything it recorded before
         * that is gone.
         */
        BUFFER_STARTED,
        /**
         * {@code # entries-in-buffer/entries-written: E/W   #P:N}, the {@code trace} file's header:
         * {@link #lost()} is W − E, the events the ring buffer overwrote before the file was read.
         */
        ENTRIES,
        /** Any other {@code #} line: the {@code trace} file's header, a comment. */
        COMMENT,
        /**
         * A stack trace the kernel recorded with the event before it ({@code options/stacktrace},
         * {@code options/userstacktrace}, a trigger's {@code stacktrace}): the entry's own line,
         * {@code TASK-PID ... TIMESTAMP: <stack trace>} (or {@code <user stack trace>}), and each of
         * its frames, {@code  => func+off/len [module]} (kernel/trace/trace_output.c:
         * trace_stack_print, trace_user_stack_print). Nothing of the model's history.
         */
        STACK,
        /**
         * A line of the function tracer, {@code TASK-PID ... TIMESTAMP: func <-parent}, with
         * {@code options/sym-offset} {@code func+off/len [module] <-parent+off/len [module]}, without
         * {@code print-parent} the function alone (kernel/trace/trace_output.c: trace_fn_trace,
         * print_fn_trace): a call without its arguments, nothing the model can place.
         */
        FUNCTION,
        /** {@code # uvmctl-trace: key=value ...}: what {@code uvmctl trace record} knew when it wrote the trace. */
        META,
        /** Empty or only spaces. */
        BLANK,
        /** Not a line of ftrace text, or one cut short: {@link #problem()} says why. */
        BAD
    }

    /** A time no line told ({@link #nanos()}). */
    public static final long NO_TIME = Long.MIN_VALUE;
    /** {@link #lost()} of a {@code CPU:N [LOST EVENTS]} marker: events were lost, how many is not known. */
    public static final long UNCOUNTED = -1;
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

    int fields;
    int hint;
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

    /**
     * The task's name: the thread's {@code comm}, as the kernel's table of names had it when the line
     * was printed; null where the kernel printed {@code <...>}, its name for a pid missing from that
     * table ({@code trace_find_cmdline}, kernel/trace/trace.c: {@code saved_cmdlines} keeps 128 names by
     * default, so on a busy node many lines say no name at all; trace-cmd report prints the same), or
     * where {@code perf script} printed {@code :TID}, its name for a thread it saw no comm event of
     * (tools/perf/util/thread.c: thread__new).
     */
    public String comm() {
        if (comm == null && !unnamed()) {
            comm = new String(bytes, commStart, commEnd - commStart, StandardCharsets.UTF_8);
        }
        return comm;
    }

    private boolean unnamed() {
        int n = commEnd - commStart;
        if (n == 5 && bytes[commStart] == '<') {
            return bytes[commStart + 1] == '.' && bytes[commStart + 2] == '.' && bytes[commStart + 3] == '.' && bytes[commStart + 4] == '>';
        }
        if (n < 2 || bytes[commStart] != ':') {
            return false;
        }
        for (int i = commStart + 1; i < commEnd; i++) {
            if (bytes[i] < '0' || bytes[i] > '9') {
                return false;
            }
        }
        return true;
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

    /**
     * For {@link Kind#LOST}: how many events were dropped, or {@link #UNCOUNTED}; for {@link
     * Kind#ENTRIES}: how many the ring buffer overwrote.
     */
    public long lost() {
        return lost;
    }

    /** How many {@code name=value} fields the line has. */
    public int fieldCount() {
        return fields;
    }

    public String fieldName(int i) {
        return new String(bytes, nameStart[i], nameEnd[i] - nameStart[i], StandardCharsets.US_ASCII);
    }

    public String fieldValue(int i) {
        return new String(bytes, valueStart[i], valueEnd[i] - valueStart[i], StandardCharsets.UTF_8);
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
        int n = name.length;
        int count = fields;
        for (int j = 0, i = hint; j < count; j++, i = i + 1 < count ? i + 1 : 0) {
            int s = nameStart[i];
            if (nameEnd[i] - s != n) {
                continue;
            }
            int k = 0;
            while (k < n && bytes[s + k] == name[k]) {
                k++;
            }
            if (k == n) {
                hint = i + 1 < count ? i + 1 : 0;
                return i;
            }
        }
        return -1;
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
        int i = field(name);
        if (i < 0) {
            throw new NumberFormatException("no field '" + new String(name, StandardCharsets.US_ASCII) + "'");
        }
        return parseNumber(bytes, valueStart[i], valueEnd[i]);
    }

    /**
     * {@link #number(byte[])} of each of {@code names}, in that order, into {@code out[0 ..]}: one
     * loop, so that a reader of many fields has the look-up's code once where the compiler inlines
     * it, not once per field (FtraceEvents' migration reader was 38 KB of C2 code with nine calls).
     *
     * @throws NumberFormatException as {@link #number(byte[])}, for the first name that has none
     */
    public void numbers(byte[][] names, long[] out) {
        for (int k = 0; k < names.length; k++) {
            out[k] = number(names[k]);
        }
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
        java.util.Arrays.fill(HEX, (byte) -1);
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

    /** The largest u64 (18446744073709551615) divided by ten: a number past it takes no more digits. */
    private static final long U64_MAX_TENTH = Long.divideUnsigned(-1L, 10);

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
            // u64 values above Long.MAX_VALUE wrap to their two's-complement bits, as the kernel holds them;
            // one above the largest u64 (a twentieth digit past 18446744073709551615) is no value the kernel printed.
            if (Long.compareUnsigned(v, U64_MAX_TENTH) > 0 || v == U64_MAX_TENTH && d > 5) {
                throw new NumberFormatException("more than 64 bits: " + new String(b, s, e - s, StandardCharsets.US_ASCII));
            }
            v = v * 10 + d;
        }
        return negative ? -v : v;
    }
}
