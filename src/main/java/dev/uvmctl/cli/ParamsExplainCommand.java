package dev.uvmctl.cli;

import dev.uvmctl.params.ParamCatalog;
import dev.uvmctl.params.ParamExplanation;
import dev.uvmctl.params.ParamsReport;
import dev.uvmctl.params.ParamsSources;
import dev.uvmctl.procfs.CaptureRun;
import dev.uvmctl.render.ParamExplainRenderer;
import dev.uvmctl.render.TerminalText;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code uvmctl params explain NAME}: everything known about one parameter. */
@Command(name = "explain",
    mixinStandardHelpOptions = true,
    header = "Everything known about one nvidia-uvm parameter.",
    description = "Explain one parameter: type, default per release and architecture, mode, the releases that have it, "
        + "what it does, and its effective and configured values on this system (or in the INPUTs).",
    footerHeading = "%nExamples:%n",
    footer = {
        "  uvmctl params explain uvm_disable_hmm                    catalog, this system's value, checks",
        "  uvmctl params explain uvm_disable_hmm -o json | jq .catalog.defaults_by_arch",
        "  uvmctl params explain uvm_ats_mode nvidia-bug-report.log.gz",
    })
public final class ParamsExplainCommand implements Callable<Integer> {
    @ParentCommand
    ParamsCommand params;

    @Parameters(index = "0", paramLabel = "NAME", description = "The parameter, e.g. uvm_disable_hmm.")
    String name;

    @Parameters(index = "1..*", paramLabel = "INPUT", description = "As for 'uvmctl params'.")
    List<String> inputs = new ArrayList<>();

    @Mixin
    OutputOption output;

    @Override
    public Integer call() {
        CliContext c = params.context();
        ParamCatalog catalog = ParamCatalog.load();
        ParamsReport report = ParamsCommand.report(c, inputs);
        String unavailable = report == null ? ParamsSources.notLoadedMessage(CaptureRun.driverFiles(c.sysRoot())) : null;
        ParamExplanation e = ParamExplanation.of(name, catalog, report, unavailable).orElseThrow(() ->
            UvmctlException.usage("no nvidia-uvm parameter is named '" + name + "'"
                + catalog.closest(name).map(n -> " (did you mean " + n + "?)").orElse("")
                + "; 'uvmctl params' lists them"));
        output.print(() -> ParamExplainRenderer.text(c.out(), c.outStyle(), e), () -> ParamExplainRenderer.json(c.out(), e, false),
            () -> ParamExplainRenderer.json(c.out(), e, true));
        if (report != null && !report.complete()) {
            c.err().println("uvmctl: the answer is incomplete: " + TerminalText.escape(String.join("; ", report.missing())));
            c.err().flush();
            return ExitCode.INCOMPLETE;
        }
        return ExitCode.OK;
    }
}
