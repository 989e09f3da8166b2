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
