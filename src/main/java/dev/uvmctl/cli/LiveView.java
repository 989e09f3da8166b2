package dev.uvmctl.cli;

import dev.uvmctl.finding.LeaksReport.Unreadable;
import dev.uvmctl.ingest.RootKernelLogEventSource;
import dev.uvmctl.procfs.VaSpaceView;
import dev.uvmctl.procfs.VaSpaceViewBuilder;
import dev.uvmctl.render.DiagnosticSummary;
import dev.uvmctl.render.LiveVerdict;
import dev.uvmctl.render.VaSpacesJson;
import dev.uvmctl.render.VaSpacesTable;
import dev.uvmctl.render.TerminalText;
import dev.uvmctl.shared.DiagnosticLog;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * What {@code va-spaces} and {@code holders} share: the view of one input, the verdict on it (the
 * findings {@code leaks} reports on the same input: its snapshot and, for a root, its kernel log),
 * rendered, and the exit status that verdict calls for.
 */
final class LiveView {
    private LiveView() {
    }

    /**
     * Builds the view of {@code input} (see {@link LiveInputs}), judges it, prints it as JSON under
     * {@code schema} or as the table {@code table} draws, and returns the exit status.
     */
    static int show(CliContext c, String input, long tolerance, OutputOption output, String schema,
                    BiConsumer<VaSpacesTable, LiveVerdict> table) {
        LiveInputs.Opened in = LiveInputs.open(c, input);
        VaSpaceView view = VaSpaceViewBuilder.build(in.snapshot());
        DiagnosticLog diagnostics = new DiagnosticLog();
        Verdict.Result verdict = Verdict.ofSnapshot(in.name(), view, in.root(), new RootKernelLogEventSource(in.live(),
            c.kernelLogCommands()), tolerance, diagnostics);
        String snapshot = Verdict.snapshotInput(in.name());
        List<String> missing = verdict.unreadable().stream()
            .map((Unreadable u) -> u.input().equals(snapshot) ? u.message() : u.input() + ": " + u.message()).toList();
        LiveVerdict shown = new LiveVerdict(view, verdict.conclusions().findings(), missing);
        output.print(() -> {
                table.accept(new VaSpacesTable(c.out(), c.outStyle(), c.terminal().columns()), shown);
                DiagnosticSummary.print(c.notices(), diagnostics.kept(), diagnostics.total(), c.errStyle());
            }, () -> VaSpacesJson.document(c.out(), shown, schema), () -> VaSpacesJson.records(c.out(), shown, schema));
        if (!missing.isEmpty()) {
            c.err().println("uvmctl: the answer is incomplete: " + TerminalText.escape(String.join("; ", missing)));
            c.err().flush();
        }
        return verdict.exitCode(shown.findings());
    }
}
