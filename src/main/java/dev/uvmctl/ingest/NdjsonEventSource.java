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
 * Records printed over several lines, as jq prints them without {@code -c}, are read too.
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
        return record(newline < 0 ? first : first.substring(0, newline).strip()) || EventInputs.mostly(head, NdjsonEventSource::record, line -> false)
            || pretty(head);
    }

    /**
     * Records as jq prints them without {@code -c} ({@code jq 'select(.type == "evicted")' FILE}): a
     * first line of {@code {} alone, and a key {@code "type"} of that object before it closes.
     */
    private static boolean pretty(String head) {
        String[] lines = head.split("\n", -1);
        int i = 0;
        while (i < lines.length && lines[i].isBlank()) {
            i++;
        }
        if (i >= lines.length - 1 || !lines[i].strip().equals("{")) {
            return false;
        }
        for (int k = i + 1; k < lines.length && !lines[k].startsWith("}"); k++) {
            String t = lines[k].strip();
            if (t.startsWith("\"type\"") && t.substring(6).strip().startsWith(":")) {
                return true;
            }
        }
        return false;
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
