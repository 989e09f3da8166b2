package dev.uvmctl.event;

import dev.uvmctl.shared.Provenance;

/**
 * The input lost events at this point of its history: a trace whose ring buffer filled
 * ({@code CPU:N [LOST M EVENTS]}, kernel/trace/trace.c: print_trace_line) or overwrote its oldest
 * events before it was read, or a kernel log that says it lost messages (a jump in /dev/kmsg's
 * record numbers, journald's "Missed N kernel messages", a console's drop, a driver function's
 * rate limit). Whatever the lost events would have created, moved or destroyed is
 * missing from what follows, so a finding about something that existed at this point is inferred
 * from an incomplete history.
 *
 * @param cpu   the CPU whose buffer lost them, or null when the input did not say
 * @param count how many, or null when the kernel could not count them
 */
public record EventsLost(EventTime time, Provenance source, Integer cpu, Long count) implements Event {
    @Override
    public EventKind kind() {
        return EventKind.events_lost;
    }
}
