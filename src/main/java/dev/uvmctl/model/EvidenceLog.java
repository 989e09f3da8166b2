package dev.uvmctl.model;

import dev.uvmctl.event.Event;
import java.util.List;

/**
 * The events that concern one thing (a range, a va_space, a process), bounded: the first few
 * and the last few are kept, the rest only counted, so that memory follows what is live and
 * not how long its history is. {@link VaRange} extends it rather than holding one: nearly every
 * event adds to a range's log, and one object fewer to reach is one cache miss fewer.
 */
public class EvidenceLog {
    private final int first;
    private final Evidence[] kept;
    private long total;
    /** The slot the next event goes to once the first ones are kept: a ring over the rest. */
    private int next;

    EvidenceLog(int first, int last) {
        this.first = first;
        this.kept = new Evidence[first + last];
    }

    final void add(long sequence, Event e) {
        kept[next] = new Evidence(sequence, e);
        next = next + 1 < kept.length ? next + 1 : first;
        total++;
    }

    /** How many events were added, kept or not. */
    public long total() {
        return total;
    }

    /** Adds the kept events to {@code out}, in no particular order. */
    public void addTo(List<Evidence> out) {
        for (Evidence e : kept) {
            if (e != null) {
                out.add(e);
            }
        }
    }
}
