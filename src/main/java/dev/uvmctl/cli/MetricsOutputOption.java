package dev.uvmctl.cli;

import dev.uvmctl.render.OutputFormat;
import picocli.CommandLine.Option;

/** {@code -o} of a command that also writes metrics: a report's formats and {@code prometheus|openmetrics} (docs/metrics.md). */
public final class MetricsOutputOption {
    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
        description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}); prometheus and openmetrics are metrics (docs/metrics.md).")
    OutputFormat format;

    public OutputFormat format() {
        return format;
    }
}
