package dev.uvmctl.cli;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.jline.terminal.Terminal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code uvmctl watch}: a live full-screen view of the GPUs, their holders and what is not released. */
@Command(name = "watch",
    mixinStandardHelpOptions = true,
    header = "A live full-screen view: GPU memory, holders, what is not released, the last kernel-log lines.",
    description = {
        "Re-reads the system through --root every interval and shows GPU memory per GPU (nvidia-smi), the processes "
            + "holding GPU devices and their class, the findings 'uvmctl leaks' would report now (marked 'new' when they "
            + "appear and 'gone' when they disappear), and the last GPU-related kernel-log lines.",
        "",
        "Keys: q or Ctrl-C quits, r refreshes now. Needs a terminal; for scripts, run "
            + "'while sleep 5; do uvmctl leaks -o ndjson; done' instead.",
    },
    footerHeading = "%nExamples:%n",
    footer = {
        "  sudo uvmctl watch                     while reproducing a leak",
        "  uvmctl watch --interval 0.5 --root node7.tar.gz",
    })
public final class WatchCommand implements Callable<Integer> {
    static final Duration MIN_INTERVAL = Duration.ofMillis(500);

    @ParentCommand
    UvmctlCommand top;

    @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "2s", converter = DurationConverter.class,
        description = "Time between refreshes: 0.5s, 2s, 1m (default: ${DEFAULT-VALUE}; at least 0.5s).")
    Duration interval;

    @Option(names = "--log-lines", paramLabel = "N", defaultValue = "8",
        description = "Kernel-log lines to keep on screen (default: ${DEFAULT-VALUE}).")
    int logLines;

    @Mixin
    ToleranceOption tolerance;

    @Option(names = "--trace",
        description = "Also set the UVM driver's probes up (as 'uvmctl trace record' does) and show the findings of what they "
            + "report as it happens, with real bytes per GPU; the probes are removed when watch ends. Needs root.")
    boolean trace;

    @Override
    public Integer call() {
        CliContext c = top.context();
        if (interval.compareTo(MIN_INTERVAL) < 0) {
            throw UvmctlException.usage("--interval " + interval.toMillis() + "ms: at least 0.5s (a refresh reads every "
                + "process and runs nvidia-smi)");
        }
        if (!c.terminal().stdoutTerminal()) {
            throw UvmctlException.usage("watch needs a terminal; in a script or a pipe, use "
                + "'while sleep 5; do uvmctl leaks -o ndjson; done'");
        }
        WatchSampler sampler = new WatchSampler(c.sysRoot(), c.live(), c.commandRunner(), c.kernelLogCommands(),
            c.clock(), logLines, tolerance.bytes());
        TraceModel traced = trace ? new TraceModel(LiveTrace.open(c, "watch --trace", dev.uvmctl.tracefs.Tracefs.DEFAULT_BUFFER_KB, null),
            tolerance.bytes()) : null;
        try (Terminal terminal = c.terminalOpener().open()) {
            new WatchLoop(terminal, traced == null ? sampler : sampler.withTrace(traced), interval, c.outStyle()).run();
        } catch (IOException e) {
            throw UvmctlException.incomplete("cannot drive the terminal: " + dev.uvmctl.source.IoErrors.describe(e), e);
        } finally {
            if (traced != null) {
                traced.close();
            }
        }
        return ExitCode.OK;
    }
}
