package dev.uvmctl.cli;

import dev.uvmctl.procfs.VaSpaceView;
import dev.uvmctl.procfs.VaSpaceViewBuilder;
import dev.uvmctl.render.DiagnosticSummary;
import dev.uvmctl.render.OutputFormat;
import dev.uvmctl.render.VaSpacesJson;
import dev.uvmctl.render.VaSpacesTable;
import java.util.List;
import java.util.function.BiConsumer;

/** What {@code va-spaces} and {@code holders} share: the view of one input, rendered, and the exit status it calls for. */
final class LiveView {
    private LiveView() {
    }

    /**
     * Builds the view of {@code input} (see {@link LiveInputs}), prints it as JSON under
     * {@code schema} or as the table {@code table} draws, and returns the exit status.
     */
    static int show(CliContext c, String input, OutputFormat format, String schema, BiConsumer<VaSpacesTable, VaSpaceView> table) {
        VaSpaceView view = VaSpaceViewBuilder.build(LiveInputs.snapshot(c, input));
        switch (format) {
            case json -> VaSpacesJson.document(c.out(), view, schema);
            case ndjson -> VaSpacesJson.records(c.out(), view, schema);
            default -> {
                table.accept(new VaSpacesTable(c.out(), c.outStyle(), c.terminal().columns()), view);
                DiagnosticSummary.print(c.notices(), view.snapshot().diagnostics(), c.errStyle());
            }
        }
        // Incomplete (3) before leak signals (1), as docs/architecture.md asks.
        List<String> missing = view.missing();
        if (!missing.isEmpty()) {
            c.err().println("uvmctl: the answer is incomplete: " + String.join("; ", missing));
            c.err().flush();
            return ExitCode.INCOMPLETE;
        }
        return view.hasLeakSignals() ? ExitCode.FOUND : ExitCode.OK;
    }
}
