package dev.uvmctl.ingest;

import dev.uvmctl.event.EventReader;
import dev.uvmctl.procfs.SnapshotTextParser;
import dev.uvmctl.procfs.SnapshotTextWriter;
import dev.uvmctl.shared.Diagnostic;
import java.io.InputStream;
import java.util.function.Consumer;

/**
 * A va-spaces text snapshot (what {@code uvmctl capture} writes at {@code uvmctl/va-spaces.txt},
 * docs/va-spaces.md), read as the root it was taken from reads: its events at the capture time.
 */
public final class SnapshotTextEventSource implements EventSource {
    private final long tolerance;

    /** {@code tolerance}: GPU memory in use that may go unaccounted for (see {@link SnapshotGaps}). */
    public SnapshotTextEventSource(long tolerance) {
        this.tolerance = tolerance;
    }

    @Override
    public String format() {
        return "snapshot";
    }

    @Override
    public boolean recognizes(String head) {
        String first = head.strip();
        return first.startsWith("# uvmctl va-spaces snapshot") || first.startsWith(SnapshotTextWriter.MAGIC + "\t");
    }

    @Override
    public EventReader open(InputStream in, String input, Consumer<Diagnostic> diagnostics) {
        return new SnapshotEventReader(SnapshotEventReader.building(() -> {
            try (in) {
                return SnapshotTextParser.parse(in, input);
            }
        }), tolerance, diagnostics);
    }
}
