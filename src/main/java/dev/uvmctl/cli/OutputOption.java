package dev.uvmctl.cli;

import dev.uvmctl.render.OutputFormat;
import java.util.Arrays;
import java.util.Iterator;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code -o table|json|ndjson}, the same on every command that prints a report. The metrics
 * formats are refused here: only {@code leaks} ({@link MetricsOutputOption}) and {@code dmesg} write them.
 */
public final class OutputOption {
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    private OutputFormat format = OutputFormat.table;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table", completionCandidates = Reports.class,
        description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    void format(OutputFormat value) {
        if (value.metrics()) {
            throw new ParameterException(mixee.commandLine(), "Invalid value for option '--output': '" + value
                + "': only 'uvmctl leaks' and 'uvmctl dmesg' write metrics; expected one of [table, json, ndjson]");
        }
        this.format = value;
    }

    public OutputFormat format() {
        return format;
    }

    /**
     * Runs the renderer of the chosen format: the one choice among a report's formats for every
     * command that takes this option.
     */
    public void print(Runnable table, Runnable json, Runnable ndjson) {
        Runnable chosen = switch (format) {
            case table -> table;
            case json -> json;
            case ndjson -> ndjson;
            case prometheus, openmetrics -> throw new IllegalStateException("-o " + format + " is refused when it is parsed");
        };
        chosen.run();
    }

    /** The formats of a report: every one but the metrics formats. */
    static final class Reports implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(OutputFormat.values()).filter(f -> !f.metrics()).map(Enum::name).iterator();
        }
    }
}
