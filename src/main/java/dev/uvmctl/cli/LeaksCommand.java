package dev.uvmctl.cli;

import dev.uvmctl.shared.DiagnosticLog;
import dev.uvmctl.ingest.EventMerger;
import dev.uvmctl.ingest.OpenedInput;
import dev.uvmctl.model.ReclaimModel;
import dev.uvmctl.ingest.Replay;
import dev.uvmctl.render.DiagnosticSummary;
import dev.uvmctl.finding.Finding;
import dev.uvmctl.finding.LeakFilter;
import dev.uvmctl.finding.LeakFinder;
import dev.uvmctl.render.LeaksJson;
import dev.uvmctl.finding.LeaksReport;
import dev.uvmctl.render.LeaksTable;
import dev.uvmctl.render.TerminalText;
import dev.uvmctl.ingest.FtraceEventSource;
import dev.uvmctl.tracefs.Tracefs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
            + "unattributed, and the driver's own leaks; with who holds it, since when, what to do, and the input lines that prove it.",
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

    @Option(names = "--pid", paramLabel = "PID", split = ",", description = "Only findings whose owner or holder is PID; repeatable.")
    List<Integer> pids = new ArrayList<>();

    @Option(names = "--gpu", paramLabel = "GPU", split = ",", converter = GpuConverter.class,
        description = "Only findings with memory on GPU: an index, UUID or PCI bus id in any form (0000:3b:00.0, 3B:00.0, PCI:0000:3b:00); repeatable.")
    List<String> gpus = new ArrayList<>();

    @Option(names = "--tolerance", paramLabel = "SIZE", converter = SizeConverter.class, defaultValue = "64M",
        description = "GPU memory per GPU that may be in use with no process to account for it before it is 'unattributed' (default: ${DEFAULT-VALUE}).")
    long tolerance;

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
    OutputOption output;

    @Override
    public Integer call() {
        CliContext context = top.context();
        DiagnosticLog diagnostics = new DiagnosticLog();
        if (duration != null && !trace) {
            throw UvmctlException.usage("--duration goes with --trace");
        }
        LiveTrace live = trace ? LiveTrace.open(context, "leaks --trace", Tracefs.DEFAULT_BUFFER_KB, duration) : null;
        Inputs opened;
        ReclaimModel model = new ReclaimModel(diagnostics, tolerance);
        Replay.Result replay;
        try {
            opened = live != null && in.inputs.isEmpty() && in.events.isEmpty() ? Inputs.none() : in.open(context, diagnostics);
            if (live != null) {
                opened.add(new OpenedInput(live.name(), "ftrace",
                    new FtraceEventSource(live.listener()).open(live.input(), live.name(), diagnostics)));
            }
            NewFindings news = live == null ? null : new NewFindings(context, model, tolerance);
            replay = Replay.run(opened.opened(), diagnostics, m -> {
                model.apply(m.event(), m.boot(), m.time());
                if (news != null) {
                    news.check();
                }
            });
        } finally {
            if (live != null) {
                live.close();
            }
        }
        model.finish();
        List<LeaksReport.Unreadable> unreadable = new ArrayList<>(opened.unreadable());
        for (EventMerger.Failure f : replay.failures()) {
            unreadable.add(new LeaksReport.Unreadable(f.input(), f.message()));
        }
        unreadable.addAll(opened.incomplete());
        LeaksReport report = report(model, replay, unreadable, diagnostics);
        render(context, report);
        return exitCode(context, report);
    }

    private LeaksReport report(ReclaimModel model, Replay.Result replay, List<LeaksReport.Unreadable> unreadable,
                               DiagnosticLog diagnostics) {
        LeakFinder.Conclusions conclusions = new LeakFinder(model, tolerance).conclude();
        Set<String> gpuNames = new HashSet<>();
        for (String gpu : gpus) {
            gpuNames.add(model.gpus().resolve(gpu));
        }
        LeakFilter filter = new LeakFilter(minSize, minAge == null ? null : minAge.toNanos(), Set.copyOf(pids), gpuNames);
        List<Finding> kept = conclusions.findings().stream().filter(filter::accepts).toList();
        List<Finding> live = all ? conclusions.live().stream().filter(filter::accepts).toList() : null;
        List<LeaksReport.InputSummary> summaries = new ArrayList<>();
        for (Map.Entry<OpenedInput, Long> e : replay.counts().entrySet()) {
            summaries.add(new LeaksReport.InputSummary(e.getKey().name(), e.getKey().format(), e.getValue()));
        }
        LeaksReport.Stats stats = new LeaksReport.Stats(model.applied(), model.vaSpaces().size(), model.processCount(), model.bootsEnded());
        return new LeaksReport(model.boot(), model.end(), summaries, unreadable, kept, live, conclusions.findings().size() - kept.size(),
            stats, diagnostics.kept(), diagnostics.total());
    }

    private void render(CliContext context, LeaksReport report) {
        switch (output.format()) {
            case json -> LeaksJson.document(context.out(), report);
            case ndjson -> LeaksJson.records(context.out(), report);
            default -> {
                LeaksTable.print(context.out(), report, explain, context.terminal().columns(), context.outStyle());
                DiagnosticSummary.print(context.notices(), report.diagnostics(), report.diagnosticsTotal(), context.errStyle());
            }
        }
        context.out().flush();
    }

    /** With --trace: says each finding once, when it first appears, at most once a second. */
    private static final class NewFindings {
        private final CliContext context;
        private final ReclaimModel model;
        private final long tolerance;
        private final Set<String> said = new HashSet<>();
        private long last = System.nanoTime();

        NewFindings(CliContext context, ReclaimModel model, long tolerance) {
            this.context = context;
            this.model = model;
            this.tolerance = tolerance;
        }

        void check() {
            long now = System.nanoTime();
            if (now - last < 1_000_000_000L) {
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

    private static int exitCode(CliContext context, LeaksReport report) {
        for (LeaksReport.Unreadable u : report.unreadable()) {
            context.err().println("uvmctl: " + TerminalText.escape(u.input()) + ": " + TerminalText.escape(u.message()));
        }
        if (report.unreadable().isEmpty() && report.stats().events() == 0) {
            context.err().println("uvmctl: the inputs hold no events, so there is nothing to judge (is this the right file?)");
        }
        context.err().flush();
        if (!report.unreadable().isEmpty() || report.stats().events() == 0) {
            return ExitCode.INCOMPLETE;
        }
        return report.findings().isEmpty() ? ExitCode.OK : ExitCode.FOUND;
    }
}
