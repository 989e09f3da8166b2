package dev.uvmctl.ingest;

import dev.uvmctl.event.EventReader;
import dev.uvmctl.event.NdjsonEventReader;
import dev.uvmctl.shared.Diagnostic;
import dev.uvmctl.shared.Provenance;
import java.io.InputStream;
import java.util.function.Consumer;

/**
 * The event NDJSON of docs/events.md: recognized by a first line that is a record with a
 * {@code "type"}, or, when the first line is damaged, by the complete lines after it in the head
 * (what {@link EventInputs#head} could read without waiting): at least two of them, and more than
 * half, records. The damaged first line is then a diagnostic of the NDJSON reader at its line,
 * instead of the whole stream being read as a kernel log (where the kernel messages that records
 * quote in their {@code src.text} would be taken for the input's own, and the events dropped).
 */
public final class NdjsonEventSource implements EventSource {

    @Override
    public String format() {
        return "ndjson";
    }

    @Override
    public boolean recognizes(String head) {
        String first = head.strip();
        int newline = first.indexOf('\n');
        return record(newline < 0 ? first : first.substring(0, newline).strip()) || EventInputs.mostly(head, NdjsonEventSource::record, line -> false);
    }

    private static boolean record(String line) {
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
