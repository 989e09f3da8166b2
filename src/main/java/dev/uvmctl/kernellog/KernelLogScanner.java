package dev.uvmctl.kernellog;

import static dev.uvmctl.shared.Words.ONES;

import dev.uvmctl.shared.Words;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;

/**
 * Reads a kernel log as bytes and hands the {@link KernelLogParser} only the lines that can
 * concern the GPU, without decoding the others: a line is decoded when it holds one of the
 * markers ({@code NVRM}, {@code nvidia}, {@code Linux version}, {@code Killed process}, a journal
 * {@code -- Boot} line, a journal JSON byte-array {@code MESSAGE}, and for the lines that say the
 * log lost messages {@code journald}, {@code uvm_}, {@code nv_}, {@code ** N}), when the parser asks for the
 * line after a relevant one (continuations, call-trace frames), or when the parser looks back
 * from a relevant line (the header of a trace whose frames name nvidia), and the first
 * {@value #PROBE_LINES} lines, which tell whether the input is a kernel log. The scan only stops at
 * newlines and at the markers' rarest bytes ({@code V}, {@code v}, {@code K}, {@code j}, {@code *}), found through a
 * 256-entry table, after a test of eight bytes at a time (SWAR arithmetic on a long) skips the
 * stretches that hold none, so an ordinary line costs little more than finding its newline.
 *
 * <p>Memory is bounded: a 4 MiB buffer, the last {@value #RING} line positions for looking back,
 * and lines cut at {@value #MAX_LINE} bytes (the rest of a longer line is skipped).
 */
public final class KernelLogScanner {
    static final int MAX_LINE = 1 << 20;
    private static final int BUFFER = 4 << 20;
    private static final int RING = 128;
    private static final int RING_MASK = RING - 1;
    private static final int RETAIN = 256 << 10;
    /** The first lines are read whatever they hold: they tell whether the input is a kernel log at all. */
    static final int PROBE_LINES = 16;
    /** Bytes after an anchor that a marker check may read: "Killed process" is 14 long. */
    private static final int REACH = 14;

    private static final long NEWLINES = ONES * '\n';
    private static final long LOWER_V = ONES * 'v';
    private static final long UPPER_V = ONES * 'V';
    private static final long UPPER_K = ONES * 'K';
    private static final long LOWER_J = ONES * 'j';
    private static final long STARS = ONES * '*';
    private static final long BRACKETS = ONES * '[';

    private final boolean[] anchors = new boolean[256];
    private final byte[] buf = new byte[BUFFER];
    private int limit;
    private boolean eof;

    private final int[] ringStart = new int[RING];
    private final int[] ringEnd = new int[RING];
    private final long[] ringNumber = new long[RING];
    private int ringCount;
    private int ringHead;

    private long lines;
    private boolean json;

    public KernelLogScanner() {
        anchors['\n'] = true;
        anchors['V'] = true;
        anchors['v'] = true;
        anchors['K'] = true;
        anchors['j'] = true;
        anchors['*'] = true;
    }

    /** Lines read (all of them, relevant or not). */
    public long lines() {
        return lines;
    }

    /**
     * Scans {@code in} to its end. With {@code stream} set, the parser is told whenever the input
     * pauses, so that the records of a live log ({@code dmesg -w}) are printed as they complete.
     * When {@code stopped} says the input was ended by its reader, not by itself, a last line
     * without newline is where the reading stopped: it is left out, not read as a cut-off line.
     */
    public void scan(InputStream in, KernelLogParser parser, boolean stream, BooleanSupplier stopped) throws IOException {
        int lineStart = 0;
        int pos = 0;
        boolean marked = false;
        KernelLogParser.Next next = KernelLogParser.Next.SKIP;
        int usual = -1;
        boolean first = true;
        while (true) {
            int end = eof ? limit : limit - REACH;
            if (pos >= end && !eof && stream && in.available() == 0) {
                // A live stream paused: read the complete lines held, so their records go out now.
                end = afterLastNewline(pos);
            }
            if (pos >= end) {
                if (eof) {
                    break;
                }
                int shift = refill(in, parser, stream, lineStart);
                lineStart -= shift;
                pos -= shift;
                if (first && limit > 0) {
                    first = false;
                    detectJson(parser);
                }
                continue;
            }
            int stop = Math.min(end, lineStart + MAX_LINE);
            // The hot loop: one table lookup per byte; newlines and marker anchors leave it.
            // Locals, not fields: C1 (the launcher's start-up JIT) reloads fields on every pass.
            final byte[] b = buf;
            final boolean[] an = anchors;
            final long bracket = json ? BRACKETS : NEWLINES;
            while (pos < stop) {
                // Eight bytes at a time while none is an anchor, then the exact byte by the table.
                while (pos <= stop - 8) {
                    long x = Words.littleEndian(b, pos);
                    long hit = Words.zeroBytes(x ^ NEWLINES) | Words.zeroBytes(x ^ LOWER_V) | Words.zeroBytes(x ^ UPPER_V) | Words.zeroBytes(x ^ UPPER_K)
                        | Words.zeroBytes(x ^ LOWER_J) | Words.zeroBytes(x ^ STARS) | Words.zeroBytes(x ^ bracket);
                    if (hit != 0) {
                        pos += Long.numberOfTrailingZeros(hit) >>> 3;
                        break;
                    }
                    pos += 8;
                }
                while (pos < stop && !an[b[pos] & 0xff]) {
                    pos++;
                }
                if (pos >= stop) {
                    break;
                }
                byte c = b[pos];
                if (c == '\n') {
                    lines++;
                    if (!json && b[lineStart] - '0' <= 9 && b[lineStart] >= '0') {
                        kmsgRecord(parser, b, lineStart, pos);
                    }
                    if (marked || next != KernelLogParser.Next.SKIP && (next == KernelLogParser.Next.ALWAYS
                        || pos == lineStart || b[lineStart] != usual) || b[lineStart] == '-' && startsJournalLine(lineStart, pos)
                        || json && cutJson(lineStart, pos)) {
                        feed(parser, lineStart, pos, false);
                        next = parser.next();
                        usual = parser.usualStart();
                    } else if (lines <= PROBE_LINES) {
                        parser.probe(decode(lineStart, pos));
                    }
                    remember(lineStart, pos);
                    lineStart = pos + 1;
                    marked = false;
                    stop = Math.min(end, lineStart + MAX_LINE);
                } else if (!marked) {
                    marked = marker(c, pos, lineStart);
                }
                pos++;
            }
            if (pos - lineStart >= MAX_LINE) {
                lines++;
                if (marked || next != KernelLogParser.Next.SKIP) {
                    feed(parser, lineStart, pos, false);
                    next = parser.next();
                }
                marked = false;
                pos = skipRestOfLine(in, parser, stream, pos);
                lineStart = pos;
            }
        }
        if (lineStart < limit && !stopped.getAsBoolean()) {
            lines++;
            if (!json) {
                kmsgRecord(parser, buf, lineStart, limit);
            }
            // A cut-off JSON object never shows its MESSAGE: read it to say it is cut.
            if (marked || json || next != KernelLogParser.Next.SKIP || hasMarker(lineStart, limit)) {
                feed(parser, lineStart, limit, true);
            }
        }
        parser.end();
    }

    /**
     * Gives the parser the number of line {@link #lines}, {@code b[start .. end)} ({@code b} is
     * {@link #buf}), when it is a /dev/kmsg record, and the line itself when the numbers jumped there.
     */
    private void kmsgRecord(KernelLogParser parser, byte[] b, int start, int end) {
        long seq = kmsgSequence(b, start, end);
        if (seq >= 0 && parser.kmsgSequence(lines, seq)) {
            parser.kmsgGap(lines, decode(start, end));
        }
    }

    /**
     * The sequence number of a {@code /dev/kmsg} record line {@code b[start .. end)},
     * {@code PRIO,SEQ,MICROS,FLAGS[,...];text} (Documentation/ABI/testing/dev-kmsg), or -1 when it
     * is no such line (an ISO date fails at its first non-digit). The scanner gives it for every
     * record, relevant or not: a jump in the numbers is where records were lost
     * ({@link KernelLogParser#kmsgSequence}). One pass over locals: it runs for every line of a
     * kmsg log, under C1 too.
     */
    static long kmsgSequence(byte[] b, int start, int end) {
        int i = start;
        int d;
        // The priority: at most 4 digits, as LineParser.kmsg takes it.
        while (i < end && i - start < 4 && (d = b[i] - '0') >= 0 && d <= 9) {
            i++;
        }
        if (i == start || i >= end || b[i] != ',') {
            return -1;
        }
        int s = ++i;
        long seq = 0;
        while (i < end && i - s < LineParser.MAX_DIGITS + 1 && (d = b[i] - '0') >= 0 && d <= 9) {
            seq = seq * 10 + d;
            i++;
        }
        // As many digits as the line reader takes (LineParser.digits): a header it calls unreadable has no number.
        if (i == s || i - s > LineParser.MAX_DIGITS || i >= end || b[i] != ',') {
            return -1;
        }
        int t = ++i;
        while (i < end && i - t < LineParser.MAX_DIGITS + 1 && (d = b[i] - '0') >= 0 && d <= 9) {
            i++;
        }
        if (i == t || i - t > LineParser.MAX_DIGITS || i >= end || b[i] != ',') {
            return -1;
        }
        // The flags, then fields such as caller=T12, up to the ';' that ends the header.
        int stop = Math.min(end, i + 64);
        while (i < stop && b[i] != ';') {
            i++;
        }
        return i < stop ? seq : -1;
    }

    /** The position after the last newline in the data from {@code from}, or {@code from} when none. */
    private int afterLastNewline(int from) {
        for (int i = limit - 1; i >= from; i--) {
            if (buf[i] == '\n') {
                return i + 1;
            }
        }
        return from;
    }

    /** Drops the rest of an over-long line; returns the position after its newline (or the end). */
    private int skipRestOfLine(InputStream in, KernelLogParser parser, boolean stream, int from) throws IOException {
        int pos = from;
        while (true) {
            while (pos < limit) {
                if (buf[pos++] == '\n') {
                    return pos;
                }
            }
            if (eof) {
                return pos;
            }
            ringCount = 0;
            pos -= refill(in, parser, stream, pos);
        }
    }


    /** Whole-line check for the last line, whose bytes after an anchor were never guaranteed. */
    private boolean hasMarker(int start, int end) {
        for (int i = start; i < end; i++) {
            if (anchors[buf[i] & 0xff] && buf[i] != '\n' && marker(buf[i], i, start)) {
                return true;
            }
        }
        return false;
    }

    private boolean marker(byte c, int i, int lineStart) {
        switch (c) {
            case 'V':
                return i > lineStart && buf[i - 1] == 'N' && at(i + 1, "RM");
            case 'v':
                if (i > lineStart && buf[i - 1] == 'n' && (at(i + 1, "idia") || at(i + 1, "_"))) {
                    return true;
                }
                if (i > lineStart && buf[i - 1] == 'u' && at(i + 1, "m_")) {
                    return true;
                }
                return i - 6 >= lineStart && at(i - 6, "Linux version");
            case 'j':
                return at(i, "journald");
            case '*':
                return at(i, "** ") && i + 3 < limit && buf[i + 3] >= '0' && buf[i + 3] <= '9';
            case 'K':
                return at(i, "Killed process");
            case '[':
                return i - 10 >= lineStart && at(i - 10, "\"MESSAGE\":[");
            default:
                return false;
        }
    }

    private boolean at(int i, String word) {
        if (i < 0 || i + word.length() > limit) {
            return false;
        }
        for (int k = 0; k < word.length(); k++) {
            if (buf[i + k] != word.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether a line of {@code journalctl -o json} stops before its object's closing brace: an
     * export cut in the middle, whose MESSAGE may be what was lost, so it goes to the parser, which
     * says so, though no marker is left in it. A blank line is no object.
     */
    private boolean cutJson(int start, int end) {
        int e = end;
        while (e > start && (buf[e - 1] == '\r' || buf[e - 1] == ' ' || buf[e - 1] == '\t')) {
            e--;
        }
        return e > start && buf[e - 1] != '}';
    }

    /** {@code -- Boot ...}, {@code -- Reboot --}: journalctl's boot boundaries. */
    private boolean startsJournalLine(int start, int end) {
        return end - start >= 3 && buf[start] == '-' && buf[start + 1] == '-' && buf[start + 2] == ' ';
    }

    private void detectJson(KernelLogParser parser) {
        for (int i = 0; i < limit; i++) {
            byte c = buf[i];
            // journalctl -o json-sse: each object after "data: ", a blank line between.
            if (c == '{' || c == 'd' && at(i, "data: {")) {
                json = true;
                anchors['['] = true;
                parser.jsonLines(true);
                return;
            }
            // RS (0x1e) starts each object of journalctl -o json-seq (RFC 7464).
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n' && c != 0x1e) {
                return;
            }
        }
    }

    private void feed(KernelLogParser parser, int start, int end, boolean unterminated) {
        parser.line(lines, decode(start, end), lookback, unterminated);
    }

    private String decode(int start, int end) {
        int e = end;
        if (e > start && buf[e - 1] == '\r') {
            e--;
        }
        return new String(buf, start, e - start, StandardCharsets.UTF_8);
    }

    private void remember(int start, int end) {
        ringHead = (ringHead + 1) & RING_MASK;
        ringStart[ringHead] = start;
        ringEnd[ringHead] = end;
        ringNumber[ringHead] = lines;
        if (ringCount < RING) {
            ringCount++;
        }
    }

    private final KernelLogParser.Lookback lookback = new KernelLogParser.Lookback() {
        @Override
        public int available() {
            return ringCount;
        }

        @Override
        public long number(int back) {
            return ringNumber[slot(back)];
        }

        @Override
        public String text(int back) {
            int s = slot(back);
            return decode(ringStart[s], ringEnd[s]);
        }
    };

    /**
     * Moves the bytes still needed (the current line and the lines kept for looking back) to the
     * front and reads more. Returns how far indexes moved.
     */
    private int refill(InputStream in, KernelLogParser parser, boolean stream, int keepLine) throws IOException {
        int keep = keepLine;
        while (ringCount > 0) {
            int oldest = ringStart[slot(ringCount)];
            if (keepLine - oldest <= RETAIN) {
                keep = Math.min(keep, oldest);
                break;
            }
            ringCount--;
        }
        int shift = keep;
        if (shift > 0) {
            System.arraycopy(buf, shift, buf, 0, limit - shift);
            limit -= shift;
            for (int k = 0; k < RING; k++) {
                ringStart[k] -= shift;
                ringEnd[k] -= shift;
            }
        }
        if (limit == buf.length) {
            ringCount = 0;
            return shift;
        }
        if (stream && in.available() == 0) {
            parser.idle();
        }
        int n = in.read(buf, limit, buf.length - limit);
        if (n < 0) {
            eof = true;
        } else {
            limit += n;
        }
        return shift;
    }

    /** The ring slot of the line {@code back} lines before the current one (1 = the one just before). */
    private int slot(int back) {
        return (ringHead - back + 1) & RING_MASK;
    }
}
