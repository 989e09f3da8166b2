package dev.uvmctl.event;

import dev.uvmctl.source.Diagnostic;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

/**
 * Collects diagnostics, keeping the first {@link #KEPT} and counting the rest, so that a broken
 * input of millions of lines cannot grow memory without bound.
 */
public final class DiagnosticLog implements Consumer<Diagnostic> {
    public static final int KEPT = 1000;

    private final List<Diagnostic> kept = new ArrayList<>();
    private long total;

    @Override
    public void accept(Diagnostic d) {
        total++;
        if (kept.size() < KEPT) {
            kept.add(d);
        }
    }

    /** The diagnostics kept, in the order they were found. */
    public List<Diagnostic> kept() {
        return Collections.unmodifiableList(kept);
    }

    public long total() {
        return total;
    }

    /** How many were counted but not kept. */
    public long omitted() {
        return total - kept.size();
    }
}
