package dev.uvmctl.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uvmctl.event.Event;
import dev.uvmctl.event.EventReader;
import dev.uvmctl.event.NdjsonEventReader;
import dev.uvmctl.shared.Diagnostic;
import dev.uvmctl.source.InputFile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Event NDJSON read from a file keeps where each event's text is and reads it back when asked:
 * the line itself, or the {@code src.text} in it, escapes decoded; the same provenance as a
 * stream that keeps every text.
 */
class NdjsonReadAgainTest {
    @TempDir
    Path dir;

    private static final String MIGRATED = "{\"type\":\"migrated\",\"time\":12.5,\"va_space\":\"v\",\"address\":\"0x7f0000001000\","
        + "\"bytes\":4096,\"from\":\"cpu\",\"to\":\"0000:3b:00.0\"";
    private static final List<String> LINES = List.of(
        "{\"type\":\"schema\",\"schema\":\"uvmctl-events/1\"}",
        MIGRATED + "}",
        MIGRATED + ",\"src\":{\"input\":\"k.trace\",\"line\":7,\"text\":\"a \\\"quoted\\\" \\\\ \\u00e9 pyth\u00f6n line\"}}",
        MIGRATED + ",\"src\":{\"input\":\"k.trace\",\"line\":8}}",
        MIGRATED + ",\"src\":{\"input\":\"k.trace\",\"line\":9,\"text\":\"plain\"}}\r");

    private static List<Event> read(EventReader reader) throws IOException {
        List<Event> events = new ArrayList<>();
        for (Event e = reader.next(); e != null; e = reader.next()) {
            events.add(e);
        }
        return events;
    }

    @Test
    void textsReadAgainAreTheTextsKept() throws IOException {
        String content = String.join("\n", LINES) + "\n";
        Path file = dir.resolve("e.ndjson");
        Files.writeString(file, content);
        List<Diagnostic> diagnostics = new ArrayList<>();
        OpenedInput opened = EventInputs.open(InputFile.of("e.ndjson", dir, null), List.of(new NdjsonEventSource()), diagnostics::add);
        List<Event> again = read(opened.reader());
        List<Event> kept = read(new NdjsonEventReader(new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)), "e.ndjson",
            diagnostics::add));
        assertThat(diagnostics).isEmpty();
        assertThat(again).hasSize(4).isEqualTo(kept);
        assertThat(again).extracting(e -> e.source().location())
            .containsExactly("e.ndjson:2", "k.trace:7", "k.trace:8", "k.trace:9");
        assertThat(again).extracting(e -> e.source().text())
            .containsExactly(LINES.get(1), "a \"quoted\" \\ \u00e9 pyth\u00f6n line", "", "plain");
    }

    /** A file rewritten since it was read does not show another line's text as the event's. */
    @Test
    void aFileChangedSinceSaysSo() throws IOException {
        Path file = dir.resolve("e.ndjson");
        Files.writeString(file, String.join("\n", LINES) + "\n");
        OpenedInput opened = EventInputs.open(InputFile.of("e.ndjson", dir, null), List.of(new NdjsonEventSource()), d -> { });
        List<Event> events = read(opened.reader());
        Files.writeString(file, "{}\n");
        assertThat(events.get(1).source().text()).startsWith("(line no longer in e.ndjson");
    }
}
