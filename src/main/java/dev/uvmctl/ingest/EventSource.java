package dev.uvmctl.ingest;

import dev.uvmctl.event.EventReader;
import dev.uvmctl.shared.Diagnostic;
import dev.uvmctl.shared.Provenance;
import java.io.InputStream;
import java.util.function.Consumer;

/**
 * One input format that yields events: the event NDJSON today; kernel logs, {@code /proc}
 * snapshots and nvidia-smi output plug in the same way. A file input is given to the first
 * source, in the order the command lists them, that recognizes its first bytes.
 */
public interface EventSource {

    /** The format's short name, as reports and messages show it ({@code ndjson}). */
    String format();

    /** True when a file that starts with {@code head} (its first few KiB, decoded leniently) is in this format. */
    boolean recognizes(String head);

    /** Reads {@code in}, named {@code input} in provenance and diagnostics. */
    EventReader open(InputStream in, String input, Consumer<Diagnostic> diagnostics);

    /**
     * {@link #open(InputStream, String, Consumer)} of an input whose lines {@code again} reads
     * again by offset ({@code source.FileLines}), so that events need not keep their line's text;
     * a format that does not use it reads as without.
     */
    default EventReader open(InputStream in, String input, Consumer<Diagnostic> diagnostics, Provenance.Lines again) {
        return open(in, input, diagnostics);
    }
}
