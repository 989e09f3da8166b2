package dev.uvmctl.render;

import dev.uvmctl.kernellog.DmesgSummary;
import dev.uvmctl.kernellog.InputResult;
import dev.uvmctl.kernellog.RecordSink;
import dev.uvmctl.shared.Diagnostic;
import java.io.PrintWriter;
import java.util.List;

/** Output of {@code uvmctl dmesg}: the selected records, the diagnostics, then the summary. */
public interface DmesgRenderer extends RecordSink, AutoCloseable {
    /** v2: the summary's {@code oomKills} is {@code oom_kills}, snake_case like every other key. */
    String SCHEMA = "uvmctl.dmesg/v2";

    void diagnostic(Diagnostic diagnostic);

    /** Ends the output with the summary (and, for tables, the diagnostics line on standard error). */
    void finish(DmesgSummary.Result summary, List<InputResult> inputs);

    @Override
    void close();

    /**
     * The renderer for {@code format}. {@code streaming} prints table rows as they come (a live
     * log) instead of aligning them at the end.
     */
    static DmesgRenderer of(OutputFormat format, PrintWriter out, PrintWriter notices, Style style, Style errStyle,
                            int width, boolean streaming) {
        return switch (format) {
            case json -> new DmesgJson(out);
            case ndjson -> new DmesgNdjson(out);
            case table -> new DmesgTable(out, notices, style, errStyle, width, streaming);
            case prometheus -> new DmesgMetrics(out, notices, errStyle, false);
            case openmetrics -> new DmesgMetrics(out, notices, errStyle, true);
        };
    }
}
