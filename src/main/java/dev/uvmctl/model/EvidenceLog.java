package dev.uvmctl.model;

import dev.uvmctl.event.Event;
import java.util.List;

/**
 * The events that concern one thing (a range, a va_space, a process), bounded: the first few
 * and the last few are kept, the rest only counted, so that memory follows what is live and
 * not how long its history is.
 */
public final class EvidenceLog {
    private final int first;
    private final Event[] events;
    private final long[] sequences;
    private long total;

    EvidenceLog(int first, int last) {
        this.first = first;
        this.events = new Event[first + last];
        this.sequences = new long[first + last];
    }

    void add(long sequence, Event e) {
        int slot;
        if (total < first) {
            slot = (int) total;
        } else {
            int last = events.length - first;
            slot = first + (int) ((total - first) % last);
        }
        events[slot] = e;
        sequences[slot] = sequence;
        total++;
    }

    /** How many events were added, kept or not. */
    public long total() {
        return total;
    }

    /** Adds the kept events to {@code out}, in no particular order. */
    public void addTo(List<Evidence> out) {
        int kept = (int) Math.min(total, events.length);
        for (int i = 0; i < kept; i++) {
            out.add(new Evidence(sequences[i], events[i]));
        }
    }
}
