package dev.uvmctl.report;

import dev.uvmctl.source.Diagnostic;
import java.io.PrintWriter;
import java.util.List;

/**
 * How a table run mentions diagnostics: one line on standard error naming the first and how
 * many more, pointing at {@code -o json} for the full list.
 */
public final class DiagnosticSummary {
    private DiagnosticSummary() {
    }

    public static void print(PrintWriter err, List<Diagnostic> diagnostics, Style style) {
        if (diagnostics.isEmpty()) {
            return;
        }
        Diagnostic first = diagnostics.get(0);
        String more = diagnostics.size() > 1
            ? " (and " + (diagnostics.size() - 1) + " more; -o json lists them all)"
            : "";
        err.println(style.yellow("uvmctl: " + TerminalText.escape(first.toString())) + more);
        err.flush();
    }
}
