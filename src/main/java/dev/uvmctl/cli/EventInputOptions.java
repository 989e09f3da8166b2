package dev.uvmctl.cli;

import dev.uvmctl.shared.Diagnostic;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The inputs of the commands that replay events: {@code leaks} and {@code events}. */
public final class EventInputOptions {
    @Parameters(paramLabel = "INPUT", arity = "0..*",
        description = "Kernel logs, va-spaces snapshots or event NDJSON (- for standard input; .gz is read as is); "
            + "system-root directories or .tar.gz bundles; what dev/capture-real.sh writes, read as its run.")
    List<String> inputs = new ArrayList<>();

    @Option(names = "--events", paramLabel = "FILE",
        description = "Read FILE (- for standard input) as event NDJSON, whatever its content looks like; repeatable.")
    List<String> events = new ArrayList<>();

    /**
     * Opens them, or the system root when there are none; {@code tolerance}: GPU memory in use a
     * snapshot may leave unaccounted for (as {@code --tolerance}) before it is incomplete.
     */
    Inputs open(CliContext context, long tolerance, Consumer<Diagnostic> diagnostics) {
        return Inputs.open(context, inputs, events, tolerance, diagnostics);
    }
}
