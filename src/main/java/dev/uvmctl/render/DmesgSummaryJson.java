package dev.uvmctl.render;

import static dev.uvmctl.render.JsonOutput.numberOrNull;
import static dev.uvmctl.render.JsonOutput.stringOrNull;

import dev.uvmctl.kernellog.DmesgSummary;
import dev.uvmctl.kernellog.InputResult;
import dev.uvmctl.kernellog.KernelLogReader;
import dev.uvmctl.kernellog.LineFormat;
import dev.uvmctl.kernellog.RecordKind;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonGenerator;

/** Writes the {@code summary} object of {@code uvmctl dmesg} (docs/dmesg.md). */
final class DmesgSummaryJson {
    private DmesgSummaryJson() {
    }

    /** The summary's fields, into an object the caller has started. */
    static void fields(JsonGenerator g, DmesgSummary.Result s, long diagnostics, List<InputResult> inputs) {
        g.writeNumberProperty("records", s.records());
        g.writeNumberProperty("attention", s.attention());
        kinds(g, s.kinds());
        g.writeArrayPropertyStart("gpus");
        for (DmesgSummary.GpuStats gpu : s.gpus()) {
            gpu(g, gpu);
        }
        g.writeEndArray();
        g.writeArrayPropertyStart("oom_kills");
        for (DmesgSummary.Oom k : s.oomKills()) {
            g.writeStartObject();
            numberOrNull(g, "pid", k.pid());
            stringOrNull(g, "process", k.process());
            g.writeBooleanProperty("gpu_process", k.gpuProcess());
            KernelRecordJson.moment(g, "at", k.at());
            g.writeEndObject();
        }
        g.writeEndArray();
        numberOrNull(g, "leaked_bytes", s.leakedBytes());
        g.writeNumberProperty("diagnostics", diagnostics);
        g.writeArrayPropertyStart("inputs");
        for (InputResult in : inputs) {
            input(g, in);
        }
        g.writeEndArray();
    }

    private static void kinds(JsonGenerator g, Map<RecordKind, Long> kinds) {
        g.writeObjectPropertyStart("kinds");
        kinds.forEach((k, v) -> g.writeNumberProperty(k.label(), v));
        g.writeEndObject();
    }

    private static void gpu(JsonGenerator g, DmesgSummary.GpuStats gpu) {
        g.writeStartObject();
        g.writeStringProperty("gpu", gpu.gpu().toString());
        stringOrNull(g, "uuid", gpu.uuid());
        g.writeNumberProperty("attention", gpu.attention());
        kinds(g, gpu.kinds());
        g.writeArrayPropertyStart("xids");
        for (DmesgSummary.XidCount x : gpu.xids()) {
            g.writeStartObject();
            g.writeNumberProperty("code", x.code());
            stringOrNull(g, "name", x.name());
            g.writeNumberProperty("count", x.count());
            KernelRecordJson.moment(g, "first", x.first());
            KernelRecordJson.moment(g, "last", x.last());
            g.writeArrayPropertyStart("pids");
            for (Long p : x.pids()) {
                g.writeNumber(p);
            }
            g.writeEndArray();
            g.writeArrayPropertyStart("processes");
            for (String p : x.processes()) {
                g.writeString(p);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayPropertyStart("bursts");
        for (DmesgSummary.Burst b : gpu.bursts()) {
            g.writeStartObject();
            g.writeNumberProperty("code", b.code());
            g.writeNumberProperty("count", b.count());
            numberOrNull(g, "pid", b.pid());
            stringOrNull(g, "process", b.process());
            KernelRecordJson.moment(g, "first", b.first());
            KernelRecordJson.moment(g, "last", b.last());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeNumberProperty("bursts_omitted", gpu.burstsOmitted());
        g.writeEndObject();
    }

    private static void input(JsonGenerator g, InputResult in) {
        g.writeStartObject();
        g.writeStringProperty("name", in.name());
        stringOrNull(g, "error", in.error());
        g.writeBooleanProperty("readable", in.readable());
        g.writeArrayPropertyStart("logs");
        for (KernelLogReader.StreamStats s : in.logs()) {
            g.writeStartObject();
            stringOrNull(g, "section", s.section());
            g.writeArrayPropertyStart("formats");
            for (LineFormat f : s.formats()) {
                g.writeString(f.label());
            }
            g.writeEndArray();
            g.writeNumberProperty("lines", s.lines());
            g.writeNumberProperty("readable_lines", s.readableLines());
            g.writeNumberProperty("records", s.records());
            g.writeNumberProperty("boots", s.boots());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }
}
