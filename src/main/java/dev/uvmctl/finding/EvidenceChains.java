package dev.uvmctl.finding;

import dev.uvmctl.event.Event;
import dev.uvmctl.event.EventKind;
import dev.uvmctl.event.EventsLost;
import dev.uvmctl.model.ReclaimModel;
import dev.uvmctl.model.Evidence;
import dev.uvmctl.model.EvidenceLog;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Gathers the evidence of a finding from the logs of everything it involves, in replay order
 * and without duplicates, and caps it to the first and last {@link #KEPT_EACH_END} events, and
 * the places where the inputs lost events to as many.
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

    /**
     * The chain; {@code losses} are where the inputs lost events in this boot ({@link
     * ReclaimModel#losses}), and those the finding's history may lack are its gaps: every one after
     * its first event, and every one before too unless that first event is the creation of what it
     * is about (a va_space or range created after a loss cannot have lost events to it; one whose
     * creation was not seen may have).
     */
    EvidenceChain chain(List<Evidence> losses) {
        kept.sort((a, b) -> Long.compare(a.sequence(), b.sequence()));
        long first = Long.MIN_VALUE;
        if (!kept.isEmpty()) {
            Event e = kept.get(0).event();
            boolean created = e.kind() == EventKind.va_space_created || e.kind() == EventKind.range_created;
            first = created ? kept.get(0).sequence() : Long.MIN_VALUE;
        }
        // A kmsg copy filtered with grep loses records before every line, and every finding would
        // copy them all: each keeps the first and last few, and counts the rest.
        List<EventsLost> gaps = new ArrayList<>();
        ArrayDeque<EventsLost> lastGaps = new ArrayDeque<>();
        long gapsTotal = 0;
        for (Evidence l : losses) {
            if (l.sequence() > first) {
                gapsTotal++;
                if (gaps.size() < KEPT_EACH_END) {
                    gaps.add((EventsLost) l.event());
                } else {
                    lastGaps.addLast((EventsLost) l.event());
                    if (lastGaps.size() > KEPT_EACH_END) {
                        lastGaps.removeFirst();
                    }
                }
            }
        }
        gaps.addAll(lastGaps);
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
            return new EvidenceChain(List.copyOf(unique), count, List.copyOf(gaps), gapsTotal);
        }
        List<Event> capped = new ArrayList<>(unique.subList(0, KEPT_EACH_END));
        capped.addAll(unique.subList(unique.size() - KEPT_EACH_END, unique.size()));
        return new EvidenceChain(List.copyOf(capped), count, List.copyOf(gaps), gapsTotal);
    }
}
