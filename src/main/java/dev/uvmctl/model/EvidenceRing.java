package dev.uvmctl.model;

import dev.uvmctl.event.Event;
import java.util.List;

/**
 * An {@link EvidenceLog} that keeps the first {@code first} events and a ring of the last
 * {@code last}. Sequences and events sit in two arrays, so that adding allocates nothing.
 */
final class EvidenceRing implements EvidenceLog {
    private final int first;
    private final long[] sequences;
    private final Event[] events;
    private long total;
    /** The slot the next event goes to once the first ones are kept: a ring over the rest. */
    private int next;

    EvidenceRing(int first, int last) {
        this.first = first;
        this.sequences = new long[first + last];
        this.events = new Event[first + last];
    }

    void add(long sequence, Event e) {
        sequences[next] = sequence;
        events[next] = e;
        next = next + 1 < events.length ? next + 1 : first;
        total++;
    }

    @Override
    public long total() {
        return total;
    }

    @Override
    public void addTo(List<Evidence> out) {
        for (int i = 0; i < events.length; i++) {
            if (events[i] != null) {
                out.add(new Evidence(sequences[i], events[i]));
            }
        }
    }
}
