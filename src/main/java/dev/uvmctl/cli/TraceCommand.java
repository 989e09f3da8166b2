package dev.uvmctl.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code uvmctl trace}: probes on the UVM driver through tracefs, and what they report. */
@Command(name = "trace",
    mixinStandardHelpOptions = true,
    header = "Probe the UVM driver through tracefs: va_space and range lifetimes, migrations, evictions.",
    description = {
        "Set kprobes on the nvidia-uvm driver's functions (and the kernel's process tracepoints) in a trace instance of uvmctl's "
            + "own, read what they report, and remove them again. Release drivers print none of this; the probes need no tool "
            + "beyond the kernel's tracefs, and root.",
        "A saved trace (uvmctl trace record --to FILE, or the instance's trace_pipe copied by hand) is an input of uvmctl leaks "
            + "and uvmctl events like any other."},
    subcommands = {TraceStartCommand.class, TraceStopCommand.class, TraceStatusCommand.class, TraceRecordCommand.class,
        TracePrintProbesCommand.class},
    footerHeading = "%nExamples:%n",
    footer = {
        "  uvmctl trace print-probes --release 580.95.05     # the definitions, to read or install by hand",
        "  sudo uvmctl trace record --duration 10m --to uvm.trace",
        "  uvmctl leaks uvm.trace",
        "  sudo uvmctl leaks --trace --duration 5m            # the live model, on the probes",
    })
public final class TraceCommand implements Callable<Integer> {
    @ParentCommand
    UvmctlCommand top;

    @Spec
    CommandSpec spec;

    CliContext context() {
        return top.context();
    }

    @Override
    public Integer call() {
        CliContext c = context();
        spec.commandLine().usage(c.err());
        c.err().println("uvmctl: trace needs a subcommand: start, stop, status, record or print-probes");
        c.err().flush();
        return ExitCode.USAGE;
    }
}
