package dev.uvmctl.model;

import dev.uvmctl.event.Event;
import dev.uvmctl.event.EventTime;
import dev.uvmctl.event.FdClosed;
import dev.uvmctl.event.FdHeld;
import dev.uvmctl.event.FdKind;
import dev.uvmctl.event.ProcState;
import dev.uvmctl.event.ProcessExited;
import dev.uvmctl.event.ProcessState;
import dev.uvmctl.shared.Provenance;
import dev.uvmctl.event.RangeType;
import dev.uvmctl.event.TaskBlocked;
import dev.uvmctl.event.VaSpaceCreated;
import dev.uvmctl.event.VaSpaceDestroyed;
import dev.uvmctl.event.Xid;
import java.util.ArrayList;
import java.util.List;

/**
 * Lifetimes (kernel-open/nvidia-uvm/uvm.c: uvm_release, uvm_va_space_mm_unregister; 535.43.02..595): a va_space lives while some process holds a file descriptor on
 * it (its own fd, an inherited one, or the mm fd); a process that exits or becomes a zombie has
 * let go of all of them; the owner's managed ranges become zombies instead of dying in
 * multi-process sharing mode; a release while the system suspends waits for the resume.
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
            holder(vs, owner).open(FdKind.va_space);
            if (e.fdPath() != null) {
                m.openFiles.opened(e.fdPath(), vs, owner, FdKind.va_space);
            }
        }
    }

    void destroyed(VaSpaceDestroyed e) {
        VaSpace vs = m.vaSpaceNamed(e.vaSpace());
        if (vs == null) {
            m.diagnose(e, unknownVaSpace(e.vaSpace()) + ": nothing to destroy");
            return;
        }
        destroy(vs, e);
    }

    /** Ends a va_space and everything it still has (as {@code uvm_va_space_destroy} does). */
    void destroy(VaSpace vs, Event e) {
        m.ranges().releaseAll(vs);
        m.removeVaSpace(vs);
        m.destroyed.put(vs.id(), e.source());
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
        h.open(e.fd());
        if (e.fdPath() != null) {
            m.openFiles.opened(e.fdPath(), vs, p, e.fd());
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
        if (e.comm() != null) {
            p.comm = e.comm();
        }
        p.exit = e;
        p.evidence.add(m.sequence, e);
        end(p, ProcState.gone);
    }

    void state(ProcessState e) {
        ProcessInfo p = e.state() == ProcState.alive || e.state() == ProcState.uninterruptible
            ? m.processes.alive(e.pid()) : ended(e.pid());
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

    /** A process seen ended: the one already known to have ended (a snapshot after its exit), else the current one. */
    private ProcessInfo ended(int pid) {
        ProcessInfo known = m.processes.known(pid);
        return known != null ? known : m.processes.current(pid);
    }

    void blocked(TaskBlocked e) {
        ProcessInfo p = m.processes.current(e.pid());
        if (e.comm() != null && p.comm == null) {
            p.comm = e.comm();
        }
        if (p.blocked == null) {
            p.blockedSince = m.now;
        }
        p.blocked = e;
        p.evidence.add(m.sequence, e);
        m.processes.forgetIfQuiet(p);
    }

    void suspended() {
        m.suspended = true;
    }

    void resumed() {
        m.suspended = false;
        for (VaSpace vs : m.vaSpaces.values()) {
            vs.releaseDeferredAt = EventTime.UNKNOWN;
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
                ownerGone(vs);
            } else if (vs.held()) {
                letGo(vs, p);
            }
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

    private void ownerGone(VaSpace vs) {
        vs.ownerGoneAt = m.now;
        if (!vs.sharing) {
            return;
        }
        for (VaRange r : vs.ranges.all()) {
            if (r.type() == RangeType.managed && r.state == RangeState.live) {
                r.state = RangeState.zombie;
                r.stateSince = m.now;
            }
        }
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
        Provenance gone = m.destroyed.get(id);
        return gone != null
            ? "va_space " + id + " was already destroyed (" + gone.location() + ")"
            : "va_space " + id + " was never seen created";
    }
}
