package dev.uvmctl.event;

import dev.uvmctl.shared.Provenance;
import java.util.List;
import java.util.Objects;

/**
 * The kernel reported task {@code pid} blocked (hung task, call trace, soft lockup), with the
 * call-trace frames it printed, innermost first; {@code pid} is null when the report names no task
 * (a trace whose header was cut off, an RCU stall).
 */
public record TaskBlocked(EventTime time, Provenance source, Integer pid, String comm, BlockReason reason, List<String> frames) implements Event {
    public TaskBlocked {
        Objects.requireNonNull(reason, "reason");
        frames = List.copyOf(frames);
    }

    @Override
    public EventKind kind() {
        return EventKind.task_blocked;
    }
}
