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
        for (LineReader.Line line = lines.next(); line != null; line = lines.next()) {
            if (line.text().isBlank()) {
                continue;
            }
            if (line.truncated()) {
                diagnostics.accept(Diagnostic.at(input, line.number(), "line longer than " + LineReader.MAX_LINE + " bytes: skipped"));
                continue;
            }
            try {
                Event e = decoder.decode(line.text(), line.number());
                if (e != null) {
                    return e;
                }
            } catch (BadRecordException e) {
                diagnostics.accept(Diagnostic.at(input, line.number(), e.getMessage()));
            }
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }
}
