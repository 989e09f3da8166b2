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
    /** The event of a line read while looking for the end of an object that turned out cut before it. */
    private Event pending;
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
        if (pending != null) {
            Event e = pending;
            pending = null;
            return e;
        }
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
            if (!read && opening(line)) {
                // An object over several lines, as jq prints it without -c: read whole, one record.
                Event e = object(line.number(), line.text());
                if (e == null) {
                    e = pending;
                    pending = null;
                }
                if (e != null) {
                    return e;
                }
                continue;
            }
            try {
                Event e = read ? decoder.decodeRead(line) : decoder.decode(line);
                if (e != null) {
                    return e;
                }
            } catch (BadRecordException e) {
                rejected++;
                diagnostics.accept(Diagnostic.at(input, line.number(), e.getMessage()));
            }
        }
        return null;
    }

    /** The most bytes one object over several lines may have: what one line may. */
    private static final int MAX_OBJECT = LineReader.MAX_LINE;

    /**
     * The event of the object that line {@code number}, {@code first} (a {@code {} alone), opens,
     * with the lines that close it, joined by spaces (a JSON string holds no raw newline, so the
     * lines' breaks are white space between tokens); null when it is no event. jq indents every
     * line inside, so a line that cannot be one of the object's ({@link #inside}: a record of its
     * own, another {@code {} alone) shows the object cut before it: it is said (as the lone line alone would
     * be, when nothing followed it) and skipped, and that line is read as what it is: the next
     * object, or a line whose event waits in {@link #pending}. An object the input ends inside,
     * or that grows past {@link #MAX_OBJECT}, is said at its first line.
     */
    private Event object(long number, String first) throws IOException {
        StringBuilder text = new StringBuilder(first);
        int depth = 1;
        int continued = 0;
        while (depth > 0) {
            LineReader.RawLine next = lines.nextRaw();
            if (next == null || next.truncated() || text.length() > MAX_OBJECT) {
                cut(number, first, continued, next == null ? "is not closed before the input ends"
                    : "runs past " + MAX_OBJECT + " bytes");
                if (next != null && next.truncated()) {
                    lineCount++;
                    rejected++;
                    diagnostics.accept(Diagnostic.at(input, next.number(), "line longer than " + LineReader.MAX_LINE + " bytes: skipped"));
                }
                return null;
            }
            if (blank(next)) {
                continue;
            }
            if (!inside(next, depth)) {
                cut(number, first, continued, "is cut off before line " + next.number() + ", which is none of its lines");
                lineCount++;
                if (opening(next)) {
                    number = next.number();
                    first = next.text();
                    text.setLength(0);
                    text.append(first);
                    depth = 1;
                    continued = 0;
                    continue;
                }
                try {
                    pending = decoder.decode(next);
                } catch (BadRecordException e) {
                    rejected++;
                    diagnostics.accept(Diagnostic.at(input, next.number(), e.getMessage()));
                }
                return null;
            }
            depth = depth(next.array(), next.start(), next.start() + next.length(), depth);
            text.append(' ').append(next.text());
            continued++;
        }
        try {
            return decoder.decode(text.toString(), number);
        } catch (BadRecordException e) {
            rejected++;
            diagnostics.accept(Diagnostic.at(input, number, e.getMessage()));
            return null;
        }
    }

    /**
     * The object of line {@code number} ends without closing: with lines after its {@code {}, said
     * with {@code why}; a lone {@code {} (a line cut to its first byte, as often as a record split
     * over lines) is said as it would be read alone.
     */
    private void cut(long number, String first, int continued, String why) {
        rejected++;
        String said = "a JSON object that begins here " + why + ": skipped";
        if (continued == 0) {
            try {
                decoder.decode(first, number);
            } catch (BadRecordException e) {
                said = e.getMessage();
            }
        }
        diagnostics.accept(Diagnostic.at(input, number, said));
    }

    /** Whether {@code line} is {@code {} alone at its start (white space after it): how jq without -c begins each object. */
    private static boolean opening(LineReader.RawLine line) {
        byte[] b = line.array();
        int i = line.start();
        int end = i + line.length();
        if (i >= end || b[i] != '{') {
            return false;
        }
        for (i++; i < end; i++) {
            if (b[i] != ' ' && b[i] != '\t' && b[i] != '\r') {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether {@code line} can be a line of an object as jq prints it, {@code depth} levels being
     * open before it: jq indents every line inside, so one at the line's start is the close of the
     * object itself ({@code }} at depth 1) or none of its lines; and directly inside it (depth 1),
     * a line is a member ({@code "key": ...}) or that close.
     */
    private static boolean inside(LineReader.RawLine line, int depth) {
        byte[] b = line.array();
        int start = line.start();
        int i = start;
        int end = i + line.length();
        while (i < end && (b[i] == ' ' || b[i] == '\t')) {
            i++;
        }
        if (i == start) {
            return depth == 1 && b[i] == '}';
        }
        return depth > 1 || i < end && (b[i] == '"' || b[i] == '}');
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
