package dev.uvmctl.render;

import dev.uvmctl.tracefs.Probe;
import dev.uvmctl.tracefs.ProbeTable;
import java.io.PrintWriter;
import tools.jackson.core.JsonGenerator;

/**
 * {@code uvmctl trace print-probes}: the definitions as text to append by hand (every line that is
 * not a comment is one definition), or as JSON.
 */
public final class ProbesText {
    private ProbesText() {
    }

    public static void text(PrintWriter out, ProbeTable.Selection s, String tracefs) {
        out.println("# uvmctl trace probes for nvidia_uvm " + (s.releaseKnown() ? s.release() : "of an unknown release"
            + (s.release() == null ? "" : " (" + s.release() + ", newer than the table)")) + " on " + s.arch()
            + ", migration layout " + s.layout());
        out.println("# Append each definition on its own (>>: a plain > deletes every probe on the system), then enable them, the");
        out.println("# filters below and the tracepoints in a trace instance of your own, and save its trace_pipe:");
        out.println("#   grep -v '^#' PROBES | while read -r d; do echo \"$d\" >> " + tracefs + "/kprobe_events; done");
        out.println("#   mkdir " + tracefs + "/instances/uvmctl; echo 1 > " + tracefs + "/instances/uvmctl/options/record-tgid");
        out.println("#   echo 1 > " + tracefs + "/instances/uvmctl/events/" + ProbeTable.GROUP + "/enable   # and each tracepoint's enable");
        out.println("#   cat " + tracefs + "/instances/uvmctl/trace_pipe > uvm.trace   # uvmctl leaks uvm.trace reads it");
        out.println("# Remove them with '-:" + ProbeTable.GROUP + "/NAME' once disabled (uvmctl trace stop does all of this for you).");
        for (Probe p : s.probes()) {
            if (p.kind() == Probe.Kind.kprobe) {
                out.println(p.definition());
            }
        }
        for (Probe p : s.probes()) {
            if (p.filter() != null) {
                out.println("# filter " + p.eventDirectory() + ": " + p.filter());
            }
        }
        for (Probe p : s.probes()) {
            if (p.kind() == Probe.Kind.tracepoint) {
                out.println("# tracepoint " + p.definition());
            }
        }
        out.flush();
    }

    public static void json(PrintWriter out, ProbeTable.Selection s) {
        try (JsonGenerator g = JsonOutput.document(out)) {
            g.writeStartObject();
            g.writeStringProperty("schema", "uvmctl.trace-probes/v1");
            g.writeStringProperty("release", s.release() == null ? null : s.release().toString());
            g.writeBooleanProperty("release_known", s.releaseKnown());
            g.writeStringProperty("arch", s.arch());
            g.writeStringProperty("layout", s.layout());
            g.writeName("probes");
            g.writeStartArray();
            for (Probe p : s.probes()) {
                g.writeStartObject();
                g.writeStringProperty("name", p.name());
                g.writeStringProperty("kind", p.kind().name());
                g.writeStringProperty("definition", p.definition());
                g.writeStringProperty("filter", p.filter());
                g.writeName("feeds");
                g.writeStartArray();
                for (String f : p.feeds()) {
                    g.writeString(f);
                }
                g.writeEndArray();
                g.writeStringProperty("about", p.about());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        out.println();
        out.flush();
    }
}
