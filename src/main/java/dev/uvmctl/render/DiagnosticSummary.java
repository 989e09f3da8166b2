package dev.uvmctl.render;

import dev.uvmctl.shared.Diagnostic;
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
    public static void print(PrintWriter err, List<Diagnostic> kept, long total, Style style) {
        if (!kept.isEmpty()) {
            print(err, kept.get(0), total, kept.size(), style);
        }
    }

    /** The same line for a run that kept only the first diagnostic and a count. */
    public static void print(PrintWriter err, Diagnostic first, long count, Style style) {
        print(err, first, count, count, style);
    }

    private static void print(PrintWriter err, Diagnostic first, long total, long kept, Style style) {
        if (first == null || total == 0) {
            return;
        }
        String more = total > 1
            ? " (and " + (total - 1) + " more; -o json lists " + (total > kept ? "the first " + kept : "them all") + ")"
            : "";
        err.println(style.yellow("uvmctl: " + TerminalText.escape(first.toString())) + more);
        err.flush();
    }
}
