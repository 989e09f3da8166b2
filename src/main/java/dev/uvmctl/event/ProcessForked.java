package dev.uvmctl.event;

import dev.uvmctl.shared.Provenance;

/**
 * Process {@code pid} was made by a fork of process {@code ppid} (a new process, not a thread:
 * kernel/fork.c, copy_process without {@code CLONE_THREAD}): it holds a copy of every file
 * descriptor its parent held then ({@code dup_fd}), the va_space fds and mm fds on
 * {@code /dev/nvidia-uvm} among them, until it closes them or ends. The model gives the child
 * what it knows the parent held, from whichever input told it (a trace's creation, a snapshot's
 * fds), so a trace's fork of a process a snapshot saw is an inheritance too.
 */
public record ProcessForked(EventTime time, Provenance source, int pid, int ppid, String comm) implements Event {
    @Override
    public EventKind kind() {
        return EventKind.process_forked;
    }
}
