package dev.uvmctl.source;

import dev.uvmctl.shared.Words;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads numbered text lines from bytes. Splits on {@code \n}, drops a trailing {@code \r},
 * decodes UTF-8 leniently (bad bytes become U+FFFD, never an exception) and caps a line at
 * {@link #MAX_LINE} bytes: the rest of an over-long line is skipped and the line is marked, so
 * the caller can say so instead of running out of memory.
 */
public final class LineReader implements Closeable {
    /** Longer than any line a kernel log, procfs file or tool prints. */
    public static final int MAX_LINE = 1 << 20;

    /** One line: its 1-based number, its text, and whether it was cut at {@link #MAX_LINE}. */
    public record Line(long number, String text, boolean truncated, boolean hasNul) {
    }

    /**
     * The current line as bytes, for parsers of large inputs that decode only the lines they keep
     * ({@code /proc/PID/maps} of every process). Valid until the next read.
     */
    public final class RawLine {
        private RawLine() {
        }

        public long number() {
            return number;
        }

        /**
         * The line's bytes are {@code bytes()[0 .. length())}, without the line end. A line that
         * lies wholly inside the read buffer is copied out of it here, on the first call: a reader
         * that can read the line where it is uses {@link #array()} and {@link #start()} instead.
         */
        public byte[] bytes() {
            if (array != line) {
                ensure(length);
                System.arraycopy(array, start, line, 0, length);
                array = line;
                start = 0;
            }
            return line;
        }

        /**
         * The line's bytes where they are: {@code array()[start() .. start() + length())}, without
         * the line end; most often a view of the read buffer, not a copy. Valid until the next read.
         */
        public byte[] array() {
            return array;
        }

        /** Where the line starts in {@link #array()}. */
        public int start() {
            return start;
        }

        public int length() {
            return length;
        }

        public boolean truncated() {
            return truncated;
        }

        /** The byte offset of the line's start in the input. */
        public long offset() {
            return lineStart;
        }

        /** False for a last line that the input ended inside, without its {@code \n}: a line cut short, perhaps. */
        public boolean terminated() {
            return terminated;
        }

        /** The bytes {@code from .. to} of the line (0 is its first byte) decoded as UTF-8 (leniently). */
        public String text(int from, int to) {
            return new String(array, start + from, to - from, StandardCharsets.UTF_8);
        }

        public String text() {
            return text(0, length);
        }
    }

    private final InputStream in;
    private final byte[] buffer;
    private int pos;
    private int limit;
    private boolean eof;
    private long number;
    private byte[] line = new byte[256];
    /**
     * Where the current line's bytes are: {@code array[start .. start + length)}; the read buffer
     * itself when the line lies wholly inside it (most lines), else {@link #line}, into which the
     * pieces of a line cut by a refill of the buffer are copied, and {@code start} is 0.
     */
    private byte[] array = line;
    private int start;
    private int length;
    private boolean truncated;
    private boolean nul;
    private boolean terminated;
    /** Bytes of the input before {@code buffer[0]}, and the offset of the current line. */
    private long consumed;
    private long lineStart;
    private final RawLine raw = new RawLine();

    public LineReader(InputStream in) {
        this(in, 64 * 1024);
    }

    /** A reader with a smaller buffer, for the thousands of small files of a /proc scan. */
    public LineReader(InputStream in, int bufferSize) {
        this.in = in;
        this.buffer = new byte[bufferSize];
    }

    /** The next line, or null at the end of the input. */
    public Line next() throws IOException {
        if (!read(true)) {
            return null;
        }
        return new Line(number, new String(array, start, length, StandardCharsets.UTF_8), truncated, nul);
    }

    /** The next line as bytes (the same object each time), or null at the end of the input. */
    public RawLine nextRaw() throws IOException {
        return read(false) ? raw : null;
    }

    /**
     * For a reader that finds where a line ends while it reads the line (a record of event NDJSON
     * ends at its closing brace, and a newline follows it): the next line's first byte, at
     * {@code window()[peek()]}, filling the read buffer when it is used up; -1 at the end of the
     * input. What the buffer holds of the line and after it is {@code window()[peek() .. windowLimit())}.
     * The reader then calls {@link #take} with the newline it found, or {@link #nextRaw} when it
     * found none there (the line goes past the buffer, or is anything unusual): nothing is
     * consumed until then.
     */
    public int peek() throws IOException {
        if (pos == limit && (eof || !fill())) {
            return -1;
        }
        return pos;
    }

    /** The read buffer, for {@link #peek}; valid until the next read. */
    public byte[] window() {
        return buffer;
    }

    /** The end of the read bytes in {@link #window()}. */
    public int windowLimit() {
        return limit;
    }

    /**
     * The line from {@link #peek()} to {@code newline}, the index in {@link #window()} of the
     * {@code \n} that ends it, which the caller found with no other {@code \n} before it: the same
     * line as {@link #nextRaw} gives, without its scan for the newline. Null, with nothing
     * consumed, when the line is longer than {@link #MAX_LINE}: {@link #nextRaw} then cuts it.
     *
     * @throws IllegalArgumentException when {@code window()[newline]} is not a {@code \n} after {@code peek()}
     */
    public RawLine take(int newline) {
        if (newline < pos || newline >= limit || buffer[newline] != '\n') {
            throw new IllegalArgumentException("no newline at " + newline + " of the line at " + pos);
        }
        if (newline - pos > MAX_LINE) {
            return null;
        }
        truncated = false;
        nul = false;
        lineStart = consumed + pos;
        inBuffer(pos, newline);
        ended();
        return raw;
    }

    /**
     * Reads the next line: a view of the buffer when its newline is in the buffer with it, else a
     * copy into {@link #line}; false at the end of the input. {@code nuls}: whether to look for NULs
     * ({@link Line#hasNul()}); a raw line does not tell, and its scan does without.
     */
    private boolean read(boolean nuls) throws IOException {
        length = 0;
        truncated = false;
        nul = false;
        terminated = false;
        lineStart = consumed + pos;
        if (pos == limit && (eof || !fill())) {
            return false;
        }
        int from = pos;
        int newline = nuls ? newline(from) : newlineOnly(from);
        if (newline >= 0 && newline - from <= MAX_LINE) {
            inBuffer(from, newline);
        } else {
            copy(from, newline, nuls);
        }
        ended();
        return true;
    }

    /** The line is {@code buffer[from .. newline)}, a view of the read buffer, ended by its newline. */
    private void inBuffer(int from, int newline) {
        array = buffer;
        start = from;
        length = newline - from;
        pos = newline + 1;
        terminated = true;
    }

    /** A line has been read: a CR before its newline is not part of it, and it has its number. */
    private void ended() {
        if (length > 0 && array[start + length - 1] == '\r') {
            length--;
        }
        number++;
    }

    /**
     * Copies the line that starts at {@code buffer[from]} into {@link #line}, refilling the buffer
     * as often as the line needs; {@code newline}: where its newline is in the buffer, or -1.
     */
    private void copy(int from, int newline, boolean nuls) throws IOException {
        array = line;
        start = 0;
        while (true) {
            int end = newline >= 0 ? newline : limit;
            int take = Math.min(end - from, MAX_LINE - length);
            if (take < end - from) {
                truncated = true;
            }
            if (take > 0) {
                ensure(length + take);
                System.arraycopy(buffer, from, line, length, take);
                length += take;
            }
            pos = newline >= 0 ? newline + 1 : limit;
            if (newline >= 0) {
                terminated = true;
                return;
            }
            if (eof || !fill()) {
                return;
            }
            from = pos;
            newline = nuls ? newline(from) : newlineOnly(from);
        }
    }

    private static final long NEWLINES = Words.ONES * '\n';

    /**
     * The index of the first {@code \n} in {@code buffer[from .. limit)}, or -1; sets {@link #nul}
     * when a NUL comes before it. Eight bytes at a time: {@link Words#zeroBytes} sets the
     * high bit of the lowest zero byte of {@code x} exactly (a borrow can mark bytes above it, never
     * below), so the lowest marked byte is the first newline, and a NUL counts only when its first
     * one is below the newline.
     */
    private int newline(int from) {
        int i = from;
        for (; i + 8 <= limit; i += 8) {
            long word = Words.littleEndian(buffer, i);
            long x = word ^ NEWLINES;
            long lines = Words.zeroBytes(x);
            long zeros = Words.zeroBytes(word);
            if (lines != 0) {
                int at = Long.numberOfTrailingZeros(lines);
                if (zeros != 0 && Long.numberOfTrailingZeros(zeros) < at) {
                    nul = true;
                }
                return i + (at >>> 3);
            }
            if (zeros != 0) {
                nul = true;
            }
        }
        for (; i < limit; i++) {
            byte b = buffer[i];
            if (b == '\n') {
                return i;
            }
            if (b == 0) {
                nul = true;
            }
        }
        return -1;
    }

    /** {@link #newline} without the NULs: one test a word. */
    private int newlineOnly(int from) {
        int i = from;
        for (; i + 8 <= limit; i += 8) {
            long lines = Words.zeroBytes(Words.littleEndian(buffer, i) ^ NEWLINES);
            if (lines != 0) {
                return i + (Long.numberOfTrailingZeros(lines) >>> 3);
            }
        }
        for (; i < limit; i++) {
            if (buffer[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private boolean fill() throws IOException {
        consumed += limit;
        int n = in.read(buffer);
        if (n <= 0) {
            eof = true;
            pos = 0;
            limit = 0;
            return false;
        }
        pos = 0;
        limit = n;
        return true;
    }

    /** {@link #line} holds {@code capacity} bytes, its first {@link #length} kept (and {@link #array} with it when it is the line). */
    private void ensure(int capacity) {
        if (capacity > line.length) {
            boolean copied = array == line;
            line = Arrays.copyOf(line, Math.max(capacity, line.length * 2));
            if (copied) {
                array = line;
            }
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
