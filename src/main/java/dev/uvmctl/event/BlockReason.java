package dev.uvmctl.event;

/**
 * What showed a task blocked: the kernel's hung-task warning, a call trace, a soft lockup, or a
 * snapshot that saw it in uninterruptible sleep (state D) with its kernel stack or wait channel.
 */
public enum BlockReason {
    hung_task, call_trace, soft_lockup, uninterruptible
}
