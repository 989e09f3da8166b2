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
            "{\"type\":\"schema\",\"schema\":\"uvmctl.events/v2\"}\n"
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
    void aMigrationSaysWhetherItMovedOrCopiedAndLeftOutItMoved() throws IOException {
        String ndjson = String.join("\n",
            "{\"type\":\"migrated\",\"va_space\":\"v\",\"address\":\"0x1000\",\"bytes\":4096,\"from\":\"cpu\",\"to\":\"gpu0\",\"mode\":\"copy\"}",
            "{\"type\":\"migrated\",\"va_space\":\"v\",\"address\":\"0x1000\",\"bytes\":4096,\"from\":\"cpu\",\"to\":\"gpu0\",\"mode\":null}",
            "{\"type\":\"migrated\",\"va_space\":\"v\",\"address\":\"0x1000\",\"bytes\":4096,\"from\":\"cpu\",\"to\":\"gpu0\",\"mode\":\"teleport\"}");
        List<Diagnostic> diagnostics = new ArrayList<>();
        List<Event> events = decode(ndjson, diagnostics);
        assertThat(events).extracting(e -> ((Migrated) e).mode()).containsExactly(TransferMode.copy, TransferMode.move);
        assertThat(diagnostics).extracting(Diagnostic::line, Diagnostic::message).containsExactly(
            org.assertj.core.groups.Tuple.tuple(3L, "\"mode\" is \"teleport\"; expected one of move, copy"));
        assertThat(encode(events, List.of())).contains("\"cause\":null,\"mode\":\"copy\",").contains("\"cause\":null,\"mode\":\"move\",");
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
            "{\"type\":\"schema\",\"schema\":\"uvmctl.events/v3\"}",
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
            m -> assertThat(m).isEqualTo("schema \"uvmctl.events/v3\" is not uvmctl.events/v2 (nor uvmctl-events/1): fields may be misread"));
    }

    /** UVM's GPU processor ids run from 1 to UVM_ID_MAX_GPUS, 256 (uvm_processors.h, 580.95.05); 0 is the CPU. */
    @Test
    void aGpusUvmIdIsOneTo256() throws IOException {
        String ndjson = String.join("\n",
            "{\"type\":\"gpu_retained\",\"gpu\":\"0000:3b:00.0\",\"uvm_id\":1,\"count\":2}",
            "{\"type\":\"gpu_retained\",\"gpu\":\"0000:3b:00.0\",\"uvm_id\":256,\"count\":2}",
            "{\"type\":\"gpu_retained\",\"gpu\":\"0000:3b:00.0\",\"count\":2}",
            "{\"type\":\"gpu_retained\",\"gpu\":\"0000:3b:00.0\",\"uvm_id\":0,\"count\":2}",
            "{\"type\":\"gpu_retained\",\"gpu\":\"0000:3b:00.0\",\"uvm_id\":257,\"count\":2}");
        List<Diagnostic> diagnostics = new ArrayList<>();
        List<Event> events = decode(ndjson, diagnostics);
        assertThat(events).extracting(e -> ((GpuRetained) e).uvmId()).containsExactly(1, 256, null);
        assertThat(diagnostics).extracting(Diagnostic::line, Diagnostic::message).containsExactly(
            org.assertj.core.groups.Tuple.tuple(4L, "\"uvm_id\" 0 is no GPU's UVM processor id (1 to 256)"),
            org.assertj.core.groups.Tuple.tuple(5L, "\"uvm_id\" 257 is no GPU's UVM processor id (1 to 256)"));
        assertThat(encode(events, List.of())).contains("\"uvm_id\":256,\"count\":2").contains("\"uvm_id\":null,\"count\":2");
    }

    @Test
    void aNonStandardNumberIsNamedWithoutTheParsersAdviceToItsProgrammer() throws IOException {
        List<Diagnostic> diagnostics = new ArrayList<>();
        decode("{\"type\":\"capture\",\"time\":NaN}\n", diagnostics);
        assertThat(diagnostics).extracting(Diagnostic::line, Diagnostic::message)
            .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, "not valid JSON: Non-standard token 'NaN'"));
    }

    /** Streams written before the schema was renamed carry version 1's name: the same records, read as before. */
    @Test
    void aStreamHeadedWithVersionOnesNameReadsAsBefore() throws IOException {
        String record = "{\"type\":\"gpu_lost\",\"gpu\":\"0000:3b:00.0\"}";
        for (String schema : List.of("uvmctl-events/1", "uvmctl.events/v2")) {
            List<Diagnostic> diagnostics = new ArrayList<>();
            List<Event> events = decode("{\"type\":\"schema\",\"schema\":\"" + schema + "\"}\n" + record + "\n", diagnostics);
            assertThat(diagnostics).as(schema).isEmpty();
            assertThat(events).as(schema).extracting(Event::kind).containsExactly(EventKind.gpu_lost);
        }
    }

    @Test
    void aNumberOutOfRangeIsADiagnosticNeverZeroOrTheLargestValue() throws IOException {
        String ndjson = String.join("\n",
            "{\"type\":\"gpu_lost\",\"time\":1e400,\"gpu\":\"0000:3b:00.0\"}",
            "{\"type\":\"gpu_lost\",\"time\":-1e400,\"gpu\":\"0000:3b:00.0\"}",
            "{\"type\":\"gpu_lost\",\"time\":9223372037,\"gpu\":\"0000:3b:00.0\"}",
            "{\"type\":\"gpu_lost\",\"time\":9223372036.9,\"gpu\":\"0000:3b:00.0\"}",
            "{\"type\":\"gpu_lost\",\"time\":-9223372036.854775808,\"gpu\":\"0000:3b:00.0\"}",
            "{\"type\":\"xid\",\"gpu\":\"0000:3b:00.0\",\"code\":4294967296}",
            "{\"type\":\"driver_leak\",\"bytes\":99999999999999999999}",
            "{\"type\":\"process_exited\",\"pid\":2147483648,\"reason\":\"exit\"}",
            "{\"type\":\"deferred_freed\",\"va_space\":\"v\",\"time\":1e-400}",
            "{\"type\":\"evicted\",\"gpu\":\"0000:3b:00.0\",\"bytes\":1,\"address\":18446744073709551616,\"status\":\"ok\"}",
            "{\"type\":\"gpu_lost\",\"time\":9223372036,\"gpu\":\"0000:3b:00.0\"}");
        List<Diagnostic> diagnostics = new ArrayList<>();
        List<Event> events = decode(ndjson, diagnostics);
        assertThat(diagnostics).extracting(Diagnostic::message).containsExactly(
            "\"time\" is out of range: 1e400",
            "\"time\" is out of range: -1e400",
            "\"time\" is out of range: 9223372037",
            "\"time\" is out of range: 9223372036.9",
            "\"time\" is out of range: -9223372036.854775808",
            "\"code\" is out of range: 4294967296",
            "\"bytes\" is out of range: 99999999999999999999",
            "\"pid\" is out of range: 2147483648",
            "\"address\" is out of range: 18446744073709551616");
        assertThat(events).extracting(e -> e.time().monoNanos()).as("a time below a nanosecond is 0 ns, the largest that fits is kept")
            .containsExactly(0L, 9_223_372_036_000_000_000L);
    }

    @Test
    void aStreamOfWhichMoreThanHalfTheLinesAreNotRecordsIsIncomplete() throws IOException {
        String half = "{\"type\":\"suspended\",\"time\":1}\n{\"time\":2}\n\n{\"type\":\"schema\",\"schema\":\"uvmctl-events/9\"}\n{\"x\":1}\n";
        assertThat(incomplete(half)).as("2 of 4 non-blank lines: not more than half; a header of another version is read").isEmpty();
        assertThat(incomplete(half + "{\"y\":2}\n")).containsExactly("3 of its 5 lines are not event records (more than half): "
            + "not event NDJSON, or damaged (the diagnostics say why, line by line)");
    }

    private static List<String> incomplete(String ndjson) throws IOException {
        try (EventReader r = new NdjsonEventSource().open(new ByteArrayInputStream(ndjson.getBytes(StandardCharsets.UTF_8)),
            "test.ndjson", d -> { })) {
            while (r.next() != null) {
                // read to the end
            }
            return r.incomplete();
        }
    }

    @Test
    void ndjsonIsRecognizedByItsFirstRecord() {
        NdjsonEventSource source = new NdjsonEventSource();
        assertThat(source.recognizes("\n  {\"type\":\"capture\"}\n")).isTrue();
        assertThat(source.recognizes("[ 1520.301337] NVRM: Xid (PCI:0000:3b:00): 79, GPU has fallen off the bus.")).isFalse();
        assertThat(source.recognizes("{\"MESSAGE\":\"x\"}")).isFalse();
    }
}
