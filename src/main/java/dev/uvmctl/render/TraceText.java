package dev.uvmctl.render;

import dev.uvmctl.tracefs.Probe;
import dev.uvmctl.tracefs.ProbeProfile;
import dev.uvmctl.tracefs.TraceLock;
import dev.uvmctl.tracefs.Tracefs;
import java.io.PrintWriter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;
import tools.jackson.core.JsonGenerator;

/** What {@code uvmctl trace start}, {@code stop} and {@code status} did or found, as text (and status as JSON). */
public final class TraceText {
    private TraceText() {
    }

    public static void setup(PrintWriter out, Tracefs.Setup s) {
        var sel = s.selection();
        out.println((s.own() ? "Probes installed in " : "Reading the probes in ") + s.tracefs() + "/instances/" + Tracefs.INSTANCE
            + " for nvidia_uvm " + (sel.release() == null ? "(release unknown)" : sel.release()) + " on " + sel.arch()
            + ", migration layout " + sel.layout() + ".");
        List<Probe> installed = s.installed();
        out.println("  set: " + installed.size() + " (" + String.join(", ", installed.stream().map(Probe::name).toList()) + ")");
        // A kind two probes give together (a creation is an entry and its return) is missed when either is:
        // what a probe not set would have given is missing whatever the others give.
        Set<String> missed = new LinkedHashSet<>();
        for (Tracefs.Result r : s.notInstalled()) {
            out.println("  " + r.state() + ": " + r.probe().name() + ": " + r.why());
            missed.addAll(r.misses());
        }
        if (!s.notInstalled().isEmpty()) {
            // Nothing missed: HMM probes on a driver without HMM (Result.misses), or probes the model takes no kind from.
            long noHmm = s.notInstalled().stream().filter(r -> r.probe().feeds().size() > r.misses().size()).count();
            out.println(!missed.isEmpty()
                ? "  the model misses what they give of: " + String.join(", ", missed) + "; findings that depend on them are inferred"
                : noHmm == s.notInstalled().size() ? "  the model misses nothing of theirs: the driver is built without the code they probe"
                : "  the model misses nothing of theirs: it takes no event kind from them"
                    + (noHmm > 0 ? " (nor from the HMM probes of a driver built without HMM)" : ""));
        }
        for (String n : s.notes()) {
            out.println("  note: " + n);
        }
        out.flush();
    }

    public static void teardown(PrintWriter out, Tracefs.Teardown t) {
        out.println(t.removed().isEmpty() ? "No probes of uvmctl's were installed." : "Removed: " + String.join(", ", t.removed()) + ".");
        for (String p : t.problems()) {
            out.println("  not removed: " + p);
        }
        out.flush();
    }

    public static void status(PrintWriter out, Tracefs.Status s) {
        TraceLock l = s.lock();
        if (l == null && s.probes().isEmpty() && !s.instance()) {
            out.println("No probes of uvmctl's are installed (" + s.tracefs() + ").");
            out.flush();
            return;
        }
        if (l == null) {
            out.println("Probes of uvmctl's group are installed with no lock: 'uvmctl trace stop' removes them.");
        } else if (l.owner() == null && l.first(Tracefs.UNFINISHED) != null) {
            out.println("The removal of the probes installed at " + l.since() + " did not finish (" + l.first(Tracefs.UNFINISHED)
                + "): 'uvmctl trace stop' removes the rest.");
        } else if (l.owner() == null) {
            out.println("Installed by 'uvmctl trace start' since " + l.since() + (l.first("reader") == null ? "" : ", read by pid "
                + l.first("reader").split(" ")[0]) + "; 'uvmctl trace stop' removes them.");
        } else {
            out.println("Installed by uvmctl " + (l.owner().command() == null ? "" : l.owner().command() + " ") + "(pid " + l.owner().pid()
                + ") since " + l.since() + (s.ownerAlive() ? ", which is running." : ", which has ended: the next start or stop removes them."));
        }
        if (l != null) {
            out.println("  driver: " + l.first("release") + " on " + l.first("arch") + ", migration layout " + l.first("layout"));
        }
        out.println("  in kprobe_events: " + (s.probes().isEmpty() ? "none" : String.join(", ", s.probes())));
        if (!s.probes().isEmpty()) {
            out.println("  " + profile(s));
        }
        if (l != null && !l.all("tracepoint").isEmpty()) {
            out.println("  tracepoints: " + String.join(", ", l.all("tracepoint")));
        }
        if (l != null) {
            for (String state : List.of("missing", "refused")) {
                for (String m : l.all(state)) {
                    out.println("  not installed: " + m.replace('\t', ' '));
                }
            }
        }
        out.println("  instance " + s.tracefs() + "/instances/" + Tracefs.INSTANCE + (s.instance() ? ": present" : ": absent"));
        out.flush();
    }

    /**
     * The probes' hits and misses since each was defined (kprobe_profile): a probe with no hits while its function should run may be
     * on a function the compiler inlined; one with misses lost events the trace shows no loss marker for.
     */
    private static String profile(Tracefs.Status s) {
        if (s.profile() == null) {
            return "hits and misses: unknown (kprobe_profile cannot be read)";
        }
        StringJoiner hits = new StringJoiner(", ", "hits (kprobe_profile): ", "");
        StringJoiner missed = new StringJoiner(", ", "; missed: ", "");
        missed.setEmptyValue("; none missed");
        for (String p : s.probes()) {
            ProbeProfile.Counts c = s.profile().get(p);
            hits.add(p + " " + (c == null ? "?" : c.hits()));
            if (c != null && c.misses() > 0) {
                missed.add(p + " " + c.misses());
            }
        }
        return hits + missed.toString();
    }

    public static void statusJson(PrintWriter out, Tracefs.Status s) {
        TraceLock l = s.lock();
        try (JsonGenerator g = JsonOutput.document(out)) {
            g.writeStartObject();
            g.writeStringProperty("schema", "uvmctl.trace-status/v1");
            g.writeStringProperty("tracefs", s.tracefs());
            g.writeName("owner");
            if (l == null || l.owner() == null) {
                g.writeNull();
            } else {
                g.writeStartObject();
                g.writeNumberProperty("pid", l.owner().pid());
                g.writeStringProperty("command", l.owner().command());
                g.writeBooleanProperty("running", s.ownerAlive());
                g.writeEndObject();
            }
            g.writeStringProperty("installed_by", l == null ? null : l.owner() == null ? "start" : l.owner().command());
            g.writeStringProperty("since", l == null ? null : l.since());
            g.writeStringProperty("release", l == null ? null : l.first("release"));
            g.writeName("probes");
            g.writeStartArray();
            for (String p : s.probes()) {
                g.writeString(p);
            }
            g.writeEndArray();
            // Each probe's hits and misses since it was defined (kprobe_profile); null when the file cannot be read.
            g.writeName("profile");
            if (s.profile() == null) {
                g.writeNull();
            } else {
                g.writeStartObject();
                for (String p : s.probes()) {
                    ProbeProfile.Counts c = s.profile().get(p);
                    if (c != null) {
                        g.writeName(p);
                        g.writeStartObject();
                        g.writeNumberProperty("hits", c.hits());
                        g.writeNumberProperty("misses", c.misses());
                        g.writeEndObject();
                    }
                }
                g.writeEndObject();
            }
            g.writeName("tracepoints");
            g.writeStartArray();
            for (String p : l == null ? List.<String>of() : l.all("tracepoint")) {
                g.writeString(p);
            }
            g.writeEndArray();
            g.writeBooleanProperty("instance", s.instance());
            // What a stop could not remove, when it did not finish: no run reads or installs over it until a stop does.
            g.writeStringProperty("unfinished", l == null ? null : l.first(Tracefs.UNFINISHED));
            g.writeEndObject();
        }
        out.println();
        out.flush();
    }
}
