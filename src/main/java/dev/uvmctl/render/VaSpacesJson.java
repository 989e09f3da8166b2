package dev.uvmctl.render;

import dev.uvmctl.finding.Finding;
import dev.uvmctl.procfs.GpuView;
import dev.uvmctl.procfs.SnapshotHolder;
import dev.uvmctl.procfs.NvmlProcess;
import dev.uvmctl.procfs.SnapshotVaSpace;
import dev.uvmctl.procfs.VaSpaceView;
import dev.uvmctl.procfs.ViewNote;
import dev.uvmctl.shared.Diagnostic;
import java.io.PrintWriter;
import java.util.Map;
import tools.jackson.core.JsonGenerator;

/**
 * {@code uvmctl va-spaces} and {@code uvmctl holders} as JSON (one document) and NDJSON (one record
 * per line, each with a {@code type}). Both commands print the same view and the same findings;
 * {@code holders} leads with the holders, {@code va-spaces} with the va_spaces, and each names its
 * own schema. v2: the findings of the reclaim model (as {@code uvmctl leaks} has them) and the
 * view's notes replace v1's signals; holders, va_spaces and NVML processes name the findings that
 * name them.
 */
public final class VaSpacesJson {
    public static final String VA_SPACES_SCHEMA = "uvmctl.va-spaces/v2";
    public static final String HOLDERS_SCHEMA = "uvmctl.holders/v2";

    private VaSpacesJson() {
    }

    public static void document(PrintWriter out, LiveVerdict r, String schema) {
        VaSpaceView v = r.view();
        JsonGenerator g = JsonOutput.document(out);
        g.writeStartObject();
        g.writeStringProperty("schema", schema);
        g.writeName("capture");
        g.writeStartObject();
        LiveJson.capture(g, v);
        g.writeEndObject();
        LiveJson.complete(g, r);
        g.writeName("scan");
        g.writeStartObject();
        LiveJson.scan(g, v);
        g.writeEndObject();
        if (schema.equals(VA_SPACES_SCHEMA)) {
            vaSpaces(g, r);
            holders(g, r);
        } else {
            holders(g, r);
            vaSpaces(g, r);
        }
        g.writeName("nvml_processes");
        g.writeStartArray();
        for (NvmlProcess n : v.nvml()) {
            g.writeStartObject();
            LiveJson.nvml(g, r, n, "type");
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
        g.writeName("findings");
        g.writeStartArray();
        Map<String, String> incidentOf = LeaksJson.incidentOf(r.findings());
        for (Finding f : r.findings()) {
            g.writeStartObject();
            LeaksJson.fields(g, f, incidentOf.get(f.id()));
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeName("notes");
        g.writeStartArray();
        for (ViewNote n : v.notes()) {
            g.writeStartObject();
            LiveJson.note(g, n);
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

    private static void vaSpaces(JsonGenerator g, LiveVerdict r) {
        g.writeName("va_spaces");
        g.writeStartArray();
        for (SnapshotVaSpace s : r.view().vaSpaces()) {
            g.writeStartObject();
            LiveJson.vaSpace(g, r, s);
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void holders(JsonGenerator g, LiveVerdict r) {
        g.writeName("holders");
        g.writeStartArray();
        for (SnapshotHolder h : r.view().holders()) {
            g.writeStartObject();
            LiveJson.holder(g, r, h);
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    public static void records(PrintWriter out, LiveVerdict r, String schema) {
        VaSpaceView v = r.view();
        JsonGenerator g = JsonOutput.records(out);
        g.writeStartObject();
        g.writeStringProperty("type", "capture");
        g.writeStringProperty("schema", schema);
        LiveJson.capture(g, v);
        g.writeEndObject();
        JsonOutput.endRecord(g, out);
        boolean vaFirst = schema.equals(VA_SPACES_SCHEMA);
        if (vaFirst) {
            vaSpaceRecords(g, out, r);
        }
        for (SnapshotHolder h : v.holders()) {
            g.writeStartObject();
            g.writeStringProperty("type", "holder");
            LiveJson.holder(g, r, h);
            g.writeEndObject();
            JsonOutput.endRecord(g, out);
        }
        if (!vaFirst) {
            vaSpaceRecords(g, out, r);
        }
        for (NvmlProcess n : v.nvml()) {
            g.writeStartObject();
            g.writeStringProperty("type", "nvml_process");
            LiveJson.nvml(g, r, n, LiveJson.NDJSON_PROCESS_TYPE);
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
        Map<String, String> incidentOf = LeaksJson.incidentOf(r.findings());
        for (Finding f : r.findings()) {
            g.writeStartObject();
            g.writeStringProperty("type", "finding");
            LeaksJson.fields(g, f, incidentOf.get(f.id()));
            g.writeEndObject();
            JsonOutput.endRecord(g, out);
        }
        for (ViewNote n : v.notes()) {
            g.writeStartObject();
            g.writeStringProperty("type", "note");
            LiveJson.note(g, n);
            g.writeEndObject();
            JsonOutput.endRecord(g, out);
        }
        for (Diagnostic d : v.snapshot().diagnostics()) {
            DiagnosticJson.record(g, d);
            JsonOutput.endRecord(g, out);
        }
        g.writeStartObject();
        g.writeStringProperty("type", "summary");
        LiveJson.complete(g, r);
        LiveJson.scan(g, v);
        g.writeNumberProperty("va_spaces", v.vaSpaces().size());
        g.writeNumberProperty("findings", r.findings().size());
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

    private static void vaSpaceRecords(JsonGenerator g, PrintWriter out, LiveVerdict r) {
        for (SnapshotVaSpace s : r.view().vaSpaces()) {
            g.writeStartObject();
            g.writeStringProperty("type", "va_space");
            LiveJson.vaSpace(g, r, s);
            g.writeEndObject();
            JsonOutput.endRecord(g, out);
        }
    }
}
