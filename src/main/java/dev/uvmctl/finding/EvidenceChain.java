package dev.uvmctl.finding;

import dev.uvmctl.event.Event;
import java.util.List;

/**
 * The events that led to a finding, in replay order: the first and last few of them, with how
 * many more there were ({@code total} counts every event of the finding's history, kept or not).
 */
public record EvidenceChain(List<Event> events, long total) {

    public long omitted() {
        return total - events.size();
    }
}
