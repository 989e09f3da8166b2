package dev.uvmctl.cli;

import dev.uvmctl.render.OutputFormat;
import picocli.CommandLine.Option;

/** {@code -o table|json|ndjson}, the same on every command that prints a report. */
public final class OutputOption {
    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
        description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    public OutputFormat format() {
        return format;
    }
}
