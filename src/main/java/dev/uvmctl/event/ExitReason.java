package dev.uvmctl.event;

/** How a process ended. */
public enum ExitReason {
    exit, oom_kill, signal;

    /**
     * Whether a task of a process that ended so, reported blocked in the driver's teardown by
     * {@code shown}, is that end still running, not a later process under the pid: a kill always
     * (the threads die on their way out of the kernel, and the last one releases the files:
     * do_exit → exit_files → task_work_run → __fput → uvm_release → uvm_va_space_destroy; uvm.c,
     * 580.95.05), a plain exit only where a trace saw it (its {@code sched_process_exit} fires in
     * do_exit before exit_files, kernel/exit.c, and the same thread's teardown then did not
     * return). A plain exit in a kernel log or a snapshot is not tied so: the pid may be reused.
     * The model (who is blocked) and the findings (whose end is unfinished) both ask this.
     */
    public boolean stillTearingDown(BlockReason shown) {
        return switch (this) {
            case oom_kill, signal -> true;
            case exit -> shown == BlockReason.traced;
        };
    }
}
