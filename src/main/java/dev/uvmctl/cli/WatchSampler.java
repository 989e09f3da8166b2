package dev.uvmctl.cli;

import dev.uvmctl.render.WatchFrame;
import dev.uvmctl.finding.Finding;
import dev.uvmctl.finding.FindingClass;
import dev.uvmctl.finding.LeaksReport;
import dev.uvmctl.ingest.FtraceEventSource;
import dev.uvmctl.ingest.RootKernelLogEventSource;
import dev.uvmctl.ingest.SnapshotEventSource;
import dev.uvmctl.kernellog.KernelLogReader;
import dev.uvmctl.kernellog.KernelRecord;
import dev.uvmctl.kernellog.LogGap;
import dev.uvmctl.kernellog.XidCatalog;
import dev.uvmctl.procfs.SystemSnapshot;
import dev.uvmctl.procfs.VaSpaceView;
import dev.uvmctl.procfs.VaSpaceViewBuilder;
import dev.uvmctl.procfs.ViewNote;
import dev.uvmctl.source.CommandRunner;
import dev.uvmctl.shared.Diagnostic;
import dev.uvmctl.source.IoErrors;
import dev.uvmctl.source.LiveKernelLog;
import dev.uvmctl.source.SysRoot;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the system afresh for each refresh of {@code uvmctl watch} and remembers, between
 * refreshes, when each item first appeared, so that the screen can show what is new and what
 * just went away.
 */
public final class WatchSampler {
    private final SysRoot root;
    private final boolean live;
    private final CommandRunner runner;
    private final LiveKernelLog.Commands logCommands;
    private final Clock clock;
    private final int kernelLines;
    private final long tolerance;
    private final XidCatalog catalog = XidCatalog.builtIn();
    private Map<String, WatchFrame.Item> previous = Map.of();
    private TraceModel trace;

    public WatchSampler(SysRoot root, boolean live, CommandRunner runner, LiveKernelLog.Commands logCommands, Clock clock,
                        int kernelLines, long tolerance) {
        this.root = root;
        this.live = live;
        this.runner = runner;
        this.logCommands = logCommands;
        this.clock = clock;
        this.kernelLines = kernelLines;
        this.tolerance = tolerance;
    }

    /** With {@code watch --trace}: the live probes' findings are shown with the others. */
    WatchSampler withTrace(TraceModel model) {
        this.trace = model;
        return this;
    }

    public WatchFrame sample() {
        Instant now = clock.instant();
        SystemSnapshot snapshot = SnapshotEventSource.read(root, root.describe(), live, runner, now);
        VaSpaceView view = VaSpaceViewBuilder.build(snapshot);
        int[] diagnostics = {0};
        Verdict.Result verdict = Verdict.ofSnapshot(root.describe(), view, root, new RootKernelLogEventSource(live, logCommands), tolerance,
            d -> diagnostics[0]++);
        List<String> problems = new ArrayList<>();
        for (LeaksReport.Unreadable u : verdict.unreadable()) {
            problems.add(u.input() + ": " + u.message());
        }
        if (diagnostics[0] > 0) {
            problems.add(diagnostics[0] + " diagnostics while replaying ('uvmctl leaks -o json' lists them)");
        }
        List<String> log = kernelTail(problems);
        Map<String, WatchFrame.Item> current = new LinkedHashMap<>();
        for (Finding f : verdict.conclusions().findings()) {
            add(current, f.id(), f.findingClass().name(), message(f), now);
        }
        if (trace != null) {
            for (Finding f : trace.findings()) {
                add(current, "trace " + f.id(), f.findingClass().name(), "trace: " + message(f), now);
            }
            for (FtraceEventSource.HangingTeardown t : trace.hanging()) {
                add(current, "trace teardown " + t.tid(), FindingClass.stuck.name(), hanging(t), now);
            }
            String problem = trace.problem();
            if (problem != null) {
                problems.add(problem);
            }
        }
        for (ViewNote n : view.notes()) {
            add(current, n.id(), "info", n.message(), now);
        }
        List<WatchFrame.Item> items = new ArrayList<>(current.values());
        for (Map.Entry<String, WatchFrame.Item> e : previous.entrySet()) {
            WatchFrame.Item was = e.getValue();
            if (!was.gone() && !current.containsKey(e.getKey())) {
                WatchFrame.Item gone = new WatchFrame.Item(was.id(), was.level(), was.message(), was.firstSeen(), true);
                items.add(gone);
                current.put(e.getKey(), gone);
            }
        }
        previous = current;
        return new WatchFrame(now, snapshot.source(), view.gpus(), view.holders(), List.copyOf(items), log,
            List.copyOf(problems));
    }

    /** A finding's line: its summary, and whether it is inferred (events were lost while what it is about existed). */
    static String message(Finding f) {
        long lost = f.evidence().lostTotal();
        return f.summary() + (lost == 0 ? "" : " (inferred: events were lost " + (lost == 1 ? "once" : lost + " times")
            + " while it existed; 'uvmctl leaks -o json' lists where)");
    }

    /** A teardown that has not returned for the hung-task timeout, as the live trace shows it (not judged until the trace ends). */
    static String hanging(FtraceEventSource.HangingTeardown t) {
        return "trace: " + LiveTrace.describe(t) + " ('uvmctl leaks --trace' judges it when it ends)";
    }

    private void add(Map<String, WatchFrame.Item> current, String id, String level, String message, Instant now) {
        // A finding's id is stable while what it is about stays: its numbers may change meanwhile.
        WatchFrame.Item before = previous.get(id);
        Instant first = before == null || before.gone() ? now : before.firstSeen();
        current.put(id, new WatchFrame.Item(id, level, message, first, false));
    }

    /** The last GPU-related kernel-log lines; why not, in {@code problems}, when the log cannot be read. */
    private List<String> kernelTail(List<String> problems) {
        Deque<String> tail = new ArrayDeque<>();
        int[] unreadable = {0};
        List<KernelLogReader.StreamStats> logs = new ArrayList<>();
        LiveKernelLog.Source source;
        try {
            source = RootKernelLogEventSource.openLog(root, live, logCommands);
        } catch (LiveKernelLog.Unavailable e) {
            problems.add(e.getMessage());
            return List.of();
        }
        try (InputStream in = source.in()) {
            new KernelLogReader(catalog).read(source.name(), in, false, new KernelLogReader.Sink() {
                @Override
                public void streamStarted(String input, String section) {
                }

                @Override
                public void streamEnded(KernelLogReader.StreamStats stats) {
                    logs.add(stats);
                }

                @Override
                public void record(KernelRecord r) {
                    // A jump in /dev/kmsg's numbers has no line of its own: its record's is the next record's.
                    tail.addLast(r instanceof LogGap g && g.cause() == LogGap.Cause.KMSG_SEQUENCE ? "-- " + g.why() + " --" : r.origin().raw());
                    if (tail.size() > kernelLines) {
                        tail.removeFirst();
                    }
                }

                @Override
                public void diagnostic(Diagnostic d) {
                    unreadable[0]++;
                }
            });
            String why = KernelLogReader.unreadable(logs);
            if (why != null) {
                problems.add("the kernel log " + source.name() + ": " + why);
            }
        } catch (IOException e) {
            problems.add("the kernel log " + source.name() + " could not be read to its end: " + IoErrors.describe(e));
        }
        if (unreadable[0] > 0) {
            problems.add(unreadable[0] + " kernel-log lines of " + source.name() + " could not be read ('uvmctl dmesg' lists them)");
        }
        return List.copyOf(tail);
    }
}
