package dev.uvmctl.event;

/** The kernel report that showed a task blocked: hung-task warning, a call trace, a soft lockup. */
public enum BlockReason {
    hung_task, call_trace, soft_lockup
}
