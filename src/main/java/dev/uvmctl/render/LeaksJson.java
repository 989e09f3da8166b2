package dev.uvmctl.render;

import dev.uvmctl.finding.Finding;
import dev.uvmctl.finding.FindingClass;
import dev.uvmctl.finding.FindingRange;
import dev.uvmctl.finding.Incident;
import dev.uvmctl.finding.Incidents;
import dev.uvmctl.finding.LeaksReport;
import dev.uvmctl.finding.ProcessRef;
import dev.uvmctl.shared.Sizes;
import dev.uvmctl.event.Event;
import dev.uvmctl.event.EventsLost;
import dev.uvmctl.event.EventTime;
import dev.uvmctl.event.Xid;
import dev.uvmctl.shared.Diagnostic;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonGenerator;

/**
 * {@code uvmctl leaks -o json} (one document) and {@code -o ndjson} (a summary record, then one
 * record per finding, live va_space and diagnostic), as docs/leaks.md describes them.
 */
public final class LeaksJson {
    private LeaksJson() {
    }

    public static void document(PrintWriter out, LeaksReport r) {
        try (JsonGenerator g = JsonOutput.document(out)) {
            g.writeStartObject();
            g.writeStringProperty("schema", LeaksReport.SCHEMA);
            header(g, r);
            List<Incident> incidents = Incidents.of(r.findings());
            Map<String, String> incidentOf = Incidents.byFinding(incidents);
            g.writeName("findings");
            g.writeStartArray();
            for (Finding f : r.findings()) {
                finding(g, f, incidentOf.get(f.id()));
            }
            g.writeEndArray();
            g.writeName("incidents");
            g.writeStartArray();
            for (Incident i : incidents) {
                g.writeStartObject();
                incident(g, i);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeName("live");
            if (r.live() == null) {
                g.writeNull();
            } else {
                g.writeStartArray();
                for (Finding f : r.live()) {
                    finding(g, f, null);
                }
                g.writeEndArray();
            }
            g.writeName("diagnostics");
            g.writeStartArray();
            for (Diagnostic d : r.diagnostics()) {
                diagnostic(g, d, false);
            }
            g.writeEndArray();
            g.writeNumberProperty("diagnostics_omitted", r.diagnosticsTotal() - r.diagnostics().size());
            g.writeEndObject();
        }
        out.println();
        out.flush();
    }

    public static void records(PrintWriter out, LeaksReport r) {
        try (JsonGenerator g = JsonOutput.records(out)) {
            g.writeStartObject();
            g.writeStringProperty("type", "summary");
            g.writeStringProperty("schema", LeaksReport.SCHEMA);
            header(g, r);
            g.writeNumberProperty("diagnostics", r.diagnosticsTotal());
            g.writeEndObject();
            JsonOutput.endRecord(g, out);
            List<Incident> incidents = Incidents.of(r.findings());
            Map<String, String> incidentOf = Incidents.byFinding(incidents);
            for (Finding f : r.findings()) {
                record(g, out, "finding", f, incidentOf.get(f.id()));
            }
            for (Incident i : incidents) {
                g.writeStartObject();
                g.writeStringProperty("type", "incident");
                incident(g, i);
                g.writeEndObject();
                JsonOutput.endRecord(g, out);
            }
            if (r.live() != null) {
                for (Finding f : r.live()) {
                    record(g, out, "live", f, null);
                }
            }
            for (Diagnostic d : r.diagnostics()) {
                diagnostic(g, d, true);
                JsonOutput.endRecord(g, out);
            }
        }
    }

    private static void record(JsonGenerator g, PrintWriter out, String type, Finding f, String incident) {
        g.writeStartObject();
        g.writeStringProperty("type", type);
        fields(g, f, incident);
        g.writeEndObject();
        JsonOutput.endRecord(g, out);
    }

    private static void header(JsonGenerator g, LeaksReport r) {
        g.writeName("end");
        g.writeStartObject();
        JsonOutput.stringOrNull(g, "boot", r.boot());
        seconds(g, "time", r.end());
        g.writeEndObject();
        g.writeName("inputs");
        g.writeStartArray();
        for (LeaksReport.InputSummary in : r.inputs()) {
            g.writeStartObject();
            g.writeStringProperty("name", in.name());
            g.writeStringProperty("format", in.format());
            g.writeNumberProperty("events", in.events());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeName("unreadable");
        g.writeStartArray();
        for (LeaksReport.Unreadable u : r.unreadable()) {
            g.writeStartObject();
            g.writeStringProperty("input", u.input());
            g.writeStringProperty("message", u.message());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeName("summary");
        g.writeStartObject();
        g.writeNumberProperty("findings", r.findings().size());
        g.writeNumberProperty("hidden", r.hidden());
        g.writeName("classes");
        g.writeStartObject();
        for (FindingClass c : FindingClass.values()) {
            if (!c.isFinding()) {
                continue;
            }
            // The known bytes and how many findings' bytes are unknown: a sum over unknowns is no 0.
            long count = 0;
            long unknown = 0;
            long bytes = 0;
            for (Finding f : r.findings()) {
                if (f.findingClass() == c) {
                    count++;
                    if (f.totalBytes() == null) {
                        unknown++;
                    } else {
                        bytes = saturated(bytes, f.totalBytes());
                    }
                }
            }
            g.writeName(c.name());
            g.writeStartObject();
            g.writeNumberProperty("findings", count);
            JsonOutput.numberOrNull(g, "bytes", count > 0 && unknown == count ? null : bytes);
            g.writeNumberProperty("unknown_bytes", unknown);
            g.writeEndObject();
        }
        g.writeEndObject();
        g.writeNumberProperty("events", r.stats().events());
        g.writeNumberProperty("va_spaces", r.stats().vaSpaces());
        g.writeNumberProperty("processes", r.stats().processes());
        g.writeNumberProperty("boots_ended", r.stats().bootsEnded());
        LeaksReport.Losses lost = r.stats().losses();
        g.writeName("lost");
        g.writeStartObject();
        g.writeNumberProperty("reports", lost.reports());
        g.writeNumberProperty("counted", lost.counted());
        g.writeNumberProperty("uncounted", lost.uncounted());
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void finding(JsonGenerator g, Finding f, String incident) {
        g.writeStartObject();
        fields(g, f, incident);
        g.writeEndObject();
    }

    /** An incident's fields (docs/leaks.md, "Incidents"). */
    private static void incident(JsonGenerator g, Incident i) {
        g.writeStringProperty("id", i.id());
        g.writeNumberProperty("pid", i.process().pid());
        JsonOutput.stringOrNull(g, "comm", i.process().comm());
        JsonOutput.stringOrNull(g, "how", i.process().exitReason() == null ? null : i.process().exitReason().name());
        JsonOutput.numberOrNull(g, "signal", i.process().exitSignal() == null ? null : i.process().exitSignal().longValue());
        seconds(g, "when", i.process().exitTime());
        g.writeStringProperty("summary", Incidents.line(i));
        g.writeName("gpus");
        g.writeStartArray();
        for (String gpu : i.gpus()) {
            g.writeString(gpu);
        }
        g.writeEndArray();
        g.writeName("bytes");
        g.writeStartObject();
        for (String gpu : i.gpus()) {
            JsonOutput.numberOrNull(g, gpu, i.bytes().get(gpu));
        }
        g.writeEndObject();
        g.writeName("holders");
        g.writeStartArray();
        for (ProcessRef h : i.holders()) {
            process(g, h);
        }
        g.writeEndArray();
        g.writeName("xids");
        g.writeStartArray();
        for (Xid x : i.xids()) {
            g.writeStartObject();
            g.writeNumberProperty("code", x.code());
            g.writeStringProperty("gpu", x.gpu());
            seconds(g, "time", x.time().monoNanos());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeName("findings");
        g.writeStartArray();
        for (String id : i.findings()) {
            g.writeString(id);
        }
        g.writeEndArray();
    }

    /** The id of the incident each finding belongs to, by finding id (docs/leaks.md, "Incidents"). */
    static Map<String, String> incidentOf(List<Finding> findings) {
        return Incidents.byFinding(Incidents.of(findings));
    }

    /**
     * A finding as every command writes it: its fields and the id of its incident ({@code null}
     * when none), in {@code leaks}, {@code holders}, {@code va-spaces} and {@code leaks --each} alike.
     */
    static void fields(JsonGenerator g, Finding f, String incident) {
        fields(g, f);
        JsonOutput.stringOrNull(g, "incident", incident);
    }

    /** A finding's fields (docs/leaks.md) but its incident. */
    private static void fields(JsonGenerator g, Finding f) {
        g.writeStringProperty("id", f.id());
        g.writeStringProperty("class", f.findingClass().name());
        g.writeStringProperty("summary", f.summary());
        JsonOutput.stringOrNull(g, "boot", f.boot());
        JsonOutput.stringOrNull(g, "va_space", f.vaSpace());
        JsonOutput.booleanOrNull(g, "sharing", f.sharing());
        bytes(g, "bytes", f.bytes());
        JsonOutput.numberOrNull(g, "total_bytes", f.totalBytes());
        JsonOutput.stringOrNull(g, "bytes_source", f.figures().bytesSource() == null ? null : f.figures().bytesSource().key());
        g.writeBooleanProperty("bytes_at_least", f.figures().bytesAtLeast());
        JsonOutput.numberOrNull(g, "managed_bytes_max", f.figures().managedBytesMax());
        JsonOutput.stringOrNull(g, "managed_bytes_max_source", f.figures().managedBytesMax() == null ? null : "maps");
        g.writeName("gpus");
        g.writeStartArray();
        for (String gpu : f.gpus()) {
            g.writeString(gpu);
        }
        g.writeEndArray();
        g.writeName("ranges");
        g.writeStartArray();
        for (FindingRange range : f.ranges()) {
            g.writeStartObject();
            g.writeStringProperty("start", Sizes.hex(range.start()));
            g.writeStringProperty("end", Sizes.hex(range.end()));
            g.writeStringProperty("type", range.type().name());
            g.writeStringProperty("state", range.state().name());
            bytes(g, "bytes", range.bytes());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeName("owner");
        process(g, f.owner());
        g.writeName("holders");
        g.writeStartArray();
        for (ProcessRef h : f.holders()) {
            process(g, h);
        }
        g.writeEndArray();
        g.writeName("eviction");
        if (f.eviction() == null) {
            g.writeNull();
        } else {
            g.writeStartObject();
            g.writeNumberProperty("failures", f.eviction().failures());
            g.writeStringProperty("last_status", f.eviction().lastStatus());
            JsonOutput.stringOrNull(g, "last_error", f.eviction().lastError());
            g.writeNumberProperty("last_bytes", f.eviction().lastBytes());
            g.writeEndObject();
        }
        seconds(g, "since", f.since());
        seconds(g, "age_seconds", f.age());
        g.writeStringProperty("remediation", f.remediation());
        g.writeBooleanProperty("inferred", f.evidence().inferred());
        g.writeName("evidence");
        g.writeStartObject();
        g.writeNumberProperty("total", f.evidence().total());
        g.writeNumberProperty("omitted", f.evidence().omitted());
        g.writeName("events");
        g.writeStartArray();
        for (Event e : f.evidence().events()) {
            g.writeStartObject();
            g.writeStringProperty("input", e.source().input());
            g.writeNumberProperty("line", e.source().line());
            g.writeStringProperty("text", e.source().text());
            g.writeStringProperty("type", e.kind().name());
            JsonOutput.stringOrNull(g, "boot", e.time().boot());
            seconds(g, "time", e.time().monoNanos());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeName("lost");
        g.writeStartArray();
        for (EventsLost e : f.evidence().lost()) {
            g.writeStartObject();
            g.writeStringProperty("input", e.source().input());
            g.writeNumberProperty("line", e.source().line());
            JsonOutput.stringOrNull(g, "boot", e.time().boot());
            seconds(g, "time", e.time().monoNanos());
            JsonOutput.numberOrNull(g, "cpu", e.cpu() == null ? null : e.cpu().longValue());
            JsonOutput.numberOrNull(g, "count", e.count());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeNumberProperty("lost_total", f.evidence().lostTotal());
        g.writeEndObject();
    }

    private static void process(JsonGenerator g, ProcessRef p) {
        if (p == null) {
            g.writeNull();
            return;
        }
        g.writeStartObject();
        g.writeNumberProperty("pid", p.pid());
        JsonOutput.stringOrNull(g, "comm", p.comm());
        JsonOutput.numberOrNull(g, "ppid", p.ppid() == null ? null : p.ppid().longValue());
        JsonOutput.stringOrNull(g, "state", p.state() == null ? null : p.state().name());
        seconds(g, "gone_at", p.exitTime());
        g.writeName("exit");
        if (p.exitReason() == null) {
            g.writeNull();
        } else {
            g.writeStartObject();
            g.writeStringProperty("reason", p.exitReason().name());
            JsonOutput.numberOrNull(g, "signal", p.exitSignal() == null ? null : p.exitSignal().longValue());
            JsonOutput.numberOrNull(g, "code", p.exitCode() == null ? null : p.exitCode().longValue());
            g.writeEndObject();
        }
        JsonOutput.stringOrNull(g, "fd", p.fd() == null ? null : p.fd().name());
        JsonOutput.numberOrNull(g, "inherited_from", p.inheritedFrom() == null ? null : p.inheritedFrom().longValue());
        g.writeName("blocked");
        if (p.blockedReason() == null) {
            g.writeNull();
        } else {
            g.writeStartObject();
            g.writeStringProperty("reason", p.blockedReason().name());
            JsonOutput.stringOrNull(g, "in", p.blockedIn());
            seconds(g, "since", p.blockedSince());
            JsonOutput.numberOrNull(g, "thread", p.blockedThread() == null ? null : (long) p.blockedThread().tid());
            g.writeBooleanProperty("thread_inferred", p.blockedThread() != null && p.blockedThread().inferred());
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static void diagnostic(JsonGenerator g, Diagnostic d, boolean typed) {
        g.writeStartObject();
        if (typed) {
            g.writeStringProperty("type", "diagnostic");
        }
        g.writeStringProperty("input", d.input());
        g.writeNumberProperty("line", d.line());
        g.writeStringProperty("message", d.message());
        g.writeEndObject();
    }

    private static void bytes(JsonGenerator g, String name, Map<String, Long> bytes) {
        g.writeName(name);
        if (bytes == null) {
            g.writeNull();
            return;
        }
        g.writeStartObject();
        for (Map.Entry<String, Long> e : bytes.entrySet()) {
            g.writeNumberProperty(e.getKey(), e.getValue());
        }
        g.writeEndObject();
    }

    /** Kernel seconds as a decimal number, exactly as events carry them, or null. */
    static void seconds(JsonGenerator g, String name, long nanos) {
        g.writeName(name);
        if (nanos == EventTime.UNKNOWN) {
            g.writeNull();
        } else {
            g.writeNumber(EventTime.seconds(nanos));
        }
    }

    static long saturated(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }
}
