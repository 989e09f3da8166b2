package dev.uvmctl.cli;

import dev.uvmctl.kernellog.BootSelection;
import dev.uvmctl.kernellog.BootWindow;
import dev.uvmctl.kernellog.DmesgSummary;
import dev.uvmctl.kernellog.InputResult;
import dev.uvmctl.kernellog.KernelLogReader;
import dev.uvmctl.kernellog.RecordFilter;
import dev.uvmctl.kernellog.RecordPipe;
import dev.uvmctl.kernellog.RecordSink;
import dev.uvmctl.kernellog.RepeatedXidRecords;
import dev.uvmctl.kernellog.TimeBound;
import dev.uvmctl.kernellog.XidCatalog;
import dev.uvmctl.render.DmesgRenderer;
import dev.uvmctl.render.OutputFormat;
import dev.uvmctl.render.TerminalText;
import dev.uvmctl.ingest.RootKernelLogEventSource;
import dev.uvmctl.source.InputFile;
import dev.uvmctl.source.IoErrors;
import dev.uvmctl.source.LiveKernelLog;
import dev.uvmctl.source.SystemRoots;
import dev.uvmctl.shared.PciAddress;
import dev.uvmctl.source.UntilInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code uvmctl dmesg [FILE|-]...}: the kernel log's GPU records, filtered and summarized. */
@Command(name = "dmesg",
    mixinStandardHelpOptions = true,
    header = "What the kernel log says about GPU memory: Xids, lost GPUs, UVM prints, traces, OOM kills.",
    description = {
        "Read the kernel log and list what concerns GPU memory: Xid errors, lost GPUs and init failures, "
            + "nvidia-uvm prints, load/unload banners and leak reports, call traces and hung tasks through "
            + "nvidia frames, OOM kills; then a summary per GPU.",
        "Reads dmesg (raw, -T, -r, -x, -e/-H, --json, coloured), /dev/kmsg records, journalctl -k (text, -o json, "
            + "json-pretty, json-seq), kern.log / messages, RFC 5424 syslog and nvidia-bug-report.log(.gz); the format "
            + "is found from the content (not journalctl -o export or -o verbose: exit 3 says what to run). Without FILE it reads the "
            + "kernel log of --root: the running kernel's (/dev/kmsg, else journalctl -k, else dmesg -r), or a root's "
            + "dev/kmsg, uvmctl/commands/dmesg.txt, dmesg.txt or journal-k.json, the first there.",
        "Exit 1 when something needs attention, 0 when the GPU lines are only routine, 3 when an input is empty or "
            + "nothing in it reads as a kernel log."},
    sortOptions = false,
    footerHeading = "%nExamples:%n",
    footer = {
        "  uvmctl dmesg                # the running kernel's log",
        "  uvmctl dmesg nvidia-bug-report.log.gz --xid 13,31,43-48",
        "  journalctl -k -o json | uvmctl dmesg - -o ndjson | jq 'select(.type == \"xid\")'",
        "  uvmctl dmesg -q /var/log/kern.log || echo 'look at the GPUs'",
    })
public final class DmesgCommand implements Callable<Integer> {
    @ParentCommand
    UvmctlCommand top;

    @Parameters(paramLabel = "FILE", arity = "0..*",
        description = "Kernel log files, '-' for standard input, or a system root (a directory or .tar.gz bundle: its kernel log, "
            + "found as every command finds it).")
    List<String> files = new ArrayList<>();

    @Option(names = "--xid", paramLabel = "CODES", split = ",",
        description = "Only Xid records with these codes (13,31,43-48).")
    List<String> xids = new ArrayList<>();

    @Option(names = "--gpu", paramLabel = "PCI", split = ",",
        description = "Only records of these GPUs (0000:3b:00.0, 3b:00.0, 00000000:3B:00.0).")
    List<String> gpus = new ArrayList<>();

    @Option(names = "--pid", paramLabel = "PID", split = ",", converter = PidConverter.AsLong.class, description = "Only records that name these processes.")
    List<Long> pids = new ArrayList<>();

    @Option(names = "--since", paramLabel = "TIME",
        description = "Only records at or after TIME: kernel seconds (1843.3) or wall time (2026-11-27T12:00, 11-27 12:00).")
    String since;

    @Option(names = "--until", paramLabel = "TIME", description = "Only records at or before TIME (same forms as --since).")
    String until;

    @Option(names = "--boot", paramLabel = "N|last|all",
        description = "Which boot of each log: its Nth, the last (default for files) or all (default for standard input).")
    String boot;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
        description = "Output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    OutputFormat output;

    @Override
    public Integer call() {
        CliContext ctx = top.context();
        RecordFilter filter = filter();
        BootSelection selection = boot == null ? null : BootSelection.parse(boot);
        if (boot != null && selection == null) {
            throw UvmctlException.usage("--boot " + boot + ": expected a boot number (1, 2, ...), 'last' or 'all'");
        }
        List<InputFile> inputs = new ArrayList<>();
        for (String f : files) {
            inputs.add(ctx.input(f));
        }
        // A pipe or standard input: records are printed as they come and all boots are kept.
        boolean streaming = inputs.stream().anyMatch(InputFile::isStream);
        boolean bootIndex = selection != null && selection.mode() == BootSelection.Mode.INDEX;
        if (!inputs.isEmpty() && !streaming && (!filter.gpus().isEmpty() || bootIndex)) {
            census(inputs, filter, selection);
        }
        DmesgSummary summary = new DmesgSummary();
        List<InputResult> results = new ArrayList<>();
        boolean incomplete = false;
        try (DmesgRenderer renderer = DmesgRenderer.of(output, ctx.out(), ctx.notices(), ctx.outStyle(), ctx.errStyle(),
            ctx.terminal().columns(), streaming)) {
            KernelLogReader reader = new KernelLogReader(XidCatalog.builtIn());
            LiveKernelLog.Source root = inputs.isEmpty() ? rootLog(ctx) : null;
            // Rendering runs on a second thread, overlapping the reading.
            // Once nobody reads the output (| head), records are no longer rendered; the summary
            // still sees them all, so the exit status is the one the whole input calls for.
            RecordSink rendered = RecordSink.until(ctx.out()::readerGone, renderer);
            RecordSink both = RecordSink.both(rendered, summary);
            // Only several logs can repeat each other's Xids; the rule remembers every Xid of the logs read before the last.
            RecordSink sink = inputs.size() > 1 ? new RepeatedXidRecords(both, renderer::diagnostic) : both;
            try (RecordPipe pipe = new RecordPipe(sink, renderer::diagnostic)) {
                if (root != null) {
                    results.add(read(reader, root.name(), root.in(), false, selection, filter, pipe));
                }
                for (InputFile f : inputs) {
                    results.add(SystemRoots.isRoot(f) ? readRoot(reader, f, selection, filter, pipe) : read(reader, f, selection, filter, pipe));
                }
            }
            for (InputResult r : results) {
                if (r.unreadable() != null) {
                    ctx.err().println("uvmctl: " + TerminalText.escape(r.name()) + ": " + TerminalText.escape(r.unreadable()));
                    incomplete = true;
                }
            }
            renderer.finish(summary.result(), results);
        }
        ctx.err().flush();
        if (incomplete) {
            return ExitCode.INCOMPLETE;
        }
        return summary.result().attention() > 0 ? ExitCode.FOUND : ExitCode.OK;
    }

    /** Reads the files once without selecting, to refuse a --gpu or --boot they do not have before any output (see KernelLogCensus). */
    private void census(List<InputFile> inputs, RecordFilter filter, BootSelection selection) {
        KernelLogReader reader = new KernelLogReader(XidCatalog.builtIn());
        KernelLogCensus census = new KernelLogCensus();
        List<InputResult> read = new ArrayList<>();
        try (RecordPipe pipe = new RecordPipe(census, d -> { })) {
            for (InputFile f : inputs) {
                read.add(f.isDirectory() ? readRoot(reader, f, BootSelection.ALL, RecordFilter.NONE, pipe)
                    : read(reader, f, BootSelection.ALL, RecordFilter.NONE, pipe));
            }
        }
        census.check(filter.gpus(), selection, read);
    }

    private RecordFilter filter() {
        Set<Integer> codes = RecordFilter.xidCodes(xids);
        if (codes == null) {
            throw UvmctlException.usage("--xid " + String.join(",", xids) + ": expected Xid codes and ranges such as 13,31,43-48");
        }
        Set<PciAddress> gpuKeys = new HashSet<>();
        for (String g : gpus) {
            PciAddress a = PciAddress.parse(g).orElse(null);
            if (a == null) {
                throw UvmctlException.usage("--gpu " + g + ": expected a PCI address such as 0000:3b:00.0");
            }
            gpuKeys.add(a);
        }
        return new RecordFilter(codes, gpuKeys, new HashSet<>(pids), bound("--since", since), bound("--until", until));
    }

    private static TimeBound bound(String option, String value) {
        if (value == null) {
            return null;
        }
        TimeBound b = TimeBound.parse(value);
        if (b == null) {
            throw UvmctlException.usage(option + " " + value
                + ": expected kernel seconds (1843.3) or a wall time (2026-11-27T12:00, 11-27 12:00)");
        }
        return b;
    }

    /** The kernel log of the system root ({@code --root}, the running kernel's by default). */
    private static LiveKernelLog.Source rootLog(CliContext ctx) {
        try {
            return RootKernelLogEventSource.openLog(ctx.sysRoot(), ctx.live(), LiveKernelLog.processes());
        } catch (LiveKernelLog.Unavailable e) {
            throw UvmctlException.incomplete(e.getMessage(), e);
        }
    }

    /** A system root given as an input: its kernel log, where every command finds it. */
    private InputResult readRoot(KernelLogReader reader, InputFile f, BootSelection selection, RecordFilter filter,
                                 RecordPipe pipe) {
        try {
            LiveKernelLog.Source s = RootKernelLogEventSource.openLog(top.context().rootAt(f.path()), false, LiveKernelLog.processes());
            return read(reader, s.name(), s.in(), false, selection, filter, pipe);
        } catch (LiveKernelLog.Unavailable | UvmctlException e) {
            return new InputResult(f.name(), e.getMessage(), List.of());
        }
    }

    private InputResult read(KernelLogReader reader, InputFile f, BootSelection selection, RecordFilter filter, RecordPipe pipe) {
        InputStream in;
        try {
            in = f.open();
        } catch (IOException e) {
            return new InputResult(f.name(), IoErrors.describe(e), List.of());
        }
        boolean stream = f.isStream();
        // A stream may never end (dmesg -w): stop reading it when nobody reads the output.
        return read(reader, f.name(), stream ? new UntilInputStream(in, top.context().out()::readerGone) : in, stream,
            selection, filter, pipe);
    }

    /** Reads one input; its records go through {@code pipe} to the renderer and the summary. */
    private InputResult read(KernelLogReader reader, String name, InputStream in, boolean stream, BootSelection selection,
                             RecordFilter filter, RecordPipe pipe) {
        List<KernelLogReader.StreamStats> logs = new ArrayList<>();
        BootSelection sel = selection != null ? selection : stream ? BootSelection.ALL : BootSelection.LAST;
        BootWindow window = new BootWindow(sel, filter, pipe, pipe::diagnostic, logs::add);
        try (in) {
            reader.read(name, in, stream, window);
            return new InputResult(name, null, logs);
        } catch (IOException e) {
            return new InputResult(name, "read failed: " + IoErrors.describe(e), logs);
        }
    }
}
