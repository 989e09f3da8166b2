package dev.uvmctl.finding;

import dev.uvmctl.event.Event;
import dev.uvmctl.model.Evidence;
import dev.uvmctl.model.EvidenceLog;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Gathers the evidence of a finding from the logs of everything it involves, in replay order
 * and without duplicates, and caps it to the first and last {@link #KEPT_EACH_END} events.
 */
final class EvidenceChains {
    static final int KEPT_EACH_END = 4;

    private final List<Evidence> kept = new ArrayList<>();
    private final Set<Long> extra = new HashSet<>();
    private long total;

    EvidenceChains add(EvidenceLog log) {
        if (log != null) {
            log.addTo(kept);
            total += log.total();
        }
        return this;
    }

    EvidenceChains add(Evidence e) {
        if (e != null) {
            kept.add(e);
            total++;
        }
        return this;
    }

    /** Adds an event that a log may already count: it is shown, but not counted twice. */
    EvidenceChains addKept(Evidence e) {
        if (e != null) {
            kept.add(e);
            extra.add(e.sequence());
        }
        return this;
    }

    EvidenceChain chain() {
        kept.sort((a, b) -> Long.compare(a.sequence(), b.sequence()));
        List<Event> unique = new ArrayList<>(kept.size());
        long previous = Long.MIN_VALUE;
        long duplicates = 0;
        for (Evidence e : kept) {
            if (e.sequence() == previous) {
                duplicates += extra.contains(e.sequence()) ? 0 : 1;
                continue;
            }
            previous = e.sequence();
            unique.add(e.event());
        }
        long count = total - duplicates;
        if (unique.size() <= 2 * KEPT_EACH_END) {
            return new EvidenceChain(List.copyOf(unique), count);
        }
        List<Event> capped = new ArrayList<>(unique.subList(0, KEPT_EACH_END));
        capped.addAll(unique.subList(unique.size() - KEPT_EACH_END, unique.size()));
        return new EvidenceChain(List.copyOf(capped), count);
    }
}
