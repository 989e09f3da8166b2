package dev.uvmctl.event;

import dev.uvmctl.shared.Diagnostic;
import dev.uvmctl.shared.Provenance;
import dev.uvmctl.source.LineReader;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads event NDJSON line by line; a line that is not a valid record becomes a diagnostic. A
 * stream of which more than half the non-blank lines are not records is not read as event NDJSON
 * at all: it makes the answer incomplete ({@link #incomplete()}), with the count.
 */
public final class NdjsonEventReader implements EventReader {
    /**
     * What a record read in place needs left in the read buffer: one nearer its end is read as a
     * line. A record cut by the buffer's end would stop at a place that only then becomes possible
     * (any bounds test of the decoder), and the JIT, which compiles the decoder without the branches
     * it has not seen taken, would throw its code away and compile it again for each new such place.
     */
    private static final int ROOM = 4096;

    private final LineReader lines;
    private final String input;
    private final Consumer<Diagnostic> diagnostics;
    private final EventDecoder decoder;
    private long lineCount;
    private long rejected;

    public NdjsonEventReader(InputStream in, String input, Consumer<Diagnostic> diagnostics) {
        this(in, input, diagnostics, null);
    }

    /** A reader of an input whose lines {@code again} reads again ({@code source.FileLines}): events keep where their text is ({@link EventDecoder}). */
    public NdjsonEventReader(InputStream in, String input, Consumer<Diagnostic> diagnostics, Provenance.Lines again) {
        this.lines = new LineReader(in);
        this.input = input;
        this.diagnostics = diagnostics;
        this.decoder = new EventDecoder(input, diagnostics, again);
    }

    @Override
    public Event next() throws IOException {
        for (int from = lines.peek(); from >= 0; from = lines.peek()) {
            // A record is read where it lies in the read buffer, its newline found as it ends:
            // one pass over the line's bytes; anything else is read as a line, found by its newline.
            byte[] window = lines.window();
            int limit = lines.windowLimit();
            int newline = window[from] == '{' && limit - from >= ROOM ? decoder.read(window, from, limit) : -1;
            LineReader.RawLine line = newline >= 0 ? lines.take(newline) : null;
            boolean read = line != null;
            if (!read) {
                line = lines.nextRaw();
                if (blank(line)) {
                    continue;
                }
            }
            lineCount++;
            if (line.truncated()) {
                rejected++;
                diagnostics.accept(Diagnostic.at(input, line.number(), "line longer than " + LineReader.MAX_LINE + " bytes: skipped"));
                continue;
            }
            long number = line.number();
            try {
                Event e;
                if (!read && opening(line)) {
                    // An object over several lines, as jq prints it without -c: read whole, one record.
                    // The reader's line is one view, moved on by each line read: its number is kept here.
                    long[] start = {number};
                    String object = object(start);
                    if (object == null) {
                        continue;
                    }
                    number = start[0];
                    e = decoder.decode(object, number);
                } else {
                    e = read ? decoder.decodeRead(line) : decoder.decode(line);
                }
                if (e != null) {
                    return e;
                }
            } catch (BadRecordException e) {
                rejected++;
                diagnostics.accept(Diagnostic.at(input, number, e.getMessage()));
            }
        }
        return null;
    }

    /** The most bytes one object over several lines may have: what one line may. */
    private static final int MAX_OBJECT = LineReader.MAX_LINE;

    /**
     * The object that line {@code start[0]}, a line of {@code {} alone, opens, with the lines that
     * close it, joined by spaces (a JSON string holds no raw newline, so the lines' breaks are
     * white space between tokens). Another such line before it closes starts another object: the
     * one before was cut, and is said and skipped, and {@code start[0]} becomes the new one's line. Null,
     * with a diagnostic at its first line, when the input ends or the object grows past
     * {@link #MAX_OBJECT} before it closes.
     */
    private String object(long[] start) throws IOException {
        StringBuilder text = new StringBuilder("{");
        int depth = 1;
        while (depth > 0) {
            LineReader.RawLine next = lines.nextRaw();
            if (next == null || next.truncated() || text.length() > MAX_OBJECT) {
                rejected++;
                diagnostics.accept(Diagnostic.at(input, start[0], next == null
                    ? "a JSON object that begins here is not closed before the input ends: skipped"
                    : "a JSON object that begins here runs past " + MAX_OBJECT + " bytes: skipped"));
                return null;
            }
            if (opening(next) && next.array()[next.start()] == '{') {
                rejected++;
                diagnostics.accept(Diagnostic.at(input, start[0], "a JSON object that begins here is cut off before line "
                    + next.number() + ", where another begins: skipped"));
                start[0] = next.number();
                text.setLength(1);
                depth = 1;
                continue;
            }
            depth = depth(next.array(), next.start(), next.start() + next.length(), depth);
            text.append(' ').append(next.text());
        }
        return text.toString();
    }

    /** Whether {@code line} is {@code {} alone (white space around it): how jq without -c begins each object. */
    private static boolean opening(LineReader.RawLine line) {
        byte[] b = line.array();
        int seen = 0;
        for (int i = line.start(), end = i + line.length(); i < end; i++) {
            if (b[i] == '{') {
                seen++;
            } else if (b[i] != ' ' && b[i] != '\t' && b[i] != '\r') {
                return false;
            }
        }
        return seen == 1;
    }

    /**
     * How many objects and arrays are open after {@code b[from .. to)}, {@code depth} being open
     * before it: brackets in strings, and escaped quotes, not counted. A line that starts inside a
     * string (which JSON does not allow) is counted as if it did not.
     */
    private static int depth(byte[] b, int from, int to, int depth) {
        boolean string = false;
        for (int i = from; i < to; i++) {
            byte c = b[i];
            if (string) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    string = false;
                }
            } else if (c == '"') {
                string = true;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                depth--;
            }
        }
        return depth;
    }

    /** Only white space, as {@link String#isBlank()} has it for the ASCII that JSON allows between values. */
    private static boolean blank(LineReader.RawLine line) {
        byte[] b = line.array();
        for (int i = line.start(), end = i + line.length(); i < end; i++) {
            if (b[i] != ' ' && b[i] != '\t' && b[i] != '\r' && b[i] != 0x0b && b[i] != '\f' && (b[i] < 0x1c || b[i] > 0x1f)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public List<String> incomplete() {
        if (lineCount == 0) {
            return List.of("is empty");
        }
        if (rejected * 2 <= lineCount) {
            return List.of();
        }
        return List.of(rejected + " of its " + lineCount + " lines are not event records (more than half): "
            + "not event NDJSON, or damaged (the diagnostics say why, line by line)");
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }
}
