package dev.uvmctl.event;

/**
 * What showed a task blocked: the kernel's hung-task warning, a call trace, a soft lockup, a
 * snapshot that saw it in uninterruptible sleep (state D) with its kernel stack or wait channel, or
 * a trace of the driver in which it entered a teardown function and did not return for 120 s or more.
 */
public enum BlockReason {
    hung_task, call_trace, soft_lockup, uninterruptible, traced
}
