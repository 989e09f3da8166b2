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
        print(err, diagnostics, diagnostics.size(), style);
    }

    /** As above, when only the first of {@code total} diagnostics were kept. */
    public static void print(PrintWriter err, List<Diagnostic> diagnostics, long total, Style style) {
        if (diagnostics.isEmpty()) {
            return;
        }
        Diagnostic first = diagnostics.get(0);
        String more = total > 1
            ? " (and " + (total - 1) + " more; -o json lists " + (total > diagnostics.size() ? "the first " + diagnostics.size() : "them all") + ")"
            : "";
        err.println(style.yellow("uvmctl: " + TerminalText.escape(first.toString())) + more);
        err.flush();
    }
}
