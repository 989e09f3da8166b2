package dev.uvmctl.event;

import dev.uvmctl.ingest.NdjsonEventSource;
import dev.uvmctl.shared.Provenance;
import static org.assertj.core.api.Assertions.assertThat;

import dev.uvmctl.render.JsonOutput;
import dev.uvmctl.shared.Diagnostic;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JsonGenerator;

class EventCodecTest {

    static String encode(List<Event> events, List<Diagnostic> diagnostics) {
        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(text);
        try (JsonGenerator g = JsonOutput.records(out)) {
            EventEncoder.writeHeader(g);
            JsonOutput.endRecord(g, out);
            for (Event e : events) {
                EventEncoder.write(g, e);
                JsonOutput.endRecord(g, out);
            }
            for (Diagnostic d : diagnostics) {
                EventEncoder.writeDiagnostic(g, d);
                JsonOutput.endRecord(g, out);
            }
        }
        return text.toString();
    }

    static List<Event> decode(String ndjson, List<Diagnostic> diagnostics) throws IOException {
        List<Event> events = new ArrayList<>();
        try (EventReader r = new NdjsonEventSource().open(new ByteArrayInputStream(ndjson.getBytes(StandardCharsets.UTF_8)),
            "test.ndjson", diagnostics::add)) {
            for (Event e = r.next(); e != null; e = r.next()) {
                events.add(e);
            }
        }
        return events;
    }

    @Test
    void everyKindRoundTripsExactly() throws IOException {
        List<Event> events = SampleEvents.all();
        Set<EventKind> kinds = EnumSet.noneOf(EventKind.class);
        events.forEach(e -> kinds.add(e.kind()));
        assertThat(kinds).containsExactlyInAnyOrder(EventKind.values());

        List<Diagnostic> passed = List.of(Diagnostic.at("kern.log", 9, "unknown line"));
        List<Diagnostic> diagnostics = new ArrayList<>();
        String once = encode(events, passed);
        List<Event> back = decode(once, diagnostics);
        assertThat(back).isEqualTo(events);
        assertThat(diagnostics).isEqualTo(passed);
        assertThat(encode(back, diagnostics)).isEqualTo(once);
    }

    @Test
    void theWrittenFormIsTheDocumentedOne() {
        Event e = new RangeCreated(new EventTime("b", 3_606_402_117_000L, EventTime.UNKNOWN), new Provenance("t", 5, "line"), "0xffff8f01c2a40000", null,
            0x7f3a40000000L, 0x7f3abfffffffL, RangeType.managed, false);
        assertThat(encode(List.of(e), List.of())).isEqualTo(
            "{\"type\":\"schema\",\"schema\":\"uvmctl-events/1\"}\n"
                + "{\"type\":\"range_created\",\"boot\":\"b\",\"time\":3606.402117,\"wall\":null,\"va_space\":\"0xffff8f01c2a40000\","
                + "\"range\":null,\"start\":\"0x7f3a40000000\",\"end\":\"0x7f3abfffffff\",\"range_type\":\"managed\",\"observed\":false,"
                + "\"src\":{\"input\":\"t\",\"line\":5,\"text\":\"line\"}}\n");
    }

    @Test
    void aRecordWithoutSrcIsItsOwnProvenanceAndOptionalFieldsMayBeLeftOut() throws IOException {
        String line = "{\"type\":\"migrated\",\"time\":12.5,\"va_space\":\"vs1\",\"address\":\"0x7F0000001000\",\"bytes\":4096,"
            + "\"from\":\"CPU\",\"to\":\"PCI:0000:3b:00\"}";
        List<Diagnostic> diagnostics = new ArrayList<>();
        List<Event> events = decode("\n" + line + "\n", diagnostics);
        assertThat(diagnostics).isEmpty();
        assertThat(events).containsExactly(new Migrated(new EventTime(null, 12_500_000_000L, EventTime.UNKNOWN),
            new Provenance("test.ndjson", 2, line), "vs1", 0x7f0000001000L, 4096, "cpu", "0000:3b:00.0", null, TransferMode.move));
    }

    @Test
    void eachBadLineIsADiagnosticAndReadingGoesOn() throws IOException {
        String ndjson = String.join("\n",
            "not json",
            "{\"type\":\"range_created\",\"va_space\":\"v\",\"start\":\"0x2000\",\"end\":\"0x1fff\",\"range_type\":\"managed\"}",
            "{\"type\":\"range_created\",\"va_space\":\"v\",\"start\":\"0x1000\",\"end\":\"0x1fff\",\"range_type\":\"heap\"}",
            "{\"type\":\"populated\",\"va_space\":\"v\",\"address\":\"7f00\",\"bytes\":1,\"processor\":\"cpu\"}",
            "{\"type\":\"populated\",\"va_space\":\"v\",\"address\":\"0x7f00\",\"bytes\":-1,\"processor\":\"cpu\"}",
            "{\"type\":\"populated\",\"va_space\":\"v\",\"address\":\"0x7f00\",\"bytes\":1,\"processor\":\"tpu0\"}",
            "{\"type\":\"process_exited\",\"pid\":12}",
            "{\"type\":\"teleported\"}",
            "{\"type\":\"capture\",\"time\":\"soon\"}",
            "{\"type\":\"capture\",\"time\":1",
            "[1,2]",
            "{\"type\":\"schema\",\"schema\":\"uvmctl-events/2\"}",
            "{\"type\":\"gpu_lost\",\"gpu\":\"0000:3b:00.0\"}");
        List<Diagnostic> diagnostics = new ArrayList<>();
        List<Event> events = decode(ndjson, diagnostics);
        assertThat(events).extracting(Event::kind).containsExactly(EventKind.gpu_lost);
        assertThat(diagnostics).extracting(Diagnostic::line).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L);
        assertThat(diagnostics).extracting(Diagnostic::message).satisfiesExactly(
            m -> assertThat(m).startsWith("not valid JSON"),
            m -> assertThat(m).isEqualTo("\"end\" 0x1fff is below \"start\" 0x2000 (end is inclusive)"),
            m -> assertThat(m).startsWith("\"range_type\" is \"heap\"; expected one of managed, external, channel"),
            m -> assertThat(m).isEqualTo("\"address\" is not a 0x hex address"),
            m -> assertThat(m).isEqualTo("\"bytes\" is negative: -1"),
            m -> assertThat(m).contains("names no processor"),
            m -> assertThat(m).isEqualTo("\"reason\" is missing"),
            m -> assertThat(m).startsWith("unknown event type \"teleported\""),
            m -> assertThat(m).isEqualTo("\"time\" is not a number of seconds"),
            m -> assertThat(m).startsWith("not valid JSON"),
            m -> assertThat(m).isEqualTo("not a JSON object"),
            m -> assertThat(m).isEqualTo("schema \"uvmctl-events/2\" is not uvmctl-events/1: fields may be misread"));
    }

    @Test
    void ndjsonIsRecognizedByItsFirstRecord() {
        NdjsonEventSource source = new NdjsonEventSource();
        assertThat(source.recognizes("\n  {\"type\":\"capture\"}\n")).isTrue();
        assertThat(source.recognizes("[ 1520.301337] NVRM: Xid (PCI:0000:3b:00): 79, GPU has fallen off the bus.")).isFalse();
        assertThat(source.recognizes("{\"MESSAGE\":\"x\"}")).isFalse();
    }
}
