package dev.uvmctl.cli;

import dev.uvmctl.shared.DiagnosticLog;
import dev.uvmctl.ingest.OpenedInput;
import dev.uvmctl.model.GpuState;
import dev.uvmctl.model.ReclaimModel;
import dev.uvmctl.render.DiagnosticSummary;
import dev.uvmctl.finding.Finding;
import dev.uvmctl.finding.LeakFilter;
import dev.uvmctl.finding.OwnerFilter;
import dev.uvmctl.finding.LeakFinder;
import dev.uvmctl.render.LeaksJson;
import dev.uvmctl.finding.LeaksReport;
import dev.uvmctl.render.LeaksTable;
import dev.uvmctl.render.OutputFormat;
import dev.uvmctl.render.TerminalText;
import dev.uvmctl.ingest.FtraceEventSource;
import dev.uvmctl.shared.GpuKey;
import dev.uvmctl.tracefs.Tracefs;
import java.nio.file.Path;
import java.time.Duration;
import dev.uvmctl.source.SysRoot;
import java.nio.file.FileSystems;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code uvmctl leaks}: replays the inputs' events and reports memory that should have been released and was not. */
@Command(name = "leaks",
    mixinStandardHelpOptions = true,
    header = "GPU memory that should have been released and was not: who holds it, since when, the proof.",
    description = {
        "Report GPU memory that should have been released and was not: leaked (nothing left can free it), held (by a process "
            + "other than its dead owner), stuck (in the driver's teardown), pinned (evictions keep failing), deferred, "
            + "unattributed, and the driver's own leaks, faults and blocked tasks; with who holds it, since when, what to do, and the input "
            + "lines that prove it.",
        "Inputs are kernel logs (every form uvmctl dmesg reads, nvidia-bug-report.log included), va-spaces snapshots, event "
            + "NDJSON (docs/events.md), or - for standard input; directories and .tar.gz capture bundles are system roots, read through "
            + "their kernel log, /proc and nvidia-smi output. With none, the system --root names is read: by default the live system, "
            + "whose kernel log, /proc and nvidia-smi need root to be read in full. What cannot be read makes the answer incomplete "
            + "(exit 3), never clean."},
    sortOptions = false,
    footerHeading = "%nExamples:%n",
    footer = {
        "  uvmctl leaks                             # the live system (as root)",
        "  uvmctl leaks examples/oom-node",
        "  uvmctl leaks examples/held-node/capture.tar.gz -o json",
        "  bpftrace uvm.bt | uvmctl leaks --events - --min-age 5m -o ndjson",
        "  uvmctl leaks --explain --gpu 0000:3b:00.0 events.ndjson.gz",
    })
public final class LeaksCommand implements Callable<Integer> {
    @ParentCommand
    UvmctlCommand top;

    @Mixin
    EventInputOptions in;

    @Option(names = "--min-size", paramLabel = "SIZE", converter = SizeConverter.class,
        description = "Leave out findings smaller than SIZE: bytes, or 64M, 1GiB (powers of 1024), 1GB (powers of 1000).")
    Long minSize;

    @Option(names = "--min-age", paramLabel = "AGE", converter = DurationConverter.class,
        description = "Leave out findings younger than AGE (90s, 10m, 2h, 1h30m), measured to the end of the input.")
    Duration minAge;

    @Option(names = "--pid", paramLabel = "PID", split = ",", converter = PidConverter.class, description = "Only findings whose owner or holder is PID; repeatable.")
    List<Integer> pids = new ArrayList<>();

    @Option(names = "--gpu", paramLabel = "GPU", split = ",", converter = GpuConverter.class,
        description = "Only findings with memory on GPU: an index, UUID or PCI bus id in any form (0000:3b:00.0, 3B:00.0, PCI:0000:3b:00); repeatable.")
    List<String> gpus = new ArrayList<>();

    @Option(names = "--uid", paramLabel = "UID", converter = UidConverter.class,
        description = "Only findings that a process of user UID owns or holds: a live one by its /proc/PID/status in the system "
            + "root the history ends in, an ended one by the uid its end told (an OOM kill's UID:) or an earlier snapshot read, "
            + "never by its pid. A finding whose processes ended with no uid told names no user and is left out, counted.")
    Integer uid;

    @Option(names = "--cgroup", paramLabel = "GLOB",
        description = "Only findings that a process in a cgroup matching GLOB owns or holds (a live one's /proc/PID/cgroup, an "
            + "ended one's memory cgroup as its OOM kill named it, or its cgroup an earlier snapshot read; * within one level, ** across levels: '**/job_4242{,/**}' for "
            + "Slurm job 4242). With --uid, one process must match both.")
    String cgroup;

    @Mixin
    ToleranceOption tolerance;

    @Option(names = "--all", description = "Also list the live va_spaces of live processes (not findings).")
    boolean all;

    @Option(names = "--explain", description = "Print under each finding the input lines that prove it.")
    boolean explain;

    @Option(names = "--trace",
        description = "Set the UVM driver's probes up (as 'uvmctl trace record' does) and replay what they report as it happens, with "
            + "the INPUTs if any; findings are said on standard error as they appear, the report comes at the end (--duration, "
            + "Ctrl-C or SIGTERM), and the probes are removed. Needs root.")
    boolean trace;

    @Option(names = "--duration", paramLabel = "D", converter = DurationConverter.class,
        description = "With --trace: how long to trace (90s, 10m, 2h); without it, until Ctrl-C or SIGTERM.")
    Duration duration;

    @Mixin
    MetricsOutputOption output;

    @Option(names = "--textfile", paramLabel = "DIR",
        description = "Write the metrics (Prometheus text format) to DIR/uvmctl.prom for node_exporter's textfile collector, atomically, "
            + "keeping the Xid counts in DIR between runs; exit 0 once written (the findings are in the metrics).")
    Path textfile;

    @Option(names = "--max-series", paramLabel = "N", defaultValue = "500",
        description = "Metrics: keep the N largest series of uvmctl_unreleased_bytes and sum the rest into series=\"other\" (default: ${DEFAULT-VALUE}).")
    int maxSeries;

    @Option(names = "--each",
        description = "Many nodes' captures at once: each INPUT is a capture bundle, an unpacked root, or a directory of them; each node "
            + "(machine and boot) is analysed on its own, in parallel, and one row per node printed (-o ndjson: its findings, with a node field).")
    boolean each;

    @Override
    public Integer call() {
        CliContext context = top.context();
        if (duration != null && !trace) {
            throw UvmctlException.usage("--duration goes with --trace");
        }
        if (trace && (each || textfile != null)) {
            throw UvmctlException.usage((each ? "--each" : "--textfile") + " reads captures, not a live trace: leave out --trace");
        }
        if (each) {
            return LeaksEach.run(this, context, in.inputs);
        }
        if (maxSeries < 0) {
            throw UvmctlException.usage("--max-series " + maxSeries + ": expected 0 or more");
        }
        if (textfile != null) {
            return LeaksTextfile.write(this, context, textfile);
        }
        DiagnosticLog diagnostics = new DiagnosticLog();
        MetricsInputs metrics = output.format().metrics() ? new MetricsInputs(new dev.uvmctl.render.XidCounter()) : null;
        Inputs opened;
        LeaksReport report;
        if (trace) {
            LiveTrace live = LiveTrace.open(context, "leaks --trace", Tracefs.DEFAULT_BUFFER_KB, duration);
            try {
                opened = in.inputs.isEmpty() && in.events.isEmpty() ? Inputs.none(tolerance.bytes()) : in.open(context, tolerance.bytes(), diagnostics);
                opened.add(new OpenedInput(live.name(), "ftrace",
                    new FtraceEventSource(live.listener(LiveTrace.sayingHangs(context))).open(live.input(), live.name(), diagnostics)));
                live.heartbeat();
                report = analyse(opened, diagnostics, metrics, new NewFindings(context, tolerance.bytes()));
            } finally {
                live.close();
            }
        } else {
            opened = in.open(context, tolerance.bytes(), diagnostics);
            report = analyse(opened, diagnostics, metrics);
        }
        render(context, report, metrics, opened);
        return exitCode(context, report, opened);
    }

    /** Replays the opened inputs and concludes (the one verdict); {@code metrics}, when not null, sees every event replayed. */
    LeaksReport analyse(Inputs opened, DiagnosticLog diagnostics, MetricsInputs metrics) {
        return analyse(opened, diagnostics, metrics, null);
    }

    /** As {@link #analyse(Inputs, DiagnosticLog, MetricsInputs)}; {@code news}, when not null, says findings as they appear (--trace). */
    private LeaksReport analyse(Inputs opened, DiagnosticLog diagnostics, MetricsInputs metrics, NewFindings news) {
        Verdict.Result verdict = Verdict.of(opened.opened(), opened.unreadable(), tolerance.bytes(), diagnostics, (m, model) -> {
            if (metrics != null) {
                metrics.accept(m);
            }
            if (news != null) {
                news.check(model);
            }
        });
        return report(verdict, diagnostics, opened.lastRoot());
    }

    private LeaksReport report(Verdict.Result verdict, DiagnosticLog diagnostics, SysRoot root) {
        ReclaimModel model = verdict.model();
        LeakFinder.Conclusions conclusions = verdict.conclusions();
        Set<String> gpuNames = new HashSet<>();
        for (String gpu : gpus) {
            gpuNames.add(model.gpus().resolve(gpu));
        }
        if (verdict.unreadable().isEmpty()) {
            refuseUnknownGpus(model, gpuNames);
        }
        LeakFilter filter = new LeakFilter(minSize, minAge == null ? null : minAge.toNanos(), Set.copyOf(pids), gpuNames);
        OwnerFilter owners = ownerFilter(root);
        List<Finding> kept = conclusions.findings().stream().filter(f -> filter.accepts(f) && owners.accepts(f)).toList();
        List<Finding> live = all ? conclusions.live().stream().filter(f -> filter.accepts(f) && owners.accepts(f)).toList() : null;
        List<LeaksReport.InputSummary> summaries = new ArrayList<>();
        for (Map.Entry<OpenedInput, Long> e : verdict.replay().counts().entrySet()) {
            summaries.add(new LeaksReport.InputSummary(e.getKey().name(), e.getKey().format(), e.getValue()));
        }
        LeaksReport.Stats stats = new LeaksReport.Stats(model.applied(), model.vaSpaces().size(), model.processCount(), model.bootsEnded(),
            LeaksReport.Losses.of(model.losses()));
        return new LeaksReport(model.boot(), model.end(), summaries, verdict.unreadable(), kept, live,
            conclusions.findings().size() - kept.size(), stats, diagnostics.kept(), diagnostics.total());
    }

    /**
     * {@code --uid} and {@code --cgroup}, reading the processes' users and cgroups from {@code root}.
     * Without a system root no process can be told: asking is a usage error, not an empty answer.
     */
    private OwnerFilter ownerFilter(SysRoot root) {
        PathMatcher matcher = null;
        if (cgroup != null) {
            try {
                matcher = FileSystems.getDefault().getPathMatcher("glob:" + cgroup);
            } catch (IllegalArgumentException e) {
                throw UvmctlException.usage("--cgroup " + cgroup + ": not a glob (" + e.getMessage() + ")");
            }
        }
        OwnerFilter f = new OwnerFilter(uid, matcher, new RootIdentities(root));
        if (!f.keepsAll() && root == null) {
            throw UvmctlException.usage((uid != null ? "--uid" : "--cgroup") + ": the inputs hold no system root (a live system, a "
                + "capture or an unpacked root) to read the processes' users and cgroups from");
        }
        return f;
    }

    /** A --gpu no input mentions would hide every finding, reading as "nothing found": say which GPUs there are. */
    private static void refuseUnknownGpus(ReclaimModel model, Set<String> wanted) {
        Set<String> known = new TreeSet<>();
        for (GpuState g : model.gpuStates()) {
            known.add(model.gpus().resolve(g.name()));
        }
        for (String p : model.processorNames()) {
            if (!p.equals(GpuKey.CPU)) {
                known.add(p);
            }
        }
        Set<String> unknown = new TreeSet<>(wanted);
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            throw GpuConverter.notMentioned(unknown, known);
        }
    }

    private void render(CliContext context, LeaksReport report, MetricsInputs metrics, Inputs opened) {
        // A switch expression (its value unused), so the compiler checks that every format has its case.
        boolean printed = switch (output.format()) {
            case json -> {
                LeaksJson.document(context.out(), report);
                yield true;
            }
            case ndjson -> {
                LeaksJson.records(context.out(), report);
                yield true;
            }
            case table -> {
                LeaksTable.print(context.out(), report, explain, context.terminal().columns(), context.outStyle());
                DiagnosticSummary.print(context.notices(), report.diagnostics(), report.diagnosticsTotal(), context.errStyle());
                yield true;
            }
            case prometheus, openmetrics -> {
                LeaksTextfile.print(context, metrics.metrics(report, opened.lastRoot(), maxSeries),
                    output.format() == OutputFormat.openmetrics);
                yield true;
            }
        };
        context.out().flush();
    }

    /** With --trace: says each finding once, when it first appears, at most once a second. */
    private static final class NewFindings {
        private final CliContext context;
        private final long tolerance;
        private final Set<String> said = new HashSet<>();
        private long last;

        NewFindings(CliContext context, long tolerance) {
            this.context = context;
            this.tolerance = tolerance;
            this.last = context.clock().millis();
        }

        void check(ReclaimModel model) {
            long now = context.clock().millis();
            if (now - last < 1000) {
                return;
            }
            last = now;
            for (Finding f : new LeakFinder(model, tolerance).conclude().findings()) {
                if (said.add(f.id())) {
                    context.notices().println("uvmctl: " + f.findingClass() + " " + f.id() + ": " + TerminalText.escape(f.summary()));
                }
            }
            context.notices().flush();
        }
    }

    static int exitCode(CliContext context, LeaksReport report, Inputs opened) {
        for (LeaksReport.Unreadable u : report.unreadable()) {
            context.err().println("uvmctl: " + TerminalText.escape(u.input()) + ": " + TerminalText.escape(u.message()));
        }
        if (report.unreadable().isEmpty() && report.stats().events() == 0) {
            context.err().println("uvmctl: the inputs hold no events, so there is nothing to judge" + opened.noEvents());
        }
        context.err().flush();
        if (report.incomplete()) {
            return ExitCode.INCOMPLETE;
        }
        return report.findings().isEmpty() ? ExitCode.OK : ExitCode.FOUND;
    }
}
