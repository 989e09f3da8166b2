package dev.uvmctl.ingest;

import dev.uvmctl.event.EventReader;
import dev.uvmctl.shared.Diagnostic;
import dev.uvmctl.source.SysRoot;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * Events read from a system root (the live system, a capture bundle, a fixture tree): the
 * kernel log, {@code /proc} and nvidia-smi output found there. A directory input, or the live
 * root when no input is given, goes to every root source that {@linkplain #finds finds} its data.
 */
public interface RootEventSource {

    /** What it reads, for messages ({@code kernel log}). */
    String format();

    /** True when {@code root} has what this source reads. */
    boolean finds(SysRoot root);

    /**
     * True when this source is read from every root that another source finds data in, even where
     * it finds none of its own: what it cannot see there is then part of the answer, never taken
     * as nothing to see (a root's snapshot, whose process table shows who holds what).
     */
    default boolean readWheneverTheRootIs() {
        return false;
    }

    /** Reads the root, naming inputs with {@link SysRoot#display}. */
    EventReader open(SysRoot root, Consumer<Diagnostic> diagnostics) throws IOException;
}
