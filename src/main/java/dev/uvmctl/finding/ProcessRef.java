package dev.uvmctl.finding;

import dev.uvmctl.event.BlockReason;
import dev.uvmctl.event.ExitReason;
import dev.uvmctl.event.FdKind;
import dev.uvmctl.event.ProcState;
import dev.uvmctl.event.ProcessIdentity;

/**
 * A process as a finding shows it: pid, command and parent (a holder reparented to 1 or a
 * subreaper lost its parent); state (null: no input told, taken to be alive); how and when it ended; as a holder, its kind of fd and the pid it inherited it from;
 * and where it is blocked when the kernel reported it blocked in the driver's teardown, with the
 * thread the kernel named when that is not the process's pid; and whose it was (uid and cgroup)
 * when an input told: its end (an OOM kill's lines), else a snapshot that read it alive
 * ({@link ProcessIdentity#UNKNOWN} otherwise).
 */
public record ProcessRef(int pid, String comm, Integer ppid, ProcState state, ExitReason exitReason, Integer exitSignal, Integer exitCode,
                         long exitTime, FdKind fd, Integer inheritedFrom, BlockReason blockedReason, String blockedIn,
                         long blockedSince, BlockedThread blockedThread, ProcessIdentity identity) {
    public ProcessRef {
        identity = identity == null ? ProcessIdentity.UNKNOWN : identity;
    }

    /**
     * The thread of the process the kernel reported blocked: {@code inferred} when it was tied to
     * the process from the kernel log alone (its name, and a thread id above the killed pid).
     */
    public record BlockedThread(int tid, boolean inferred) {
    }
}
