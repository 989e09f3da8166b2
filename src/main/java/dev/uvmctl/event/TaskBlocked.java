package dev.uvmctl.event;

import dev.uvmctl.shared.Provenance;
import java.util.List;
import java.util.Objects;

/**
 * The kernel reported task {@code pid} blocked (hung task, call trace, soft lockup), with the
 * call-trace frames it printed, innermost first; {@code pid} is null when the report names no task
 * (a trace whose header was cut off, an RCU stall). {@code tgid}: the thread group (process) the
 * task belongs to, when the report names it (the {@code task:} line's {@code tgid:} of newer
 * kernels); null otherwise. {@code vaSpace}: the va_space whose teardown the task is in, when the
 * input names it (a trace's {@code uvm_va_space_destroy} entry); null otherwise.
 */
public record TaskBlocked(EventTime time, Provenance source, Integer pid, String comm, BlockReason reason, List<String> frames,
                          Integer tgid, String vaSpace) implements Event {
    public TaskBlocked {
        Objects.requireNonNull(reason, "reason");
        frames = List.copyOf(frames);
    }

    /** A report that names no va_space: every report but a trace's ({@link BlockReason#traced}). */
    public TaskBlocked(EventTime time, Provenance source, Integer pid, String comm, BlockReason reason, List<String> frames, Integer tgid) {
        this(time, source, pid, comm, reason, frames, tgid, null);
    }

    /** A report that does not name the task's thread group (every kernel before {@code tgid:} in {@code sched_show_task}). */
    public TaskBlocked(EventTime time, Provenance source, Integer pid, String comm, BlockReason reason, List<String> frames) {
        this(time, source, pid, comm, reason, frames, null);
    }

    @Override
    public EventKind kind() {
        return EventKind.task_blocked;
    }
}
