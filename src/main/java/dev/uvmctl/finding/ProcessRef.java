package dev.uvmctl.finding;

import dev.uvmctl.event.BlockReason;
import dev.uvmctl.event.EventTime;
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
 * ({@link ProcessIdentity#UNKNOWN} otherwise). Made through {@link Builder}.
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

    /** A ProcessRef to fill by name. */
    static Builder builder() {
        return new Builder();
    }

    /** Names each component at the call site, where 15 positional arguments could not be read. */
    static final class Builder {
        private int pid;
        private String comm;
        private Integer ppid;
        private ProcState state;
        private ExitReason exitReason;
        private Integer exitSignal;
        private Integer exitCode;
        private long exitTime = EventTime.UNKNOWN;
        private FdKind fd;
        private Integer inheritedFrom;
        private BlockReason blockedReason;
        private String blockedIn;
        private long blockedSince = EventTime.UNKNOWN;
        private BlockedThread blockedThread;
        private ProcessIdentity identity;

        private Builder() {
        }

        Builder pid(int v) {
            pid = v;
            return this;
        }

        Builder comm(String v) {
            comm = v;
            return this;
        }

        Builder ppid(Integer v) {
            ppid = v;
            return this;
        }

        Builder state(ProcState v) {
            state = v;
            return this;
        }

        Builder exitReason(ExitReason v) {
            exitReason = v;
            return this;
        }

        Builder exitSignal(Integer v) {
            exitSignal = v;
            return this;
        }

        Builder exitCode(Integer v) {
            exitCode = v;
            return this;
        }

        /** Kernel time (ns) the process ended; {@code EventTime.UNKNOWN} unless set. */
        Builder exitTime(long v) {
            exitTime = v;
            return this;
        }

        Builder fd(FdKind v) {
            fd = v;
            return this;
        }

        Builder inheritedFrom(Integer v) {
            inheritedFrom = v;
            return this;
        }

        Builder blockedReason(BlockReason v) {
            blockedReason = v;
            return this;
        }

        Builder blockedIn(String v) {
            blockedIn = v;
            return this;
        }

        /** Kernel time (ns) the kernel reported it blocked; {@code EventTime.UNKNOWN} unless set. */
        Builder blockedSince(long v) {
            blockedSince = v;
            return this;
        }

        Builder blockedThread(BlockedThread v) {
            blockedThread = v;
            return this;
        }

        /** Whose it was; {@link ProcessIdentity#UNKNOWN} unless set. */
        Builder identity(ProcessIdentity v) {
            identity = v;
            return this;
        }

        ProcessRef build() {
            return new ProcessRef(pid, comm, ppid, state, exitReason, exitSignal, exitCode, exitTime, fd,
                inheritedFrom, blockedReason, blockedIn, blockedSince, blockedThread, identity);
        }
    }
}
