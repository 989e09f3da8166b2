package dev.uvmctl.finding;

import dev.uvmctl.event.Event;
import dev.uvmctl.event.EventsLost;
import java.util.List;

/**
 * The events that led to a finding, in replay order: the first and last few of them, with how
 * many more there were ({@code total} counts every event of the finding's history, kept or not),
 * and where the inputs lost events after the first of them ({@code lost}: {@code events_lost}
 * events, the first and last few; {@code lostTotal} counts them all), which makes the finding
 * inferred from an incomplete history.
 */
public record EvidenceChain(List<Event> events, long total, List<EventsLost> lost, long lostTotal) {

    public EvidenceChain(List<Event> events, long total) {
        this(events, total, List.of(), 0);
    }

    /** True when events were lost while what the finding is about existed: it is inferred from an incomplete history. */
    public boolean inferred() {
        return lostTotal > 0;
    }

    public long omitted() {
        return total - events.size();
    }

    /** The places of loss counted in {@link #lostTotal} that {@link #lost} leaves out. */
    public long lostOmitted() {
        return lostTotal - lost.size();
    }
}
