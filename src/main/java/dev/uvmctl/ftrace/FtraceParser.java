package dev.uvmctl.ftrace;

import dev.uvmctl.shared.Words;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads lines of ftrace text ({@code trace_pipe}, {@code trace}, a saved copy of either) into
 * {@link FtraceLine}s. A pure function of the bytes it is handed, one line at a time, with no
 * state between lines but its reusable view and the event names it has seen: the caller owns
 * the input and its diagnostics.
 *
 * <p>The line shape is the kernel's (kernel/trace/trace_output.c: trace_print_context,
 * trace_print_lat_fmt; kernel/trace/trace.c: print_trace_line for the lost-event marker): the
 * task name right-aligned in 16 columns, so it may hold spaces and dashes, and the thread id after
 * its last dash; with {@code options/record-tgid} a {@code (TGID)} column, {@code (-------)} when
 * the tgid was not recorded; the CPU in brackets; 4 or 5 flag characters when {@code irq-info} is
 * on (it can be off); seconds with 6 decimals for the clocks that count nanoseconds, a bare count
 * for {@code counter} and {@code x86-tsc}. Nothing depends on column widths or probe offsets.
 *
 * <p>{@code trace-cmd report} (a {@code trace-cmd record} file turned into text) prints the same
 * columns, the event name padded with spaces, a kprobe's location as its bare address
 * ({@code (ffffffffc0a1b2c3)}: libtraceevent prints the probe's {@code print fmt}, whose
 * {@code __probe_ip} is {@code %lx}), after its own header lines ({@code version = 6},
 * {@code cpus=16}, and {@code CPU 3 is empty} for a CPU that recorded nothing), which are comments.
 * {@code perf script} of the same events ({@code perf record -e 'uvmctl:*'}) prints
 * {@code COMM TID [CPU] TIME: GROUP:NAME: fields} ({@code COMM PID/TID} with {@code -F +pid}):
 * the thread id after spaces, no flags, the event named with its group.
 */
public final class FtraceParser {
    private static final byte[] META = "# uvmctl-trace:".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] LOST = "[LOST ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] UNCOUNTED = "[LOST EVENTS]".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] BUFFER_STARTED = "##### CPU ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] STARTED = " buffer started".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ENTRIES = "# entries-in-buffer/entries-written: ".getBytes(StandardCharsets.US_ASCII);
    /** A frame of a stack trace entry, {@code " => func+off/len"}, and the entry's own text after the timestamp. */
    private static final byte[] FRAME = "=> ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] STACK_TRACE = "<stack trace>".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] USER_STACK_TRACE = "<user stack trace>".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] LOST_CPU = "CPU:".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CPUS = "cpus=".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] VERSION = "version = ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CPU_SPACE = "CPU ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] IS_EMPTY = " is empty".getBytes(StandardCharsets.US_ASCII);

    private final FtraceLine line = new FtraceLine();
    /** Event names seen so far, so that a name is one string for the whole input. */
    private byte[][] names = new byte[32][];
    private String[] nameStrings = new String[32];
    private int nameCount;
    /** The index of the name found last. */
    private int lastName;

    /**
     * True when {@code head}, the first line of an input, is ftrace text: an event line, a
     * lost-events marker, the {@code trace} file's {@code # tracer:} header or uvmctl's own
     * {@code # uvmctl-trace:} line. A kernel log's lines have no {@code TASK-PID [CPU]} columns.
     */
    public static boolean recognizes(String head) {
        String first = head.strip();
        int newline = first.indexOf('\n');
        return isTraceLine(newline < 0 ? first : first.substring(0, newline));
    }

    /**
     * True when {@code line} is one only ftrace text has: an event line, a lost-events or
     * buffer-started marker, the {@code trace} file's {@code # tracer:} or entries header, or
     * uvmctl's own {@code # uvmctl-trace:} line. Other {@code #} lines say nothing either way.
     */
    public static boolean isTraceLine(String line) {
        String text = line.strip();
        if (text.startsWith("# tracer:")) {
            return true;
        }
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        FtraceLine.Kind kind = new FtraceParser().parse(b, b.length, 1).kind();
        return switch (kind) {
            case EVENT, LOST, META, BUFFER_STARTED, ENTRIES, STACK, FUNCTION -> true;
            case COMMENT, BLANK, BAD -> false;
        };
    }

    /** Parses {@code bytes[0 .. length)}, line {@code number} of its input; the view is valid until the next call. */
    public FtraceLine parse(byte[] bytes, int length, long number) {
        FtraceLine l = line;
        l.bytes = bytes;
        l.length = length;
        l.number = number;
        l.text = null;
        l.comm = null;
        l.problem = null;
        l.fields = 0;
        l.hint = 0;
        l.probeStart = -1;
        l.probeEnd = -1;
        l.returnProbe = false;
        l.event = null;
        l.tgid = FtraceLine.NO_TGID;
        l.tgidColumn = false;
        l.nanos = FtraceLine.NO_TIME;
        l.lost = 0;
        l.payloadStart = length;
        int s = skipSpaces(bytes, 0, length);
        if (s == length) {
            l.kind = FtraceLine.Kind.BLANK;
            return l;
        }
        if (bytes[s] == '#') {
            if (startsWith(bytes, s, length, META)) {
                l.kind = FtraceLine.Kind.META;
                l.payloadStart = skipSpaces(bytes, s + META.length, length);
                if (!fields(l, l.payloadStart)) {
                    return bad(l, "a '# uvmctl-trace:' line that is not 'key=value' pairs");
                }
                return l;
            }
            if (startsWith(bytes, s, length, BUFFER_STARTED)) {
                return bufferStarted(l, s + BUFFER_STARTED.length);
            }
            if (startsWith(bytes, s, length, ENTRIES)) {
                return entries(l, s + ENTRIES.length);
            }
            l.kind = FtraceLine.Kind.COMMENT;
            return l;
        }
        if (bytes[s] == 'C' && startsWith(bytes, s, length, LOST_CPU)) {
            return lost(l, s);
        }
        if (bytes[s] == '=' && startsWith(bytes, s, length, FRAME)) {
            l.kind = FtraceLine.Kind.STACK;
            return l;
        }
        event(l, s);
        // Looked at only where a line is no event, off the path of the lines that are.
        if (l.kind == FtraceLine.Kind.BAD && traceCmdHeader(bytes, s, length)) {
            l.kind = FtraceLine.Kind.COMMENT;
            l.problem = null;
        }
        return l;
    }

    /**
     * {@code CPU:%d [LOST %lu EVENTS]}, and {@code CPU:%d [LOST EVENTS]} when the count is not
     * known: a {@code trace} file's iterator whose page the writer overwrote while it was read
     * (kernel/trace/trace.c: print_trace_line, peek_next_entry; the second form since Linux 5.7).
     */
    private FtraceLine lost(FtraceLine l, int s) {
        byte[] b = l.bytes;
        int p = s + 4;
        int cpuEnd = digits(b, p, l.length);
        int at = cpuEnd + 1;
        if (cpuEnd == p || cpuEnd >= l.length || b[cpuEnd] != ' ' || !startsWith(b, at, l.length, LOST)) {
            return bad(l, "a 'CPU:' line that is not 'CPU:N [LOST M EVENTS]'");
        }
        if (startsWith(b, at, l.length, UNCOUNTED) && skipSpaces(b, at + UNCOUNTED.length, l.length) == l.length) {
            l.kind = FtraceLine.Kind.LOST;
            l.cpu = id(b, p, cpuEnd);
            l.lost = FtraceLine.UNCOUNTED;
            return l;
        }
        int countStart = at + LOST.length;
        int countEnd = digits(b, countStart, l.length);
        if (countEnd == countStart || !startsWith(b, countEnd, l.length, " EVENTS]".getBytes(StandardCharsets.US_ASCII))) {
            return bad(l, "a lost-events marker cut short or garbled");
        }
        l.kind = FtraceLine.Kind.LOST;
        l.cpu = id(b, p, cpuEnd);
        l.lost = decimal(b, countStart, countEnd);
        return l;
    }

    /**
     * {@code ##### CPU %u buffer started ####} (kernel/trace/trace.c: test_cpu_buff_start), printed
     * in the {@code trace} file only when the ring buffer had overruns ({@code TRACE_FILE_ANNOTATE},
     * set by __tracing_open): CPU N's oldest surviving event follows.
     */
    private FtraceLine bufferStarted(FtraceLine l, int p) {
        byte[] b = l.bytes;
        int cpuEnd = digits(b, p, l.length);
        if (cpuEnd == p || !startsWith(b, cpuEnd, l.length, STARTED)) {
            return bad(l, "a '##### CPU' line that is not '##### CPU N buffer started ####'");
        }
        l.kind = FtraceLine.Kind.BUFFER_STARTED;
        l.cpu = id(b, p, cpuEnd);
        return l;
    }

    /**
     * {@code # entries-in-buffer/entries-written: %lu/%lu   #P:%d} (kernel/trace/trace.c:
     * print_event_info, get_total_entries_cpu): written is what is in the buffer plus the ring
     * buffer's overruns, so written − in buffer is what was overwritten (events consumed through
     * {@code trace_pipe} are in neither).
     */
    private FtraceLine entries(FtraceLine l, int p) {
        byte[] b = l.bytes;
        int inBufferEnd = digits(b, p, l.length);
        int written = inBufferEnd + 1;
        int writtenEnd = digits(b, written, l.length);
        if (inBufferEnd == p || inBufferEnd >= l.length || b[inBufferEnd] != '/' || writtenEnd == written
                || inBufferEnd - p > 18 || writtenEnd - written > 18) {
            return bad(l, "an 'entries-in-buffer/entries-written:' header that is not 'E/W'");
        }
        long inBuffer = decimal(b, p, inBufferEnd);
        long total = decimal(b, written, writtenEnd);
        l.kind = FtraceLine.Kind.ENTRIES;
        l.lost = Math.max(0, total - inBuffer);
        return l;
    }

    private FtraceLine event(FtraceLine l, int s) {
        byte[] b = l.bytes;
        int n = l.length;
        // The CPU column: " [NNN] ", the first bracketed number after a space.
        int open = -1;
        int close = -1;
        for (int i = find(b, s + 1, n, BRACKETS, BRACKETS); i < n; i = find(b, i + 1, n, BRACKETS, BRACKETS)) {
            if (b[i - 1] == ' ') {
                int e = digits(b, i + 1, n);
                if (e > i + 1 && e < n && b[e] == ']' && (e + 1 == n || b[e + 1] == ' ')) {
                    open = i;
                    close = e;
                    break;
                }
            }
        }
        if (open < 0) {
            return bad(l, "not a line of ftrace text (no '[CPU]' column)");
        }
        l.cpu = id(b, open + 1, close);
        int e = open;
        while (e > s && b[e - 1] == ' ') {
            e--;
        }
        if (e > s && b[e - 1] == ')') {
            int paren = e - 1;
            while (paren > s && b[paren] != '(') {
                paren--;
            }
            if (b[paren] != '(') {
                return bad(l, "a '(TGID)' column without its '('");
            }
            l.tgidColumn = true;
            int ts = skipSpaces(b, paren + 1, e - 1);
            int te = digits(b, ts, e - 1);
            if (te > ts && te == e - 1) {
                l.tgid = id(b, ts, te);
            } else if (!allDashes(b, ts, e - 1)) {
                return bad(l, "the '(TGID)' column is neither a number nor '(-------)'");
            }
            e = paren;
            while (e > s && b[e - 1] == ' ') {
                e--;
            }
        }
        int dash = e - 1;
        while (dash > s && b[dash] != '-') {
            dash--;
        }
        int pidEnd = digits(b, dash + 1, e);
        int commEnd = dash;
        int pidStart = dash + 1;
        if (b[dash] != '-' || pidEnd == dash + 1 || pidEnd != e) {
            // perf script: "COMM TID [CPU]", the thread id after spaces.
            pidStart = e;
            while (pidStart > s && b[pidStart - 1] >= '0' && b[pidStart - 1] <= '9') {
                pidStart--;
            }
            commEnd = pidStart;
            if (pidStart < e && commEnd > s && b[commEnd - 1] == '/') {
                // perf script -F +pid: "COMM PID/TID", the process before the thread.
                int tgidEnd = commEnd - 1;
                int tgidStart = tgidEnd;
                while (tgidStart > s && b[tgidStart - 1] >= '0' && b[tgidStart - 1] <= '9') {
                    tgidStart--;
                }
                if (tgidStart < tgidEnd && !l.tgidColumn) {
                    l.tgidColumn = true;
                    l.tgid = id(b, tgidStart, tgidEnd);
                    commEnd = tgidStart;
                }
            }
            while (commEnd > s && b[commEnd - 1] == ' ') {
                commEnd--;
            }
            if (pidStart == e || commEnd == pidStart || commEnd == s || b[commEnd] != ' ') {
                return bad(l, "not a line of ftrace text (no 'TASK-PID' before the CPU column)");
            }
        }
        l.commStart = s;
        l.commEnd = commEnd;
        l.tid = id(b, pidStart, e);
        // Flags (optional), then the timestamp, which ends with ':'.
        int t = skipSpaces(b, close + 1, n);
        int tEnd = token(b, t, n);
        if (tEnd > t && b[tEnd - 1] != ':') {
            t = skipSpaces(b, tEnd, n);
            tEnd = token(b, t, n);
        }
        if (tEnd <= t || b[tEnd - 1] != ':') {
            return bad(l, "cut short or garbled: no 'TIMESTAMP:' after the CPU column");
        }
        if (!timestamp(l, t, tEnd - 1)) {
            return bad(l, "the timestamp '" + new String(b, t, tEnd - 1 - t, StandardCharsets.US_ASCII) + "' is not a number");
        }
        // The event name: "NAME:" followed by a space or the end of the line.
        int ns = skipSpaces(b, tEnd, n);
        if (ns < n && b[ns] == '<' && (isAll(b, ns, n, STACK_TRACE) || isAll(b, ns, n, USER_STACK_TRACE))) {
            l.kind = FtraceLine.Kind.STACK;
            return l;
        }
        int ne = ns;
        while (ne < n && isNameByte(b[ne])) {
            ne++;
        }
        if (ne > ns && ne + 1 < n && b[ne] == ':' && b[ne + 1] != ' ') {
            // perf script names the event with its group, "uvmctl:uvm_migrate:": the name is what follows it.
            int ge = ne + 1;
            while (ge < n && isNameByte(b[ge])) {
                ge++;
            }
            if (ge > ne + 1 && ge < n && b[ge] == ':' && (ge + 1 == n || b[ge + 1] == ' ')) {
                ns = ne + 1;
                ne = ge;
            }
        }
        if (ne == ns || ne >= n || b[ne] != ':' || (ne + 1 < n && b[ne + 1] != ' ')) {
            if (ne > ns && functionCall(b, ns, n)) {
                l.kind = FtraceLine.Kind.FUNCTION;
                return l;
            }
            return bad(l, "cut short or garbled: no 'EVENT:' after the timestamp");
        }
        l.event = name(b, ns, ne);
        // One space after the name in the kernel's text; trace-cmd report pads the name to a column.
        int p = skipSpaces(b, ne + 1, n);
        if (p < n && b[p] == '(') {
            int end = find(b, p + 1, n, CLOSES, LESS_THANS);
            boolean lessThan = false;
            while (end < n && b[end] == '<') {
                lessThan = true;
                end = find(b, end + 1, n, CLOSES, LESS_THANS);
            }
            if (end == n) {
                return bad(l, "cut short: the probe location '(func+off/len [module])' has no ')'");
            }
            l.probeStart = p + 1;
            l.probeEnd = end;
            // Only a location with a '<' can hold the arrow: a kprobe's has none, so it is not scanned twice.
            l.returnProbe = lessThan && hasArrow(b, p + 1, end);
            p = end + 1;
        }
        l.payloadStart = skipSpaces(b, p, n);
        // Fields; a tracepoint that prints its own text (nvidia_dev_xid) has none, and keeps its payload.
        fields(l, l.payloadStart);
        l.kind = FtraceLine.Kind.EVENT;
        return l;
    }

    /**
     * Reads {@code name=value} pairs from {@code p}. A value runs to the next space, or to the
     * closing quote of a quoted string; words that are no {@code name=} continue the value before
     * them (a tracepoint's {@code comm=} may hold spaces). False when the text does not begin
     * with a pair.
     */
    private static boolean fields(FtraceLine l, int p) {
        byte[] b = l.bytes;
        int n = l.length;
        while (p < n) {
            int ns = p;
            int ne = ns;
            while (ne < n && FIELD_NAME[b[ne] & 0xff]) {
                ne++;
            }
            if (ne == ns || ne >= n || b[ne] != '=') {
                if (l.fields == 0) {
                    return false;
                }
                // A word that is no pair: part of the value before it.
                int we = token(b, ns, n);
                l.valueEnd[l.fields - 1] = we;
                p = skipSpaces(b, we, n);
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
                ve = token(b, vs, n);
            }
            add(l, ns, ne, vs, ve);
            p = skipSpaces(b, ve, n);
        }
        return l.fields > 0;
    }

    private static void add(FtraceLine l, int ns, int ne, int vs, int ve) {
        int i = l.fields;
        if (i == l.nameStart.length) {
            int size = i * 2;
            l.nameStart = Arrays.copyOf(l.nameStart, size);
            l.nameEnd = Arrays.copyOf(l.nameEnd, size);
            l.valueStart = Arrays.copyOf(l.valueStart, size);
            l.valueEnd = Arrays.copyOf(l.valueEnd, size);
        }
        l.nameStart[i] = ns;
        l.nameEnd[i] = ne;
        l.valueStart[i] = vs;
        l.valueEnd[i] = ve;
        l.fields = i + 1;
    }

    /** {@code SECONDS.FRACTION} (up to 9 decimals) in nanoseconds, or a bare count (no time). */
    private static boolean timestamp(FtraceLine l, int s, int e) {
        byte[] b = l.bytes;
        // One pass: the seconds' digits are read as they are scanned (at most 12, so no overflow).
        long seconds = 0;
        int dot = s;
        for (int d; dot < e && (d = b[dot] - '0') >= 0 && d <= 9; dot++) {
            seconds = seconds * 10 + d;
        }
        if (dot == e && dot - s <= 20) {
            // A clock that counts, not nanoseconds (trace_clock counter or x86-tsc: kernel/trace/trace.c prints
            // it as %llu, up to 20 digits): no time, its lines kept in their order.
            l.nanos = FtraceLine.NO_TIME;
            return true;
        }
        if (dot == s || dot - s > 12) {
            return false;
        }
        if (b[dot] != '.') {
            return false;
        }
        long fraction = 0;
        int places = 0;
        int fe = dot + 1;
        for (int d; fe < e && (d = b[fe] - '0') >= 0 && d <= 9; fe++) {
            if (places < 9) {
                fraction = fraction * 10 + d;
                places++;
            }
        }
        if (fe != e || fe == dot + 1) {
            return false;
        }
        for (; places < 9; places++) {
            fraction *= 10;
        }
        l.nanos = seconds * 1_000_000_000L + fraction;
        return true;
    }

    private String name(byte[] b, int s, int e) {
        int len = e - s;
        // A trace is mostly runs of one event (migrations): the name found last is tried first.
        byte[] last = names[lastName];
        if (last != null && last.length == len && Arrays.equals(last, 0, len, b, s, e)) {
            return nameStrings[lastName];
        }
        for (int i = 0; i < nameCount; i++) {
            byte[] known = names[i];
            if (known.length == len && Arrays.equals(known, 0, len, b, s, e)) {
                lastName = i;
                return nameStrings[i];
            }
        }
        String text = new String(b, s, len, StandardCharsets.US_ASCII);
        if (nameCount < 256) {
            if (nameCount == names.length) {
                names = Arrays.copyOf(names, nameCount * 2);
                nameStrings = Arrays.copyOf(nameStrings, nameCount * 2);
            }
            names[nameCount] = Arrays.copyOfRange(b, s, e);
            nameStrings[nameCount++] = text;
        }
        return text;
    }

    private static FtraceLine bad(FtraceLine l, String why) {
        l.kind = FtraceLine.Kind.BAD;
        l.problem = why;
        l.fields = 0;
        return l;
    }

    /**
     * Whether {@code b[s .. n)}, the text after a line's timestamp, is a function tracer's call:
     * {@code SYMBOL} and, with {@code print-parent} (on by default), {@code " <-"} and the
     * caller's {@code SYMBOL} (print_fn_trace, kernel/trace/trace_output.c; without it, only a
     * symbol with its offset counts, since a bare name is also an event line cut after its name), each symbol as
     * seq_print_ip_sym prints it: a name (with the compiler's {@code .isra.0}, {@code .cold}), and
     * with {@code sym-offset} {@code +0xOFF/0xLEN [module]}; with {@code func-args} (Linux 6.16) the
     * arguments in parentheses after the function.
     */
    private static boolean functionCall(byte[] b, int s, int n) {
        int e = n;
        while (e > s && b[e - 1] == ' ') {
            e--;
        }
        int p = symbol(b, s, e);
        if (p > 0 && p < e && b[p] == '(') {
            while (p < e && b[p] != ')') {
                p++;
            }
            p = p < e ? p + 1 : -1;
        }
        if (p == e) {
            // Without print-parent: only with its offset, since a bare name is also an event line cut after its name.
            return hasOffset(b, s, e);
        }
        if (p < 0 || !startsWith(b, p, e, PARENT)) {
            return false;
        }
        return symbol(b, p + PARENT.length, e) == e;
    }

    private static final byte[] PARENT = " <-".getBytes(StandardCharsets.US_ASCII);

    private static boolean hasOffset(byte[] b, int s, int e) {
        for (int i = s; i < e; i++) {
            if (b[i] == '+') {
                return true;
            }
        }
        return false;
    }

    /** The end of a symbol as seq_print_ip_sym prints it from {@code s}, or -1 when there is none. */
    private static int symbol(byte[] b, int s, int e) {
        int p = s;
        while (p < e && (isNameByte(b[p]) || b[p] == '.')) {
            p++;
        }
        if (p == s) {
            return -1;
        }
        if (p < e && b[p] == '+') {
            // +0xOFF/0xLEN
            int slash = p + 1;
            while (slash < e && b[slash] != '/' && b[slash] != ' ') {
                slash++;
            }
            if (slash == e || b[slash] != '/') {
                return -1;
            }
            p = slash + 1;
            while (p < e && isNameByte(b[p])) {
                p++;
            }
        }
        if (p + 1 < e && b[p] == ' ' && b[p + 1] == '[') {
            int close = p + 2;
            while (close < e && b[close] != ']') {
                close++;
            }
            p = close < e ? close + 1 : -1;
        }
        return p;
    }

    /** Letters, digits and '_', by byte: a table, since every byte of every name and field goes through it. */
    private static final boolean[] NAME = new boolean[256];

    /**
     * A field's name may also hold '-': tracepoints print names of their own, and newer kernels'
     * {@code oom:mark_victim} prints {@code total-vm=%lukB anon-rss=%lukB} between {@code comm=}
     * and {@code uid=} (include/trace/events/oom.h), which would otherwise run into the comm.
     */
    private static final boolean[] FIELD_NAME = new boolean[256];

    static {
        for (int c = 0; c < 256; c++) {
            NAME[c] = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_';
            FIELD_NAME[c] = NAME[c] || c == '-';
        }
    }

    private static boolean isNameByte(byte c) {
        return NAME[c & 0xff];
    }

    private static int skipSpaces(byte[] b, int p, int n) {
        while (p < n && (b[p] == ' ' || b[p] == '\t')) {
            p++;
        }
        return p;
    }

    /** Bytes up to a space or tab, one by one: values are mostly a few bytes, shorter than a word's set-up. */
    private static int token(byte[] b, int p, int n) {
        while (p < n && b[p] != ' ' && b[p] != '\t') {
            p++;
        }
        return p;
    }

    /** Eight bytes of a line as one long, the first byte the lowest. */
    private static final long BRACKETS = Words.ONES * '[';
    private static final long CLOSES = Words.ONES * ')';
    private static final long LESS_THANS = Words.ONES * '<';

    /**
     * The index of the first byte in {@code b[p .. n)} that is {@code one}'s or {@code other}'s byte
     * (each repeated in all eight bytes of the long), or {@code n}: eight bytes at a time, then one
     * by one. {@link Words#zeroBytes} marks the lowest zero byte of {@code x} exactly (a borrow
     * marks only bytes above it), so the lowest mark of either comparison is the first match.
     */
    private static int find(byte[] b, int p, int n, long one, long other) {
        for (; p + 8 <= n; p += 8) {
            long word = Words.littleEndian(b, p);
            long marks = Words.zeroBytes(word ^ one) | Words.zeroBytes(word ^ other);
            if (marks != 0) {
                return p + (Long.numberOfTrailingZeros(marks) >>> 3);
            }
        }
        byte first = (byte) one;
        byte second = (byte) other;
        while (p < n && b[p] != first && b[p] != second) {
            p++;
        }
        return p;
    }

    /** {@code cpus=N}, {@code version = V} or {@code CPU N is empty}: trace-cmd report's lines before its events. */
    private static boolean traceCmdHeader(byte[] b, int s, int n) {
        if (startsWith(b, s, n, CPUS)) {
            int e = digits(b, s + CPUS.length, n);
            return e > s + CPUS.length && skipSpaces(b, e, n) == n;
        }
        if (startsWith(b, s, n, VERSION)) {
            int e = token(b, s + VERSION.length, n);
            return e > s + VERSION.length && skipSpaces(b, e, n) == n;
        }
        if (startsWith(b, s, n, CPU_SPACE)) {
            int e = digits(b, s + CPU_SPACE.length, n);
            return e > s + CPU_SPACE.length && isAll(b, e, n, IS_EMPTY);
        }
        return false;
    }

    private static int digits(byte[] b, int p, int n) {
        while (p < n && b[p] >= '0' && b[p] <= '9') {
            p++;
        }
        return p;
    }

    /** {@link #decimal} as an int, at most Integer.MAX_VALUE: a CPU, a thread or process id. */
    private static int id(byte[] b, int s, int e) {
        return (int) Math.min(Integer.MAX_VALUE, decimal(b, s, e));
    }

    private static long decimal(byte[] b, int s, int e) {
        long v = 0;
        for (int i = s; i < e && i < s + 18; i++) {
            v = v * 10 + (b[i] - '0');
        }
        return v;
    }

    private static boolean allDashes(byte[] b, int s, int e) {
        if (s >= e) {
            return false;
        }
        for (int i = s; i < e; i++) {
            if (b[i] != '-') {
                return false;
            }
        }
        return true;
    }

    private static boolean startsWith(byte[] b, int s, int n, byte[] prefix) {
        return n - s >= prefix.length && Arrays.equals(b, s, s + prefix.length, prefix, 0, prefix.length);
    }

    /** Whether {@code b[s .. n)} is {@code text}, spaces after it allowed. */
    private static boolean isAll(byte[] b, int s, int n, byte[] text) {
        return startsWith(b, s, n, text) && skipSpaces(b, s + text.length, n) == n;
    }

    /**
     * Whether {@code b[s .. e)} holds {@code " <- "}, a kretprobe's {@code (caller <- func)}: found by its one {@code '<'},
     * looked for from the end, since the arrow is followed only by the function's name and module.
     */
    private static boolean hasArrow(byte[] b, int s, int e) {
        for (int i = e - 3; i > s; i--) {
            if (b[i] == '<' && b[i - 1] == ' ' && b[i + 1] == '-' && b[i + 2] == ' ') {
                return true;
            }
        }
        return false;
    }
}
