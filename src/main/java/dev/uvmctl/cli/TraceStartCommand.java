package dev.uvmctl.cli;

import dev.uvmctl.render.TraceText;
import dev.uvmctl.tracefs.ProbeTable;
import dev.uvmctl.tracefs.Tracefs;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code uvmctl trace start}: installs the probes and leaves them until {@code trace stop}. */
@Command(name = "start",
    mixinStandardHelpOptions = true,
    header = "Install the probes for the loaded driver in uvmctl's own trace instance, until 'trace stop'.",
    description = "Check each probe's function in the kernel's symbols, append the definitions that exist to kprobe_events (one per "
        + "write, never truncating it), create the instance instances/uvmctl and enable them there with their filters, the "
        + "process tracepoints and record-tgid. Say which probes could not be set and which event kinds the model will miss. "
        + "'uvmctl trace record' then reads them, and the instance's trace_pipe can be saved by hand. Needs root.",
    footerHeading = "%nExamples:%n",
    footer = {
        "  sudo uvmctl trace start && sudo cat /sys/kernel/tracing/instances/uvmctl/trace_pipe > uvm.trace",
    })
public final class TraceStartCommand implements Callable<Integer> {
    @ParentCommand
    TraceCommand trace;

    @Option(names = "--buffer-kb", paramLabel = "KB", defaultValue = "" + Tracefs.DEFAULT_BUFFER_KB,
        description = "The instance's ring buffer per CPU, in KiB (default: ${DEFAULT-VALUE}); raise it when events are lost.")
    int bufferKb;

    @Override
    public Integer call() {
        CliContext c = trace.context();
        Tracefs t = LiveTrace.tracefs(c);
        ProbeTable.Selection s = LiveTrace.selection(c, ProbeTable.load());
        try {
            TraceText.setup(c.out(), t.start(s, null, c.clock().instant(), bufferKb));
        } catch (Tracefs.Unavailable | Tracefs.Busy e) {
            throw UvmctlException.incomplete(e.getMessage());
        }
        return ExitCode.OK;
    }
}
