package dev.uvmctl.model;

import dev.uvmctl.event.FdHeld;
import dev.uvmctl.event.FdKind;
import dev.uvmctl.event.ProcState;
import dev.uvmctl.event.ProcessState;
import dev.uvmctl.event.VaSpaceCreated;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Snapshots replayed in the order they were taken (docs/leaks.md, "Snapshots in sequence"):
 * each names a va_space after the fd of the process it takes as owner and shows only one
 * moment, so what earlier ones showed is carried here: the same open file under another name,
 * a reparented process's old parent, and the fds a later complete snapshot no longer shows.
 */
final class SnapshotSequence {
    private final ReclaimModel m;

    SnapshotSequence(ReclaimModel model) {
        this.m = model;
    }

    /**
     * The live va_space a snapshot sees again: the one its owner's fd is already known to be open
     * on, or one of the same name whose owner (if the snapshot names one) is the same live
     * process. Null for a va_space the model does not have, or for a creation (not observed).
     */
    VaSpace seenBefore(VaSpaceCreated e) {
        if (!e.observed()) {
            return null;
        }
        OpenFiles.Fd fd = m.openFiles.get(e.fdPath());
        VaSpace named = m.vaSpaces.get(e.vaSpace());
        // A live va_space of that very name is another one: the name wins over the fd.
        if (fd != null && fd.process().holdsFiles() && (e.pid() == null || fd.process().pid() == e.pid())
            && (named == null || named == fd.vaSpace())) {
            return fd.vaSpace();
        }
        VaSpace old = m.vaSpaceNamed(e.vaSpace());
        if (old != null && (e.pid() == null || old.owner != null && old.owner.pid() == e.pid() && old.owner.holdsFiles())) {
            return old;
        }
        return fd == null && named == null ? traced(e.pid()) : null;
    }

    /**
     * The one live va_space process {@code pid} created whose own fd no snapshot has named yet: a
     * trace's, named by its kernel pointer. A snapshot sees a va_space through its owner's fd, a
     * trace through the pointer {@code uvm_va_space_create} made for that fd's file (uvm.c:
     * uvm_api_initialize); the owner is what they share. A CUDA process makes one va_space, so one
     * such va_space is the one the snapshot shows; with more, which fd is which is not known, and
     * none is taken.
     */
    private VaSpace traced(Integer pid) {
        ProcessInfo owner = pid == null ? null : m.processes.known(pid);
        if (owner == null || !owner.holdsFiles()) {
            return null;
        }
        VaSpace found = null;
        for (VaSpace vs : owner.vaSpaces) {
            Holder h = vs.holders.get(owner);
            if (vs.owner == owner && !vs.observed && h != null && h.hasUnnamedVaSpaceFd()) {
                if (found != null) {
                    return null;
                }
                found = vs;
            }
        }
        return found;
    }

    /**
     * A later snapshot shows a fd the model has, held by the same process: the same open file,
     * counted already. True when {@code e} was that, and is taken as seen.
     */
    boolean fdSeenAgain(FdHeld e, ProcessInfo p) {
        OpenFiles.Fd known = m.openFiles.get(e.fdPath());
        if (known == null || known.process() != p) {
            return false;
        }
        m.openFiles.seen(e.fdPath());
        known.vaSpace().evidence.add(m.sequence, e);
        p.evidence.add(m.sequence, e);
        return true;
    }

    /** A later snapshot shows a va_space the model has: under another name, that name becomes its. */
    void seenAgain(VaSpace vs, VaSpaceCreated e) {
        if (!e.vaSpace().equals(vs.id())) {
            m.putAlias(e.vaSpace(), vs);
        }
        vs.evidence.add(m.sequence, e);
        if (e.fdPath() == null) {
            return;
        }
        if (m.openFiles.get(e.fdPath()) != null) {
            m.openFiles.seen(e.fdPath());
        } else if (vs.owner != null && e.pid() != null && vs.owner.pid() == e.pid()) {
            // The owner's fd, counted when the va_space was created, now known by its path.
            Holder h = vs.holders.get(vs.owner);
            if (h != null) {
                h.nameOf(FdKind.va_space);
            }
            m.openFiles.opened(e.fdPath(), vs, vs.owner, FdKind.va_space);
        }
    }

    /**
     * A process that a snapshot shows under another parent than before was reparented: the
     * kernel does that only when the parent exits, so the old parent has ended.
     */
    void reparented(ProcessInfo p, ProcessState e) {
        if (p.ppid == null || p.ppid.equals(e.ppid()) || e.ppid() == 0 || !p.holdsFiles()) {
            return;
        }
        ProcessInfo parent = m.processes.known(p.ppid);
        if (parent != null && parent.holdsFiles()) {
            parent.evidence.add(m.sequence, e);
            m.lifetimes().end(parent, ProcState.gone);
        }
    }

    /**
     * Ends the listing of the last capture that showed every holder, at the next capture or at the
     * end: a fd an earlier input showed and its snapshot did not was closed by its time (the last
     * capture's). A va_space only snapshots showed, left with no holder, is taken as destroyed:
     * the driver destroys a va_space when its last holder lets go, and a snapshot cannot see one
     * that nothing holds (UVM's retained count and nvidia-smi's totals tell whether memory stayed
     * behind).
     */
    void endListing() {
        Evidence listing = m.openFiles.listing();
        Set<VaSpace> touched = new LinkedHashSet<>();
        for (OpenFiles.Fd f : m.openFiles.endListing()) {
            VaSpace vs = f.vaSpace();
            ProcessInfo p = f.process();
            Holder h = vs.holders.get(p);
            if (h == null || !p.holdsFiles() || m.vaSpaceNamed(vs.id()) != vs || !h.close(f.kind())) {
                continue;
            }
            p.evidence.add(listing.sequence(), listing.event());
            vs.evidence.add(listing.sequence(), listing.event());
            m.lifetimes().dropIfEmpty(vs, p, h);
            touched.add(vs);
        }
        for (VaSpace vs : touched) {
            m.lifetimes().ownerMmGone(vs);
            if (vs.held()) {
                continue;
            }
            if (vs.observed) {
                m.lifetimes().destroy(vs, listing.event());
            } else {
                m.lifetimes().checkOrphaned(vs, m.captureAt);
            }
        }
    }
}
