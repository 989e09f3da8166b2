package dev.uvmctl.cli;

import dev.uvmctl.render.TraceText;
import dev.uvmctl.tracefs.Tracefs;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code uvmctl trace stop}: removes the probes, in the order the kernel requires. */
@Command(name = "stop",
    mixinStandardHelpOptions = true,
    header = "Remove uvmctl's probes and its trace instance.",
    description = "Disable the probes in the instance, remove each with -:uvmctl/NAME (the kernel refuses while one is enabled "
        + "anywhere), then remove the instance (refused while its trace_pipe is open). A set whose owner has ended is removed too; "
        + "one a running uvmctl holds is left to it. Needs root.",
    footerHeading = "%nExamples:%n",
    footer = {"  sudo uvmctl trace stop"})
public final class TraceStopCommand implements Callable<Integer> {
    @ParentCommand
    TraceCommand trace;

    @Override
    public Integer call() {
        CliContext c = trace.context();
        Tracefs.Teardown t;
        try {
            t = LiveTrace.tracefs(c).stop((int) c.pid());
        } catch (Tracefs.Unavailable | Tracefs.Busy e) {
            throw UvmctlException.incomplete(e.getMessage());
        }
        TraceText.teardown(c.out(), t);
        return t.problems().isEmpty() ? ExitCode.OK : ExitCode.INCOMPLETE;
    }
}
