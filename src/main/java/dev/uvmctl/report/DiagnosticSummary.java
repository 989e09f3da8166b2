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
        if (!diagnostics.isEmpty()) {
            print(err, diagnostics.get(0), diagnostics.size(), style);
        }
    }

    /** The same line for a run that kept only the first diagnostic and a count. */
    public static void print(PrintWriter err, Diagnostic first, long count, Style style) {
        if (first == null || count == 0) {
            return;
        }
        String more = count > 1
            ? " (and " + (count - 1) + " more; -o json lists them all)"
            : "";
        err.println(style.yellow("uvmctl: " + TerminalText.escape(first.toString())) + more);
        err.flush();
    }
}
