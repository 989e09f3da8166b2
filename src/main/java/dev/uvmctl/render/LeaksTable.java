package dev.uvmctl.render;

import dev.uvmctl.shared.Counted;
import dev.uvmctl.event.EventTime;
import dev.uvmctl.event.EventsLost;
import java.util.StringJoiner;

import dev.uvmctl.finding.Ages;
import dev.uvmctl.finding.EvidenceChain;
import dev.uvmctl.finding.Finding;
import dev.uvmctl.finding.FindingClass;
import dev.uvmctl.finding.Incident;
import dev.uvmctl.finding.Incidents;
import dev.uvmctl.finding.LeaksReport;
import dev.uvmctl.finding.ProcessRef;
import dev.uvmctl.shared.Sizes;
import dev.uvmctl.event.Event;
import dev.uvmctl.event.FdKind;
import dev.uvmctl.event.ProcState;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code uvmctl leaks} as a table: one row per finding, then per finding what it is and what
 * to do, and with {@code --explain} the input lines that prove it. A view of the same report
 * {@code -o json} prints.
 */
public final class LeaksTable {
    /** The options that leave findings out. */
    private static final String FILTERS = "--min-size, --min-age, --pid, --gpu, --uid or --cgroup";

    private LeaksTable() {
    }

    public static void print(PrintWriter out, LeaksReport r, boolean explain, int width, Style style) {
        if (r.findings().isEmpty() && !r.unreadable().isEmpty()) {
            paragraph(out, width, "Incomplete, so not clean: nothing found in what could be read (" + replayed(r)
                + "), but not everything could be:");
            unreadable(out, r, width);
        } else if (r.findings().isEmpty() && r.stats().events() == 0) {
            paragraph(out, width, "Incomplete, so not clean: the inputs hold no events, so there is nothing to judge.");
        } else if (r.findings().isEmpty()) {
            paragraph(out, width, "No findings: " + replayed(r) + hidden(r) + lost(r.stats().losses()) + ".");
        } else {
            List<Incident> incidents = Incidents.of(r.findings());
            for (Incident i : incidents) {
                described(out, i.id(), Incidents.line(i), width, style);
            }
            if (!incidents.isEmpty()) {
                out.println();
            }
            table(r.findings(), style).print(out, width, style);
            Map<String, Finding> byId = new LinkedHashMap<>();
            for (Finding f : r.findings()) {
                byId.put(f.id(), f);
            }
            for (Incident i : incidents) {
                out.println();
                described(out, i.id(), Incidents.heading(i), width, style);
                for (String id : i.findings()) {
                    details(out, byId.remove(id), explain, width, style);
                }
            }
            for (Finding f : byId.values()) {
                details(out, f, explain, width, style);
            }
            if (r.hidden() > 0) {
                out.println();
                paragraph(out, width, r.hidden() + (r.hidden() == 1 ? " more finding" : " more findings")
                    + " left out by " + FILTERS + ".");
            }
            if (!r.unreadable().isEmpty()) {
                out.println();
                paragraph(out, width, "Incomplete: there may be more than these findings, since not everything could be read:");
                unreadable(out, r, width);
            }
        }
        if (r.live() != null && !r.live().isEmpty()) {
            out.println();
            out.println(style.bold("Live (not findings):"));
            table(r.live(), style).print(out, width, style);
            if (explain) {
                for (Finding f : r.live()) {
                    out.println();
                    described(out, f.vaSpace(), f.summary(), width, style);
                    evidence(out, f, width, style);
                }
            }
        }
        out.flush();
    }

    private static void details(PrintWriter out, Finding f, boolean explain, int width, Style style) {
        out.println();
        described(out, f.id(), f.summary(), width, style);
        paragraph(out, width, "  what to do: ", TerminalText.escape(f.remediation()), 4, Function.identity());
        if (f.evidence().inferred()) {
            paragraph(out, width, "  inferred: ", TerminalText.escape(inferred(f.evidence().lost(), f.evidence().lostTotal())), 4,
                Function.identity());
        }
        if (explain) {
            evidence(out, f, width, style);
        }
    }

    /** Where events were lost while what the finding is about existed: its history is incomplete. */
    private static String inferred(List<EventsLost> lost, long total) {
        StringJoiner where = new StringJoiner("; ");
        for (EventsLost e : lost.subList(0, Math.min(3, lost.size()))) {
            String at = e.time().monoNanos() == EventTime.UNKNOWN ? "" : " at [" + EventTime.seconds(e.time().monoNanos()) + "]";
            where.add(EventText.lost(e) + at + ", " + e.source().location());
        }
        String more = total > 3 ? "; and " + (total - 3) + " more" : "";
        return "events were lost while this existed (" + where + more + "): what they would have shown (a destroy, a migration, "
            + "an eviction) is not in this history, so this finding may not hold";
    }

    /**
     * On a narrow terminal the va_space goes first (the finding's summary names it), then the CPU
     * memory, then the GPU (named in the summary too); owner and holders are cut last.
     */
    private static TextTable table(List<Finding> findings, Style style) {
        TextTable t = new TextTable(List.of(
            TextTable.Column.left("CLASS"),
            TextTable.Column.right("GPU MEM"),
            TextTable.Column.right("CPU MEM").droppable(2),
            TextTable.Column.left("GPU").droppable(3),
            TextTable.Column.left("VA_SPACE").droppable(1),
            TextTable.Column.left("OWNER").shrinkable(),
            TextTable.Column.left("HELD BY").shrinkable(),
            TextTable.Column.right("AGE")));
        for (Finding f : findings) {
            Long cpu = f.bytes() == null ? null : f.bytes().get("cpu");
            String atLeast = f.figures().bytesAtLeast() ? style.glyph(Style.Glyph.AT_LEAST) + " " : "";
            // '-' where nothing is on a GPU (the driver's own kernel memory), '?' where sizes are unknown.
            boolean onGpu = f.bytes() != null && f.bytes().keySet().stream().anyMatch(p -> !p.equals("cpu"));
            t.add(rowStyle(f.findingClass(), style),
                f.findingClass().name(),
                f.bytes() == null ? (f.figures().managedBytesMax() == null ? "?" : style.glyph(Style.Glyph.AT_MOST) + " " + Sizes.iec(f.figures().managedBytesMax()))
                    : onGpu ? atLeast + Sizes.iec(f.gpuBytes()) : "-",
                f.bytes() == null ? "?" : cpu == null ? "-" : atLeast + Sizes.iec(cpu),
                f.gpus().isEmpty() ? "-" : String.join(",", f.gpus()),
                f.vaSpace() == null ? "-" : f.vaSpace(),
                f.owner() == null ? "-" : brief(f.owner()) + " " + shortFate(f.owner()),
                holders(f),
                Ages.human(f.age()));
        }
        return t;
    }

    private static Function<String, String> rowStyle(FindingClass c, Style style) {
        return switch (c) {
            case live -> Function.identity();
            case pinned, unattributed -> style::yellow;
            case leaked, held, stuck, deferred, driver -> style::red;
        };
    }

    private static String holders(Finding f) {
        List<String> live = new ArrayList<>();
        for (ProcessRef h : f.holders()) {
            if (h.state() == null || h.state() == ProcState.alive || h.state() == ProcState.uninterruptible) {
                live.add(brief(h) + (h.fd() == FdKind.mm ? " (mm fd)" : ""));
            }
        }
        return live.isEmpty() ? "-" : String.join(", ", live);
    }

    /** {@code 4242 python}: the table's short form of a process. */
    private static String brief(ProcessRef p) {
        return p.comm() == null ? Integer.toString(p.pid()) : p.pid() + " " + p.comm();
    }

    private static String shortFate(ProcessRef p) {
        if (p.blockedIn() != null && (p.state() == null || p.state() != ProcState.gone)) {
            return "[blocked]";
        }
        if (p.exitReason() != null) {
            return switch (p.exitReason()) {
                case oom_kill -> "[OOM-killed]";
                case signal -> p.exitSignal() == null ? "[killed]" : "[signal " + p.exitSignal() + "]";
                case exit -> "[exited]";
            };
        }
        return p.state() == null ? "[alive]" : "[" + p.state().name() + "]";
    }

    private static void evidence(PrintWriter out, Finding f, int width, Style style) {
        EvidenceChain chain = f.evidence();
        out.println("  evidence (" + chain.total() + (chain.total() == 1 ? " event" : " events")
            + (chain.omitted() > 0 ? ", " + chain.omitted() + " not shown" : "") + "):");
        List<Event> events = chain.events();
        int half = events.size() / 2;
        for (int i = 0; i < events.size(); i++) {
            if (chain.omitted() > 0 && i == half) {
                out.println(style.dim("    ... " + chain.omitted() + " more ..."));
            }
            Event e = events.get(i);
            String location = TerminalText.escape(e.source().location());
            paragraph(out, width, "    " + location + "  ", TerminalText.escape(e.source().text()), 8,
                lead -> "    " + style.dim(location) + "  ");
        }
    }

    /** {@code ID  summary}, the id in bold, wrapped under it. */
    private static void described(PrintWriter out, String id, String summary, int width, Style style) {
        paragraph(out, width, id + "  ", TerminalText.escape(summary), 2, lead -> style.bold(id) + "  ");
    }

    /** A line of uvmctl's own words, wrapped with the lines after the first indented. */
    private static void paragraph(PrintWriter out, int width, String text) {
        Paragraph.print(out, width, text, Function.identity());
    }

    /** {@code lead} then {@code text}, wrapped to {@code width}; {@code styledLead} draws the lead where it is whole. */
    private static void paragraph(PrintWriter out, int width, String lead, String text, int indent, Function<String, String> styledLead) {
        List<String> lines = Paragraph.lines(lead, text, indent, width);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            out.println(i == 0 && line.startsWith(lead) ? styledLead.apply(lead) + line.substring(lead.length()) : line);
        }
    }

    private static String replayed(LeaksReport r) {
        return Counted.of(r.stats().events(), "event") + " replayed, " + Counted.of(r.stats().vaSpaces(), "va_space") + " and "
            + Counted.of(r.stats().processes(), "process") + " at the end";
    }

    /**
     * What the inputs said they lost, after "No findings": a history with holes judged nothing in
     * them (a va_space created or destroyed in a trace's full ring buffer), so nothing is not clean.
     */
    private static String lost(LeaksReport.Losses l) {
        if (l.reports() == 0) {
            return "";
        }
        String events = l.uncounted() == 0 ? Counted.of(l.counted(), "event")
            : l.counted() > 0 ? "at least " + Counted.of(l.counted(), "event") : "events, how many no input could count (a probe not set or left out, a loss the kernel did not count)";
        return "; but the inputs lost " + events + (l.reports() > 1 ? " in " + l.reports() + " places" : "")
            + ", and what those would have shown is not judged (the diagnostics say where)";
    }

    /** What could not be read, one line each: the reason the answer is incomplete. */
    private static void unreadable(PrintWriter out, LeaksReport r, int width) {
        for (LeaksReport.Unreadable u : r.unreadable()) {
            paragraph(out, width, "  ", TerminalText.escape(u.input()) + ": " + TerminalText.escape(u.message()), 4, Function.identity());
        }
    }


    private static String hidden(LeaksReport r) {
        return r.hidden() == 0 ? "" : "; " + r.hidden() + " left out by " + FILTERS;
    }
}
