package dev.uvmctl.cli;

import dev.uvmctl.render.TraceText;
import dev.uvmctl.tracefs.Tracefs;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code uvmctl trace status}: what is installed, by whom, since when. */
@Command(name = "status",
    mixinStandardHelpOptions = true,
    header = "What of uvmctl's probes is installed, by whom and since when.",
    description = "List uvmctl's probes in kprobe_events, its instance, and from its lock who installed them (a running record or "
        + "watch, or 'trace start') and since when: tracefs keeps no time.",
    footerHeading = "%nExamples:%n",
    footer = {"  uvmctl trace status -o json"})
public final class TraceStatusCommand implements Callable<Integer> {
    @ParentCommand
    TraceCommand trace;

    @Mixin
    OutputOption output;

    @Override
    public Integer call() {
        CliContext c = trace.context();
        Tracefs.Status s;
        try {
            s = LiveTrace.tracefs(c).status();
        } catch (Tracefs.Unavailable e) {
            throw UvmctlException.incomplete(e.getMessage());
        }
        // -o ndjson gives the one JSON document, as json does: it is a single record.
        output.print(() -> TraceText.status(c.out(), s), () -> TraceText.statusJson(c.out(), s), () -> TraceText.statusJson(c.out(), s));
        return ExitCode.OK;
    }
}
