package dev.uvmctl.model;

import dev.uvmctl.event.EventTime;
import dev.uvmctl.event.ProcState;
import dev.uvmctl.event.ProcessExited;
import dev.uvmctl.event.ProcessIdentity;
import dev.uvmctl.event.TaskBlocked;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * One process (one incarnation of a pid: a pid seen alive after it ended is a new process).
 * A process no input said anything about is taken to be alive: its state is null.
 */
public final class ProcessInfo {
    private final int pid;
    String comm;
    Integer ppid;
    ProcState state;
    ProcessExited exit;
    ProcessIdentity identity = ProcessIdentity.UNKNOWN;
    long goneAt = EventTime.UNKNOWN;
    TaskBlocked blocked;
    long blockedSince = EventTime.UNKNOWN;
    /** The thread the kernel reported blocked, when it is not the process's own pid. */
    Integer blockedThread;
    /** True when that thread was tied to this process by the log-only rule (name and thread id), not by a pid /proc listed. */
    boolean threadInferred;
    final Set<VaSpace> vaSpaces = new LinkedHashSet<>();
    final EvidenceRing evidence = new EvidenceRing(3, 3);

    ProcessInfo(int pid) {
        this.pid = pid;
    }

    public int pid() {
        return pid;
    }

    /** Its command name, or null when no input told. */
    public String comm() {
        return comm;
    }

    public Integer ppid() {
        return ppid;
    }

    /** The last state a snapshot gave, {@code gone} once it exited, or null when no input told. */
    public ProcState state() {
        return state;
    }

    /** How it ended, when an input said. */
    public ProcessExited exit() {
        return exit;
    }

    /**
     * Whose it was (uid, cgroup): what its end told, else the last a snapshot read of it
     * ({@link ProcessIdentity#UNKNOWN} when no input told, or its end named another command).
     */
    public ProcessIdentity identity() {
        return identity;
    }

    /** When it exited, became a zombie or was seen gone. */
    public long goneAt() {
        return goneAt;
    }

    /** The last report of it blocked in the kernel, or null. */
    public TaskBlocked blocked() {
        return blocked;
    }

    public long blockedSince() {
        return blockedSince;
    }

    /** The thread the kernel reported blocked when it is another than the process's pid (a thread of it), or null. */
    public Integer blockedThread() {
        return blockedThread;
    }

    /**
     * True when {@link #blockedThread()} was tied to this process from the kernel log alone
     * (LifetimeReplay's thread rule: same name, killed before, thread id above its pid), which is
     * likely but not proven; false when the pid itself was reported.
     */
    public boolean threadInferred() {
        return threadInferred;
    }

    /** Killed by the OOM killer or a signal: its threads die on their way out of the kernel, the last one releases its files. */
    /** Ended by an OOM kill or a fatal signal (not an exit of its own). */
    public boolean killed() {
        return exit != null && switch (exit.reason()) {
            case exit -> false;
            case oom_kill, signal -> true;
        };
    }

    /** Alive (or uninterruptible): its file descriptors and mm are still its own. */
    public boolean holdsFiles() {
        return state != ProcState.zombie && state != ProcState.gone;
    }

    /** Whether it held its files at {@code time}: it still does, or it ended after then. */
    boolean heldFilesAt(long time) {
        return holdsFiles() || goneAt != EventTime.UNKNOWN && goneAt > time;
    }

    public EvidenceLog evidence() {
        return evidence;
    }
}
