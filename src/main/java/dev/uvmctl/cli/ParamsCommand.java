package dev.uvmctl.cli;

import dev.uvmctl.params.ParamCatalog;
import dev.uvmctl.params.ParamRow;
import dev.uvmctl.params.ParamsAnalyzer;
import dev.uvmctl.params.ParamsObservation;
import dev.uvmctl.params.ParamsReport;
import dev.uvmctl.params.ParamsSources;
import dev.uvmctl.procfs.CaptureRun;
import dev.uvmctl.render.DiagnosticSummary;
import dev.uvmctl.render.ParamsJson;
import dev.uvmctl.render.ParamsTable;
import dev.uvmctl.render.TerminalText;
import dev.uvmctl.source.SysRoot;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code uvmctl params}: what nvidia-uvm runs with, its defaults, its configuration, and checks. */
@Command(name = "params",
    mixinStandardHelpOptions = true,
    header = "What nvidia-uvm runs with: effective, default and configured parameter values, and checks.",
    description = {
        "Show every nvidia-uvm module parameter with its effective value, the default for this driver release and "
            + "architecture, whether it was changed, whether it is writable at runtime, where it was configured "
            + "(modprobe.d, kernel command line) and what it means; then checks of what is wrong.",
        "",
        "With no INPUT, reads the system through --root. An INPUT is a file (modinfo nvidia-uvm output, "
            + "'grep . /sys/module/nvidia_uvm/parameters/*' output, /proc/driver/nvidia/params, a modprobe.d file, "
            + "nvidia-bug-report.log[.gz]), a directory (a system root or capture bundle), or - for standard input.",
    },
    subcommands = ParamsExplainCommand.class,
    footerHeading = "%nExamples:%n",
    footer = {
        "  uvmctl params                         the running system",
        "  uvmctl params --changed               only what differs from the release's defaults",
        "  uvmctl params --check -q              exit 1 when a warning applies (for CI and node checks)",
        "  modinfo nvidia-uvm | uvmctl params -  the parameters a module file has",
        "  uvmctl params explain uvm_disable_hmm",
    })
public final class ParamsCommand implements Callable<Integer> {
    @ParentCommand
    UvmctlCommand top;

    @Parameters(paramLabel = "INPUT", arity = "0..*", description = "Files, directories (system roots) or - (standard input).")
    List<String> inputs = new ArrayList<>();

    @Mixin
    OutputOption output;

    @Option(names = "--changed", description = "Only the parameters whose value differs from the default.")
    boolean changedOnly;

    @Option(names = "--wide", description = "Never wrap or drop the MEANING column to fit the terminal.")
    boolean wide;

    @Option(names = "--check", description = "Exit 1 when a check gives a warning (info notes never fail).")
    boolean check;

    CliContext context() {
        return top.context();
    }

    /** The report of the inputs, or of the system root when there are none; null when nvidia_uvm is not loaded there. */
    static ParamsReport report(CliContext c, List<String> inputs) {
        ParamsObservation o;
        if (inputs.isEmpty()) {
            SysRoot root = CaptureRun.driverFiles(c.sysRoot());
            o = ParamsSources.fromRoot(root);
            if (o == null) {
                return null;
            }
        } else {
            o = ParamsSources.fromInputs(inputs.stream().map(c::input).toList(), p -> CaptureRun.driverFiles(c.rootAt(p)), c.cache());
        }
        return new ParamsAnalyzer(ParamCatalog.load()).analyze(o);
    }

    @Override
    public Integer call() {
        CliContext c = context();
        ParamsReport report = report(c, inputs);
        if (report == null) {
            throw UvmctlException.incomplete(ParamsSources.notLoadedMessage(CaptureRun.driverFiles(c.sysRoot())));
        }
        List<ParamRow> rows = changedOnly
            ? report.rows().stream().filter(r -> Boolean.TRUE.equals(r.changed())).toList()
            : report.rows();
        output.print(() -> {
                new ParamsTable(c.out(), c.outStyle(), wide ? 0 : c.terminal().columns()).render(report, rows,
                    changedOnly ? "No parameter differs from its default." : "No nvidia-uvm parameter in the inputs.");
                DiagnosticSummary.print(c.notices(), report.diagnostics(), c.errStyle());
            }, () -> ParamsJson.document(c.out(), report, rows), () -> ParamsJson.records(c.out(), report, rows));
        if (!report.complete()) {
            c.err().println("uvmctl: the answer is incomplete: " + TerminalText.escape(String.join("; ", report.missing())));
            c.err().flush();
            return ExitCode.INCOMPLETE;
        }
        return check && report.hasWarnings() ? ExitCode.FOUND : ExitCode.OK;
    }
}
