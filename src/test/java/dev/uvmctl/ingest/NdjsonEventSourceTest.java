package dev.uvmctl.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uvmctl.event.Event;
import dev.uvmctl.event.EventReader;
import dev.uvmctl.shared.Diagnostic;
import dev.uvmctl.source.InputFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which inputs are event NDJSON: by the first line, or, when it is damaged, by the lines after it. */
class NdjsonEventSourceTest {
    @TempDir
    Path dir;

    private static final NdjsonEventSource NDJSON = new NdjsonEventSource();
    private static final Path STREAM = Path.of("src/test/resources/expected/events/oom-hung-unload.ndjson");

    @Test
    void aFirstLineThatIsARecordDecides() {
        assertThat(NDJSON.recognizes("{\"type\":\"schema\",\"schema\":\"uvmctl.events/v2\"}")).isTrue();
        assertThat(NDJSON.recognizes("\n  {\"type\":\"schema\"}\nnot json\nnot json\n")).isTrue();
        assertThat(NDJSON.recognizes("[    2.329368] nvidia: loading out-of-tree module")).isFalse();
        assertThat(NDJSON.recognizes("")).isFalse();
    }

    @Test
    void aDamagedFirstLineIsOutvotedByTheCompleteLinesAfterIt() {
        String record = "{\"type\":\"process_exited\",\"pid\":1}";
        assertThat(NDJSON.recognizes("\u202e{\"type\":\"schema\"}\n" + record + "\n" + record + "\n")).isTrue();
        // One record after it is not enough, nor are records that are not the majority.
        assertThat(NDJSON.recognizes("garbled\n" + record + "\n")).isFalse();
        assertThat(NDJSON.recognizes("garbled\n" + record + "\nkernel\n" + record + "\nkernel\n")).isFalse();
        // The head's last piece has no newline after it: cut short, it does not count.
        assertThat(NDJSON.recognizes("garbled\n" + record + "\n" + record.substring(0, 12))).isFalse();
        // journalctl -o json: objects, but no record has a "type" (a quoted one in MESSAGE is escaped).
        String journal = "{\"__CURSOR\":\"s=1\",\"MESSAGE\":\"a \\\"type\\\" word\"}";
        assertThat(NDJSON.recognizes(journal + "\n" + journal + "\n" + journal + "\n")).isFalse();
    }

    /** The stream whose first line a fuzzer damaged was read as a kernel log: exit 0, one event out of the quoted text, the rest dropped. */
    @Test
    void aStreamWithADamagedFirstLineIsReadAsEventsWithADiagnosticAtLineOne() throws IOException {
        byte[] original = Files.readAllBytes(STREAM);
        byte[] damaged = new byte[original.length + 3];
        damaged[0] = (byte) 0xE2;
        damaged[1] = (byte) 0x80;
        damaged[2] = (byte) 0xAE;
        System.arraycopy(original, 0, damaged, 3, original.length);
        Files.write(dir.resolve("s.ndjson"), damaged);
        List<Diagnostic> diagnostics = new ArrayList<>();
        List<EventSource> sources = List.of(NDJSON, new FtraceEventSource(), new KernelLogEventSource());
        OpenedInput opened = EventInputs.open(InputFile.of("s.ndjson", dir, null), sources, diagnostics::add);
        assertThat(opened.format()).isEqualTo("ndjson");
        int events = 0;
        try (EventReader reader = opened.reader()) {
            for (Event e = reader.next(); e != null; e = reader.next()) {
                events++;
            }
        }
        long records = new String(original, StandardCharsets.UTF_8).lines().filter(l -> !l.contains("\"type\":\"schema\"")).count();
        assertThat(events).isEqualTo(records).isGreaterThan(5);
        assertThat(diagnostics).extracting(Diagnostic::line).contains(1L);
    }

    /**
     * The stream as jq prints it without {@code -c} ({@code jq . FILE}): each record over several
     * lines, its {@code {} alone on the first. Recognized, and read to the same events as the
     * stream, each at the line its object begins; a record cut off where the next begins, and one
     * the input ends inside, are said at their first line, and the records after them read.
     */
    @Test
    void recordsPrintedOverSeveralLinesAsJqDoesAreReadAsTheStream() throws IOException {
        StringBuilder pretty = new StringBuilder();
        List<Long> firstLines = new ArrayList<>();
        for (String line : Files.readAllLines(STREAM)) {
            firstLines.add(pretty.chars().filter(c -> c == '\n').count() + 1);
            pretty.append(jqPretty(line)).append('\n');
        }
        assertThat(pretty.toString()).startsWith("{\n  \"type\" : \"schema\",\n");
        assertThat(NDJSON.recognizes(pretty.substring(0, Math.min(pretty.length(), 600)))).isTrue();
        List<Diagnostic> plainDiagnostics = new ArrayList<>();
        List<Event> plain = read(Files.readString(STREAM), plainDiagnostics);
        List<Diagnostic> diagnostics = new ArrayList<>();
        List<Event> fromPretty = read(pretty.toString(), diagnostics);
        assertThat(fromPretty).hasSameSizeAs(plain).isNotEmpty();
        assertThat(diagnostics).isEqualTo(plainDiagnostics);
        for (int i = 0; i < plain.size(); i++) {
            // The events quote their own src: the same provenance either way.
            assertThat(fromPretty.get(i)).isEqualTo(plain.get(i));
        }

        // Cut: the second record loses its last two lines; the input ends inside the last one.
        String[] lines = pretty.toString().split("\n");
        int secondEnd = (int) (firstLines.get(2) - 1);
        List<String> cut = new ArrayList<>(List.of(lines).subList(0, secondEnd - 2));
        cut.addAll(List.of(lines).subList(secondEnd, lines.length - 2));
        diagnostics.clear();
        List<Event> fromCut = read(String.join("\n", cut) + "\n", diagnostics);
        assertThat(fromCut).hasSize(plain.size() - 2);
        assertThat(diagnostics).extracting(Diagnostic::toString).containsExactly(
            "t.json:" + firstLines.get(1) + ": a JSON object that begins here is cut off before line " + (firstLines.get(2) - 2)
                + ", which is none of its lines: skipped",
            "t.json:" + (firstLines.get(firstLines.size() - 1) - 2) + ": a JSON object that begins here is not closed before the input "
                + "ends: skipped");
    }

    private static List<Event> read(String text, List<Diagnostic> diagnostics) throws IOException {
        List<Event> out = new ArrayList<>();
        try (EventReader r = NDJSON.open(new java.io.ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "t.json", diagnostics::add)) {
            for (Event e = r.next(); e != null; e = r.next()) {
                out.add(e);
            }
        }
        return out;
    }

    /** {@code line} as jq prints it: a key or value a line, two spaces deeper each level (uvmctl's own indented JSON). */
    private static String jqPretty(String line) {
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.PrintWriter writer = new java.io.PrintWriter(out);
        try (tools.jackson.core.JsonParser p = new tools.jackson.core.json.JsonFactory().createParser(
                tools.jackson.core.ObjectReadContext.empty(), line);
             tools.jackson.core.JsonGenerator g = dev.uvmctl.render.JsonOutput.document(writer)) {
            p.nextToken();
            g.copyCurrentStructure(p);
        }
        writer.flush();
        return out.toString().strip();
    }
}
