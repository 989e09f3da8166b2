package dev.uvmctl.kernellog;

/**
 * What started a call trace (kernel/hung_task.c, kernel/watchdog.c, arch/x86/kernel/dumpstack.c,
 * kernel/panic.c, kernel/rcu/tree_stall.h), as its header line says; {@link #label} is how reports
 * spell it.
 */
public enum TraceKind {
    /** {@code INFO: task NAME:PID blocked for more than N seconds.} */
    HUNG_TASK("hung-task"),
    /** {@code BUG: soft lockup - CPU#N stuck for Ns! [NAME:PID]} */
    SOFT_LOCKUP("soft-lockup"),
    /** Any other {@code BUG:} */
    BUG("bug"),
    /** {@code general protection fault} */
    GPF("gpf"),
    /** {@code WARNING: CPU: N PID: P at ...} */
    WARNING("warning"),
    /** {@code Oops: ...} */
    OOPS("oops"),
    /** {@code rcu: INFO: rcu_... detected stall} */
    STALL("stall"),
    /** Frames whose header was not seen (cut off, or before the input began). */
    TRACE("trace");

    private final String label;

    TraceKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
