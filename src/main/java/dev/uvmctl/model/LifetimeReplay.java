package dev.uvmctl.model;

import dev.uvmctl.event.BlockReason;
import dev.uvmctl.event.Event;
import dev.uvmctl.event.EventTime;
import dev.uvmctl.event.FdClosed;
import dev.uvmctl.event.FdHeld;
import dev.uvmctl.event.FdKind;
import dev.uvmctl.event.ProcState;
import dev.uvmctl.event.ProcessExited;
import dev.uvmctl.event.ProcessForked;
import dev.uvmctl.event.ProcessIdentity;
import dev.uvmctl.event.ProcessState;
import dev.uvmctl.event.RangeType;
import dev.uvmctl.event.TaskBlocked;
import dev.uvmctl.event.VaSpaceCreated;
import dev.uvmctl.event.VaSpaceDestroyed;
import dev.uvmctl.event.Xid;
import java.util.ArrayList;
import java.util.List;

/**
 * Lifetimes, as the driver has them (kernel-open/nvidia-uvm, 580.95.05; the same in 535.288.01
 * unless said): a va_space lives while some process holds a file descriptor on it (its own fd, an
 * inherited one, or the mm fd), and {@code uvm_release} (uvm.c) destroys it when the last goes; a
 * process that exits or becomes a zombie has let go of all of them; the owner's managed ranges
 * die with the owner's address space (see {@link #ownerMmGone}); a release while the system
 * suspends waits for the resume ({@code uvm_release_va_space} queues it on
 * {@code deferred_release_q}).
 */
final class LifetimeReplay {
    private final ReclaimModel m;

    LifetimeReplay(ReclaimModel model) {
        this.m = model;
    }

    void created(VaSpaceCreated e) {
        VaSpace same = m.snapshots.seenBefore(e);
        if (same != null) {
            m.snapshots.seenAgain(same, e);
            return;
        }
        VaSpace old = m.vaSpaceNamed(e.vaSpace());
        if (old != null) {
            m.diagnose(e, "va_space " + e.vaSpace() + " created again while the model still has it live: the old one is taken as destroyed");
            destroy(old, e);
        }
        VaSpace vs = new VaSpace(e.vaSpace(), e.time().boot());
        vs.seenCreated = true;
        vs.createdAt = m.now;
        vs.firstSeenAt = m.now;
        vs.sharing = e.sharing();
        vs.observed = e.observed();
        m.putVaSpace(vs);
        m.destroyed.remove(vs.id());
        vs.evidence.add(m.sequence, e);
        if (e.pid() != null) {
            ProcessInfo owner = m.processes.alive(e.pid());
            if (e.comm() != null) {
                owner.comm = e.comm();
            }
            vs.owner = owner;
            owner.vaSpaces.add(vs);
            if (e.fdPath() != null) {
                holder(vs, owner).open(FdKind.va_space);
                m.openFiles.opened(e.fdPath(), vs, owner, FdKind.va_space);
            } else {
                holder(vs, owner).openUnnamed(FdKind.va_space);
            }
        }
    }

    void destroyed(VaSpaceDestroyed e) {
        VaSpace named = m.vaSpaceNamed(e.vaSpace());
        if (named != null && !named.seenCreated && !named.observed && m.holdersUnknown(named)) {
            // Known by its pointer only from the middle of its life (a range the trace saw it make), and by its fd to a snapshot:
            // one va_space under two names, both ended.
            VaSpace snapshotted = releasedBy(e);
            if (snapshotted != null) {
                destroy(snapshotted, e);
            }
        }
        VaSpace vs = named != null ? named : releasedBy(e);
        if (vs == null) {
            m.diagnose(e, unknownVaSpace(e.vaSpace()) + ": nothing to destroy");
            return;
        }
        destroy(vs, e);
        if (named == null) {
            // The ranges uvm_va_space_destroy takes down after its entry follow under the name the destroy gave.
            m.destroyed.put(e.vaSpace(), m.destroyed.get(vs.id()));
        }
    }

    /**
     * The va_space that a destroy of one no input named ends, by the process whose task ran it
     * ({@link VaSpaceDestroyed#pid}, a trace's line). {@code uvm_va_space_destroy} runs from
     * {@code uvm_release}, the release of the va_space's file, which runs in the task that dropped
     * the file's last reference ({@code fput} queues {@code __fput} as that task's work; an exit
     * closes the files and then runs it, kernel/exit.c: do_exit; uvm.c, 535.43.02..595.45.04): so
     * that process held the file. A snapshot names a va_space created before the trace began after
     * its fd, and the trace by a pointer the model never saw made: when the process held exactly
     * one such va_space, and no other process still holds it, the destroy is that one's. With two,
     * which file went is not known; with another live holder, the last reference was not this
     * process's to drop; a kernel worker's ({@code uvm_release_deferred} after a resume) holds none:
     * none is taken. A pointer destroyed before is not taken again for another va_space.
     */
    private VaSpace releasedBy(VaSpaceDestroyed e) {
        if (e.pid() == null || m.destroyed.containsKey(e.vaSpace())) {
            return null;
        }
        ProcessInfo p = m.processes.known(e.pid());
        if (p == null) {
            return null;
        }
        VaSpace found = null;
        for (VaSpace vs : p.vaSpaces) {
            if (vs.observed && lastHolder(vs, p)) {
                if (found != null) {
                    return null;
                }
                found = vs;
            }
        }
        return found;
    }

    /** Whether {@code p} holds {@code vs} and no other process does while it lives. */
    private static boolean lastHolder(VaSpace vs, ProcessInfo p) {
        if (!vs.holders.containsKey(p)) {
            return false;
        }
        for (ProcessInfo h : vs.holders.keySet()) {
            if (h != p && h.holdsFiles()) {
                return false;
            }
        }
        return true;
    }

    /** Ends a va_space and everything it still has (as {@code uvm_va_space_destroy} does). */
    void destroy(VaSpace vs, Event e) {
        // Its ranges, and those the owner's end took down while the driver still had them: their destroys may follow (DestroyedVaSpace).
        List<VaRange> ranges = vs.ranges.all();
        long[] starts = new long[ranges.size() + vs.tornDown.size()];
        int n = 0;
        for (VaRange r : ranges) {
            starts[n++] = r.start();
        }
        for (long start : vs.tornDown) {
            starts[n++] = start;
        }
        m.ranges().releaseAll(vs);
        m.removeVaSpace(vs);
        if (m.now != EventTime.UNKNOWN) {
            m.lastDestroyedAt = m.now;
        }
        DestroyedVaSpace gone = new DestroyedVaSpace(e.source(), starts);
        m.destroyed.put(vs.id(), gone);
        m.recentlyDestroyed.addLast(gone);
        if (m.recentlyDestroyed.size() > DestroyedVaSpace.KEPT) {
            m.recentlyDestroyed.removeFirst().forgetRanges();
        }
        for (Holder h : vs.holders.values()) {
            h.process().vaSpaces.remove(vs);
            m.processes.forgetIfUnused(h.process());
        }
        if (vs.owner != null) {
            vs.owner.vaSpaces.remove(vs);
            m.processes.forgetIfUnused(vs.owner);
        }
    }

    void held(FdHeld e) {
        ProcessInfo p = m.processes.alive(e.pid());
        if (m.snapshots.fdSeenAgain(e, p)) {
            return;
        }
        VaSpace vs = m.vaSpaceFor(e, e.vaSpace());
        if (e.comm() != null) {
            p.comm = e.comm();
        }
        Holder h = holder(vs, p);
        if (e.fdPath() == null) {
            h.openUnnamed(e.fd());
        } else {
            // A fd another input counted without its path (a trace's) is this one, now named: not one more.
            FdKind named = h.name(e.fd());
            if (named == null) {
                h.open(e.fd());
            }
            m.openFiles.opened(e.fdPath(), vs, p, named == null ? e.fd() : named);
        }
        p.vaSpaces.add(vs);
        p.evidence.add(m.sequence, e);
        if (e.inheritedFrom() != null) {
            h.inheritedFrom = e.inheritedFrom();
            if (vs.owner == null) {
                vs.owner = m.processes.current(e.inheritedFrom());
                vs.owner.vaSpaces.add(vs);
            }
        }
        vs.orphanedAt = EventTime.UNKNOWN;
        vs.releaseDeferredAt = EventTime.UNKNOWN;
    }

    /**
     * A fork copies the parent's file descriptor table ({@code dup_fd}, kernel/fork.c): the child
     * holds every va_space fd and mm fd its parent held then, as many of each, until it closes them
     * or ends. Whatever input told the model what the parent held (a trace's creation, a snapshot's
     * fds, an {@code fd_held}), the fork passes it on. A process's threads share its table and are
     * no fork of this kind.
     */
    void forked(ProcessForked e) {
        ProcessInfo parent = m.processes.known(e.ppid());
        ProcessInfo stale = m.processes.known(e.pid());
        if (stale != null && stale != parent && stale.holdsFiles() && !stale.vaSpaces.isEmpty()) {
            // A pid names one process from its fork to its reap (kernel/pid.c: alloc_pid, free_pid): the one the
            // model still has under it ended unseen.
            m.diagnose(e, "pid " + e.pid() + " is made anew by a fork of " + e.ppid() + " while the model has it alive"
                + (stale.comm == null ? "" : " (" + stale.comm + ")") + ": its end was not seen (lost events?), so it is taken as gone");
            end(stale, ProcState.gone);
        }
        List<VaSpace> held = new ArrayList<>();
        if (parent != null && parent.holdsFiles()) {
            for (VaSpace vs : parent.vaSpaces) {
                Holder from = vs.holders.get(parent);
                if (from != null && !from.holdsNothing()) {
                    held.add(vs);
                }
            }
        }
        if (held.isEmpty()) {
            // Nothing to pass on: the model keeps no process for it (a node forks far more than it runs CUDA).
            return;
        }
        ProcessInfo child = m.processes.alive(e.pid());
        if (e.comm() != null) {
            child.comm = e.comm();
        }
        child.ppid = e.ppid();
        if (!child.identity.known()) {
            // copy_creds and cgroup_fork (kernel/fork.c): the child runs as its parent's user, in its parent's cgroup.
            child.identity = parent.identity;
        }
        for (VaSpace vs : held) {
            Holder from = vs.holders.get(parent);
            Holder h = holder(vs, child);
            h.inherit(from);
            h.inheritedFrom = parent.pid();
            child.vaSpaces.add(vs);
            if (vs.owner == null) {
                vs.owner = parent;
            }
            vs.orphanedAt = EventTime.UNKNOWN;
            vs.releaseDeferredAt = EventTime.UNKNOWN;
        }
        m.openFiles.forked(parent, child);
        child.evidence.add(m.sequence, e);
    }

    void closed(FdClosed e) {
        VaSpace vs = m.vaSpaceNamed(e.vaSpace());
        ProcessInfo p = m.processes.known(e.pid());
        Holder h = vs == null || p == null ? null : vs.holders.get(p);
        if (h == null || !h.close(e.fd())) {
            m.diagnose(e, "pid " + e.pid() + " closes a " + e.fd() + " fd of va_space " + e.vaSpace() + " it was not seen holding");
            return;
        }
        p.evidence.add(m.sequence, e);
        dropIfEmpty(vs, p, h);
        ownerMmGone(vs);
        checkOrphaned(vs);
    }

    /** A holder left without fds is one no more; the owner stays tied to its va_space. */
    void dropIfEmpty(VaSpace vs, ProcessInfo p, Holder h) {
        if (h.holdsNothing()) {
            vs.holders.remove(p);
            if (vs.owner != p) {
                p.vaSpaces.remove(vs);
            }
        }
    }

    void exited(ProcessExited e) {
        ProcessInfo p = m.processes.current(e.pid());
        if (p.exit != null) {
            p = m.processes.alive(e.pid());
        }
        identifyAtEnd(p, e);
        if (e.comm() != null) {
            p.comm = e.comm();
        }
        p.exit = e;
        p.evidence.add(m.sequence, e);
        end(p, ProcState.gone);
    }

    void state(ProcessState e) {
        ProcessInfo p = switch (e.state()) {
            case alive -> m.processes.alive(e.pid());
            case uninterruptible -> {
                ProcessInfo exiting = killedStillExiting(e.pid(), e.comm());
                yield exiting != null ? exiting : m.processes.alive(e.pid());
            }
            case zombie, gone -> ended(e.pid());
        };
        if (e.identity().known()) {
            p.identity = e.identity();
        }
        if (e.comm() != null) {
            p.comm = e.comm();
        }
        if (e.ppid() != null) {
            m.snapshots.reparented(p, e);
            p.ppid = e.ppid();
        }
        p.evidence.add(m.sequence, e);
        if (e.state() == ProcState.zombie || e.state() == ProcState.gone) {
            end(p, e.state());
        } else {
            p.state = e.state();
        }
    }

    /**
     * Whose a process was when it ended: what its end tells (the OOM killer's uid and memory cgroup
     * of the victim, mm/oom_kill.c: dump_oom_summary, __oom_kill_process), else what a snapshot read
     * of it while it lived. A pid names one process from its fork until its reap frees it
     * (kernel/exit.c: release_task → free_pid), so what /proc/PID said then is this process's,
     * unless the pid was reaped and taken again in between, unseen: an end that names another
     * command than the one the snapshot read is another process, and nothing is known of its owner.
     */
    private static void identifyAtEnd(ProcessInfo p, ProcessExited e) {
        if (e.identity().known()) {
            p.identity = e.identity();
        } else if (e.comm() != null && p.comm != null && !e.comm().equals(p.comm)) {
            p.identity = ProcessIdentity.UNKNOWN;
        }
    }

    /**
     * A killed process seen in uninterruptible sleep under its own pid and name is that process,
     * still exiting, not a new one that took its pid: a kill ends a process only when its last
     * thread leaves {@code do_exit} (kernel/exit.c), and that thread releases the files on its
     * way ({@code exit_files} → {@code fput} → {@code task_work_run} → {@code __fput} →
     * {@code uvm_release}, uvm.c, 580.95.05), so a thread stuck there keeps the pid, and with
     * it the va_space, until it returns; the pid is free for reuse only after the reap.
     * Returns that process made current again, or null.
     */
    private ProcessInfo killedStillExiting(int pid, String comm) {
        ProcessInfo known = m.processes.known(pid);
        if (known == null || known.holdsFiles() || !known.killed()
            || comm != null && known.comm != null && !comm.equals(known.comm)) {
            return null;
        }
        m.processes.stillExiting(known);
        return known;
    }

    /** A process seen ended: the one already known to have ended (a snapshot after its exit), else the current one. */
    private ProcessInfo ended(int pid) {
        ProcessInfo known = m.processes.known(pid);
        return known != null ? known : m.processes.current(pid);
    }

    void blocked(TaskBlocked e) {
        if (e.reason() != BlockReason.uninterruptible) {
            reported(e);
        }
        if (e.pid() == null) {
            return;
        }
        ProcessInfo killed = Teardown.frame(e.frames()) == null ? null : killedBlockedInTeardown(e);
        ProcessInfo p = killed != null ? killed : m.processes.current(e.pid());
        if (e.comm() != null && p.comm == null) {
            p.comm = e.comm();
        }
        if (p.blocked == null) {
            p.blockedSince = m.now;
        }
        p.blocked = e;
        p.evidence.add(m.sequence, e);
        if (killed != null) {
            killed.blockedThread = e.pid() == killed.pid() ? null : e.pid();
            killed.threadInferred = e.pid() != killed.pid() && !Integer.valueOf(killed.pid()).equals(e.tgid());
            if (e.pid() != killed.pid()) {
                m.processes.thread(e.pid(), killed);
            }
            killed.state = ProcState.uninterruptible;
            for (VaSpace vs : killed.vaSpaces) {
                vs.orphanedAt = EventTime.UNKNOWN;
                vs.releaseDeferredAt = EventTime.UNKNOWN;
            }
            return;
        }
        m.processes.forgetIfQuiet(p);
    }

    /**
     * Killed is not gone while a thread is still in the driver: the release of a killed process's
     * va_space runs in its last exiting thread ({@code do_exit} → {@code task_work_run} →
     * {@code __fput} → {@code uvm_release} → {@code uvm_va_space_destroy}; uvm.c and
     * uvm_va_space.c, 580.95.05 and 535.288.01), so a hung task or call trace through a teardown
     * function after an OOM kill or a fatal signal is that process, blocked, and it still holds
     * what it held. Its managed ranges are already gone: {@code exit_mm} (and with it
     * {@code exit_mmap}) runs before {@code exit_files} in {@code do_exit}.
     *
     * <p>The process is the killed one with the reported pid; else, since a hung-task line names
     * the thread ({@code INFO: task python3:5133 blocked}) and the OOM killer the thread group
     * ({@code Killed process 5120 (python3)}), the log-only rule: the one process killed before the
     * report of the reported name (a thread inherits its leader's comm on clone, kernel/fork.c),
     * whose pid is below the thread id (threads take ids after their leader's), when no process of
     * its own is known under the thread id. It needs no va_space any input named: with the kernel
     * log alone none is named, and the release in the last thread's {@code __fput} is what the
     * report shows. Likely, not proven (pids wrap; a thread may rename itself,
     * {@code PR_SET_NAME}, and then is not tied); the finding says the thread was tied by this rule.
     * Where the report names the thread group ({@code tgid:} in the {@code task:} line that
     * {@code sched_show_task}, kernel/sched/core.c, prints in newer kernels), that decides, and
     * nothing is inferred.
     */
    private ProcessInfo killedBlockedInTeardown(TaskBlocked e) {
        ProcessInfo same = m.processes.known(e.pid());
        if (same != null && !same.holdsFiles() && endsInTeardown(same, e)) {
            m.processes.stillExiting(same);
            return same;
        }
        if (e.tgid() != null && e.tgid().intValue() != e.pid()) {
            // The kernel named the thread group (sched_show_task's tgid:): no rule needed, and no other process is it.
            ProcessInfo group = m.processes.known(e.tgid());
            if (group == null || group.holdsFiles() || !endsInTeardown(group, e)) {
                return null;
            }
            if (m.processes.known(group.pid()) == group) {
                m.processes.stillExiting(group);
            }
            return group;
        }
        if (same != null && (same.state != null || !same.vaSpaces.isEmpty()) || e.comm() == null) {
            return null;
        }
        ProcessInfo found = null;
        for (ProcessInfo p : m.processes.endedKnown()) {
            boolean before = p.goneAt() == EventTime.UNKNOWN || m.now == EventTime.UNKNOWN || p.goneAt() <= m.now;
            if (p.killed() && e.comm().equals(p.comm) && p.pid() < e.pid() && before && found != p) {
                if (found != null) {
                    return null;
                }
                found = p;
            }
        }
        if (found != null && m.processes.known(found.pid()) == found) {
            // No other process has taken its pid: it is the current one again, still exiting.
            m.processes.stillExiting(found);
        }
        return found;
    }

    /**
     * Whether {@code p}, ended, is still exiting with the reported thread in the teardown: a kill
     * (its threads die on their way out of the kernel, the last one releases its files), or any end
     * where a trace saw it: its {@code sched_process_exit} (do_exit, kernel/exit.c: the tracepoint
     * fires before exit_files and the task work that runs {@code uvm_release}) and then the
     * thread's {@code uvm_va_space_destroy} that never returned. A plain exit in a kernel log or a
     * snapshot is not tied so: the report may be of a later process under the pid.
     */
    private static boolean endsInTeardown(ProcessInfo p, TaskBlocked e) {
        return p.exit != null && p.exit.reason().stillTearingDown(e.reason());
    }

    /**
     * The kernel's report of a task blocked in the driver, kept whether or not a va_space is
     * known to be the task's: a task blocked in a teardown holds what it is tearing down, whichever
     * va_space that is (uvm.c: uvm_release; uvm_va_space.c: uvm_va_space_destroy; 515..595). One
     * report per task; a report that names no task is one of its own.
     */
    private void reported(TaskBlocked e) {
        if (e.pid() != null && !m.driver.blockedPids.add(e.pid())) {
            return;
        }
        if (!DriverHistory.keep(m.driver.blocked, new Evidence(m.sequence, e))) {
            m.diagnose(e, "more than " + DriverHistory.KEPT + " tasks reported blocked in this boot: this one is not a finding of its own");
        }
    }

    void suspended() {
        m.suspended = true;
    }

    void resumed() {
        m.suspended = false;
        for (VaSpace vs : new ArrayList<>(m.vaSpaces.values())) {
            vs.releaseDeferredAt = EventTime.UNKNOWN;
            ownerMmGone(vs);
        }
    }

    /** An Xid names the process of the failing channel: that is evidence about the process. */
    void xid(Xid e) {
        if (e.pid() != null) {
            ProcessInfo p = m.processes.known(e.pid());
            if (p != null) {
                p.evidence.add(m.sequence, e);
            }
        }
    }

    /** The process let go of its files and mm: it exited, became a zombie, or was seen gone. */
    void end(ProcessInfo p, ProcState state) {
        boolean wasHolding = p.holdsFiles();
        m.openFiles.forget(p);
        if (state == ProcState.gone || p.state != ProcState.gone) {
            p.state = state;
        }
        if (!wasHolding) {
            return;
        }
        p.goneAt = m.now;
        List<VaSpace> touched = new ArrayList<>(p.vaSpaces);
        for (VaSpace vs : touched) {
            if (vs.owner == p) {
                vs.ownerGoneAt = m.now;
            } else if (vs.held()) {
                letGo(vs, p);
            }
            ownerMmGone(vs);
            checkOrphaned(vs);
        }
        m.processes.forgetIfUnused(p);
    }

    /**
     * A holder that is not the owner ended while another process still holds the va_space: its
     * exit closed its fds (kernel/exit.c: exit_files; fs/file_table.c: fput) and dropped one
     * reference to the shared file, which the driver never sees: {@code uvm_release} runs only
     * when the last reference goes (kernel-open/nvidia-uvm/uvm.c, 535.43.02..595). It takes no
     * part in the va_space's fate, so it is no longer its holder and, when nothing else refers to
     * it, the process is forgotten: a long-lived va_space whose owner forks thousands of workers
     * that each end keeps only those alive (memory follows live processes). Holders that end when
     * none is left, and so orphan it, stay, as its last holders.
     */
    private static void letGo(VaSpace vs, ProcessInfo p) {
        vs.holders.remove(p);
        p.vaSpaces.remove(vs);
    }

    /**
     * The owner's managed ranges die with its address space, before its last file reference
     * goes: when the owner ends, {@code exit_mmap} closes each of its vmas, and
     * {@code uvm_vm_close_managed} (uvm.c) runs with no {@code current->mm}, so
     * {@code uvm_destroy_vma_managed} either destroys the range ({@code uvm_va_range_destroy}) or,
     * in multi-process sharing mode, makes it a zombie ({@code uvm_va_range_zombify}) that keeps
     * its memory until cleaned up. Other ranges (external, channel, semaphore pool, ...) stay with
     * the va_space.
     *
     * <p>Only the 535+ mm fd delays it: {@code uvm_api_mm_initialize} (uvm.c, 535.43.02 on) takes
     * {@code mmget_not_zero} on the owner's mm, so while a live process other than the owner holds
     * an mm fd of the va_space, the owner's mm and its mappings stay; the owner's own mm fd closes
     * as it exits. Sharing mode has no mm fd ({@code uvm_va_space_mm_enabled} is false: the ioctl
     * answers NV_WARN_NOTHING_TO_DO). On 530 and earlier the va_space's mmu_notifier
     * ({@code __mmu_notifier_register}, uvm_va_space_mm.c) keeps the {@code mm_struct}, not the
     * mappings. A forked child never has the vma: {@code uvm_mmap} sets {@code VM_DONTCOPY}, and a
     * vma copied anyway ({@code MADV_DOFORK}) is disabled by {@code uvm_vm_open_managed}, so it
     * destroys nothing when it closes.
     *
     * <p>This is the model's inference, made when the owner ends: a trace shows the driver's own
     * destroy of each range a moment later, from the same {@code exit_mmap}, and that destroy
     * confirms it ({@link VaSpace#tornDown}, {@code RangeReplay.destroyed}).
     *
     * <p>While the system suspends it waits for the resume: {@code uvm_suspend} (uvm_global.c)
     * takes every va_space's lock in write mode "to lock out VMA open and release callbacks", and
     * {@code uvm_resume} lets them go.
     */
    void ownerMmGone(VaSpace vs) {
        if (m.suspended || vs.owner == null || vs.owner.holdsFiles() || !vs.sharing && mmPinned(vs)) {
            return;
        }
        for (VaRange r : vs.ranges.all()) {
            if (r.type() != RangeType.managed || r.state != RangeState.live) {
                continue;
            }
            if (vs.sharing) {
                r.state = RangeState.zombie;
                r.stateSince = m.now;
            } else {
                vs.ranges.remove(r);
                m.ranges().release(r);
                vs.tornDown.add(r.start());
            }
        }
    }

    /** A live process other than the owner holds an mm fd of the va_space, and with it the owner's mm. */
    private static boolean mmPinned(VaSpace vs) {
        for (Holder h : vs.holders.values()) {
            if (h.process() != vs.owner && h.mmFds > 0 && h.process().holdsFiles()) {
                return true;
            }
        }
        return false;
    }

    void checkOrphaned(VaSpace vs) {
        checkOrphaned(vs, m.now);
    }

    /** Notes when the last holder let go ({@code at}), if none holds it now. */
    void checkOrphaned(VaSpace vs, long at) {
        if (vs.held() || vs.orphanedAt != EventTime.UNKNOWN) {
            return;
        }
        vs.orphanedAt = at;
        if (m.suspended) {
            vs.releaseDeferredAt = at;
        }
    }

    private static Holder holder(VaSpace vs, ProcessInfo p) {
        return vs.holders.computeIfAbsent(p, Holder::new);
    }

    String unknownVaSpace(String id) {
        DestroyedVaSpace gone = m.destroyed.get(id);
        return gone != null
            ? "va_space " + id + " was already destroyed (" + gone.where.location() + ")"
            : "va_space " + id + " was never seen created";
    }
}
