package dev.uvmctl.event;

import dev.uvmctl.shared.Diagnostic;
import dev.uvmctl.source.LineReader;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Consumer;

/** Reads event NDJSON line by line; a line that is not a valid record becomes a diagnostic. */
public final class NdjsonEventReader implements EventReader {
    private final LineReader lines;
    private final String input;
    private final Consumer<Diagnostic> diagnostics;
    private final EventDecoder decoder;

    public NdjsonEventReader(InputStream in, String input, Consumer<Diagnostic> diagnostics) {
        this.lines = new LineReader(in);
        this.input = input;
        this.diagnostics = diagnostics;
        this.decoder = new EventDecoder(input, diagnostics);
    }

    @Override
    public Event next() throws IOException {
        for (LineReader.RawLine line = lines.nextRaw(); line != null; line = lines.nextRaw()) {
            if (blank(line)) {
                continue;
            }
            if (line.truncated()) {
                diagnostics.accept(Diagnostic.at(input, line.number(), "line longer than " + LineReader.MAX_LINE + " bytes: skipped"));
                continue;
            }
            try {
                Event e = decoder.decode(line);
                if (e != null) {
                    return e;
                }
            } catch (BadRecordException e) {
                diagnostics.accept(Diagnostic.at(input, line.number(), e.getMessage()));
            }
        }
        return null;
    }

    /** Only white space, as {@link String#isBlank()} has it for the ASCII that JSON allows between values. */
    private static boolean blank(LineReader.RawLine line) {
        byte[] b = line.bytes();
        for (int i = 0; i < line.length(); i++) {
            if (b[i] != ' ' && b[i] != '\t' && b[i] != '\r' && b[i] != 0x0b && b[i] != '\f' && (b[i] < 0x1c || b[i] > 0x1f)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }
}
