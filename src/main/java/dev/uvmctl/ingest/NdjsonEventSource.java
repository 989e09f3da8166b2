package dev.uvmctl.ingest;

import dev.uvmctl.event.EventReader;
import dev.uvmctl.event.NdjsonEventReader;
import dev.uvmctl.shared.Diagnostic;
import dev.uvmctl.shared.Provenance;
import java.io.InputStream;
import java.util.function.Consumer;

/** The event NDJSON of docs/events.md: recognized by a first record that has a {@code "type"}. */
public final class NdjsonEventSource implements EventSource {

    @Override
    public String format() {
        return "ndjson";
    }

    @Override
    public boolean recognizes(String head) {
        String first = head.strip();
        int newline = first.indexOf('\n');
        String line = newline < 0 ? first : first.substring(0, newline);
        return line.startsWith("{") && line.contains("\"type\"");
    }

    @Override
    public EventReader open(InputStream in, String input, Consumer<Diagnostic> diagnostics) {
        return new NdjsonEventReader(in, input, diagnostics);
    }

    @Override
    public EventReader open(InputStream in, String input, Consumer<Diagnostic> diagnostics, Provenance.Lines again) {
        return new NdjsonEventReader(in, input, diagnostics, again);
    }
}
