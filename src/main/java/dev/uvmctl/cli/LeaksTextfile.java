package dev.uvmctl.cli;

import dev.uvmctl.finding.LeaksReport;
import dev.uvmctl.render.Exposition;
import dev.uvmctl.render.LeaksMetrics;
import dev.uvmctl.render.Textfile;
import dev.uvmctl.render.XidCounter;
import dev.uvmctl.render.TerminalText;
import dev.uvmctl.shared.DiagnosticLog;
import dev.uvmctl.source.IoErrors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The metrics of {@code leaks}: on standard output ({@code -o prometheus|openmetrics}) or into a
 * directory of node_exporter's textfile collector ({@code --textfile DIR}, see {@link Textfile}).
 */
final class LeaksTextfile {
    private LeaksTextfile() {
    }

    static void print(CliContext context, LeaksMetrics metrics, boolean openMetrics) {
        Exposition.print(context.out(), metrics.snapshots(), openMetrics);
        folded(context, metrics);
        checksMissing(context, metrics);
    }

    /**
     * {@code leaks --textfile DIR}: exit 0 once written, whatever the findings (they are in the
     * metrics, and a timer must not fail at every run); 2 when DIR is not a directory, 3 when it
     * cannot be written.
     */
    static int write(LeaksCommand command, CliContext context, Path dir) {
        if (command.output.format() != dev.uvmctl.render.OutputFormat.table
            && command.output.format() != dev.uvmctl.render.OutputFormat.prometheus) {
            throw UvmctlException.usage("--textfile writes the Prometheus text format (node_exporter reads no other): leave out -o "
                + command.output.format());
        }
        if (!Files.isDirectory(dir)) {
            throw UvmctlException.usage("--textfile " + dir + ": not a directory (node_exporter's --collector.textfile.directory)");
        }
        Textfile textfile;
        try {
            textfile = Textfile.open(dir);
        } catch (IOException e) {
            throw UvmctlException.incomplete("--textfile " + dir + ": " + IoErrors.describe(e), e);
        }
        try {
            XidCounter xids;
            try {
                xids = textfile.state();
            } catch (XidCounter.BadStateException e) {
                context.err().println("uvmctl: " + TerminalText.escape(dir.resolve(Textfile.STATE).toString()) + ": " + TerminalText.escape(e.getMessage())
                    + "; counting Xids again from what the kernel log holds now (a counter reset)");
                xids = new XidCounter();
            }
            DiagnosticLog diagnostics = new DiagnosticLog();
            Inputs opened = command.in.open(context, command.tolerance.bytes(), diagnostics);
            MetricsInputs inputs = new MetricsInputs(xids);
            LeaksReport report = command.analyse(opened, diagnostics, inputs);
            LeaksMetrics metrics = inputs.metrics(report, opened.lastRoot(), command.maxSeries);
            textfile.write(Exposition.bytes(metrics.snapshots(), false), xids);
            folded(context, metrics);
            checksMissing(context, metrics);
            for (LeaksReport.Unreadable u : report.unreadable()) {
                context.notices().println("uvmctl: " + TerminalText.escape(u.input()) + ": " + TerminalText.escape(u.message())
                    + " (uvmctl_scrape_incomplete is 1)");
            }
            context.notices().flush();
            return ExitCode.OK;
        } catch (IOException e) {
            throw UvmctlException.incomplete("--textfile " + dir + ": " + IoErrors.describe(e), e);
        } finally {
            try {
                textfile.close();
            } catch (IOException e) {
                context.err().println("uvmctl: --textfile " + TerminalText.escape(dir.toString()) + ": " + IoErrors.describe(e));
            }
        }
    }

    /** The parameter checks that could not be run, said where the metrics leave them out. */
    private static void checksMissing(CliContext context, LeaksMetrics metrics) {
        for (String why : metrics.checksMissing()) {
            context.notices().println("uvmctl: the parameter checks are incomplete: " + TerminalText.escape(why)
                + " (uvmctl_scrape_incomplete is 1)");
        }
        context.notices().flush();
    }

    private static void folded(CliContext context, LeaksMetrics metrics) {
        if (metrics.folded() > 0) {
            context.notices().println("uvmctl: --max-series folded " + metrics.folded()
                + " series of uvmctl_unreleased_bytes into series=\"other\" (uvmctl_series_folded)");
            context.notices().flush();
        }
    }
}
