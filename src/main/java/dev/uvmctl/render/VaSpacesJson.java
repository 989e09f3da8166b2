package dev.uvmctl.render;

import dev.uvmctl.procfs.GpuView;
import dev.uvmctl.procfs.SnapshotHolder;
import dev.uvmctl.procfs.NvmlProcess;
import dev.uvmctl.procfs.Signal;
import dev.uvmctl.procfs.SnapshotVaSpace;
import dev.uvmctl.procfs.VaSpaceView;
import dev.uvmctl.shared.Diagnostic;
import java.io.PrintWriter;
import tools.jackson.core.JsonGenerator;

/**
 * {@code uvmctl va-spaces} and {@code uvmctl holders} as JSON (one document) and NDJSON (one record
 * per line, each with a {@code type}). Both commands print the same view; {@code holders} leads
 * with the holders, {@code va-spaces} with the va_spaces, and each names its own schema.
 */
public final class VaSpacesJson {
    public static final String VA_SPACES_SCHEMA = "uvmctl.va-spaces/v1";
    public static final String HOLDERS_SCHEMA = "uvmctl.holders/v1";

    private VaSpacesJson() {
    }

    public static void document(PrintWriter out, VaSpaceView v, String schema) {
        JsonGenerator g = JsonOutput.document(out);
        g.writeStartObject();
        g.writeStringProperty("schema", schema);
        g.writeName("capture");
        g.writeStartObject();
        LiveJson.capture(g, v);
        g.writeEndObject();
        LiveJson.complete(g, v);
        g.writeName("scan");
        g.writeStartObject();
        LiveJson.scan(g, v);
        g.writeEndObject();
        if (schema.equals(VA_SPACES_SCHEMA)) {
            vaSpaces(g, v);
            holders(g, v);
        } else {
            holders(g, v);
            vaSpaces(g, v);
        }
        g.writeName("nvml_processes");
        g.writeStartArray();
        for (NvmlProcess n : v.nvml()) {
            g.writeStartObject();
            LiveJson.nvml(g, n);
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeName("nvidia_smi_notes");
        LiveJson.strings(g, v.snapshot().smiNotes());
        g.writeName("gpus");
        g.writeStartArray();
        for (GpuView gpu : v.gpus()) {
            g.writeStartObject();
            LiveJson.gpu(g, gpu);
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeName("hmm_regions");
        LiveJson.hmm(g, v.snapshot().hmm());
        g.writeName("driver_va_spaces");
        LiveJson.driverVaSpaces(g, v.snapshot().driverVaSpaces());
        g.writeName("signals");
        g.writeStartArray();
        for (Signal s : v.signals()) {
            g.writeStartObject();
            LiveJson.signal(g, s);
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeName("diagnostics");
        DiagnosticJson.array(g, v.snapshot().diagnostics());
        g.writeEndObject();
        g.close();
        out.println();
        out.flush();
    }

    private static void vaSpaces(JsonGenerator g, VaSpaceView v) {
        g.writeName("va_spaces");
        g.writeStartArray();
        for (SnapshotVaSpace s : v.vaSpaces()) {
            g.writeStartObject();
            LiveJson.vaSpace(g, v, s);
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void holders(JsonGenerator g, VaSpaceView v) {
        g.writeName("holders");
        g.writeStartArray();
        for (SnapshotHolder h : v.holders()) {
            g.writeStartObject();
            LiveJson.holder(g, h);
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    public static void records(PrintWriter out, VaSpaceView v, String schema) {
        JsonGenerator g = JsonOutput.records(out);
        g.writeStartObject();
        g.writeStringProperty("type", "capture");
        g.writeStringProperty("schema", schema);
        LiveJson.capture(g, v);
        g.writeEndObject();
        JsonOutput.endRecord(g, out);
        boolean vaFirst = schema.equals(VA_SPACES_SCHEMA);
        if (vaFirst) {
            vaSpaceRecords(g, out, v);
        }
        for (SnapshotHolder h : v.holders()) {
            g.writeStartObject();
            g.writeStringProperty("type", "holder");
            LiveJson.holder(g, h);
            g.writeEndObject();
            JsonOutput.endRecord(g, out);
        }
        if (!vaFirst) {
            vaSpaceRecords(g, out, v);
        }
        for (NvmlProcess n : v.nvml()) {
            g.writeStartObject();
            g.writeStringProperty("type", "nvml_process");
            LiveJson.nvml(g, n);
            g.writeEndObject();
            JsonOutput.endRecord(g, out);
        }
        for (GpuView gpu : v.gpus()) {
            g.writeStartObject();
            g.writeStringProperty("type", "gpu");
            LiveJson.gpu(g, gpu);
            g.writeEndObject();
            JsonOutput.endRecord(g, out);
        }
        for (Signal s : v.signals()) {
            g.writeStartObject();
            g.writeStringProperty("type", "signal");
            LiveJson.signal(g, s);
            g.writeEndObject();
            JsonOutput.endRecord(g, out);
        }
        for (Diagnostic d : v.snapshot().diagnostics()) {
            DiagnosticJson.record(g, d);
            JsonOutput.endRecord(g, out);
        }
        g.writeStartObject();
        g.writeStringProperty("type", "summary");
        LiveJson.complete(g, v);
        LiveJson.scan(g, v);
        g.writeNumberProperty("va_spaces", v.vaSpaces().size());
        g.writeNumberProperty("leak_signals", v.signals().stream().filter(s -> s.level() == Signal.Level.leak).count());
        g.writeName("hmm_regions");
        LiveJson.hmm(g, v.snapshot().hmm());
        g.writeName("driver_va_spaces");
        LiveJson.driverVaSpaces(g, v.snapshot().driverVaSpaces());
        g.writeName("nvidia_smi_notes");
        LiveJson.strings(g, v.snapshot().smiNotes());
        g.writeEndObject();
        JsonOutput.endRecord(g, out);
        g.close();
    }

    private static void vaSpaceRecords(JsonGenerator g, PrintWriter out, VaSpaceView v) {
        for (SnapshotVaSpace s : v.vaSpaces()) {
            g.writeStartObject();
            g.writeStringProperty("type", "va_space");
            LiveJson.vaSpace(g, v, s);
            g.writeEndObject();
            JsonOutput.endRecord(g, out);
        }
    }
}
