package dev.uvmctl.shared;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Collects diagnostics, keeping the first {@link #KEPT} and counting the rest, so that a broken
 * input of millions of lines cannot grow memory without bound. They are given back by input
 * (in the order inputs first had one) and line: a reader runs a line ahead of the replay, so
 * the order they are found in is not quite the order of the input.
 */
public final class DiagnosticLog implements Consumer<Diagnostic> {
    public static final int KEPT = 1000;

    private final List<Diagnostic> kept = new ArrayList<>();
    private final Map<String, Integer> inputs = new HashMap<>();
    private long total;

    @Override
    public void accept(Diagnostic d) {
        total++;
        if (kept.size() < KEPT) {
            kept.add(d);
            inputs.putIfAbsent(d.input(), inputs.size());
        }
    }

    /** The diagnostics kept, by input and line. */
    public List<Diagnostic> kept() {
        List<Diagnostic> sorted = new ArrayList<>(kept);
        sorted.sort(Comparator.comparing((Diagnostic d) -> inputs.get(d.input())).thenComparingLong(Diagnostic::line));
        return Collections.unmodifiableList(sorted);
    }

    public long total() {
        return total;
    }

    /** How many were counted but not kept. */
    public long omitted() {
        return total - kept.size();
    }
}
