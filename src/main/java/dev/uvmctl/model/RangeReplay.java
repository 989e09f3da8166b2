package dev.uvmctl.model;

import static dev.uvmctl.event.EventEncoder.hex;

import dev.uvmctl.event.DeferredFreed;
import dev.uvmctl.event.Event;
import dev.uvmctl.event.EventTime;
import dev.uvmctl.event.EvictStatus;
import dev.uvmctl.event.Evicted;
import dev.uvmctl.event.Migrated;
import dev.uvmctl.event.Populated;
import dev.uvmctl.event.RangeCreated;
import dev.uvmctl.event.RangeDestroyed;
import dev.uvmctl.event.RangeSplit;
import dev.uvmctl.event.RangeType;
import dev.uvmctl.event.ZombiesCleaned;
import java.util.ArrayList;
import java.util.List;

/**
 * Ranges and their residency (uvm_va_range.c, uvm_va_block.c, uvm_hmm.c; 535..595): creating a range over HMM blocks reclaims them
 * ({@code uvm_va_range_initialize_reclaim}); migrate moves bytes between processors without
 * creating or losing any; a successful eviction moves GPU bytes to the CPU and a failed one
 * leaves them and counts the failure; destroy releases everything of the range, or parks it on
 * the deferred free list.
 */
final class RangeReplay {
    private final ReclaimModel m;

    RangeReplay(ReclaimModel model) {
        this.m = model;
    }

    void created(RangeCreated e) {
        VaSpace vs = m.vaSpaceFor(e, e.vaSpace());
        if (e.observed()) {
            VaRange same = vs.ranges.containing(e.start());
            if (same != null && same.start() == e.start() && same.end() == e.end() && same.type() == e.rangeType()) {
                // A snapshot that sees a range the model already has confirms it: nothing changes.
                same.add(m.sequence, e);
                return;
            }
        }
        for (VaRange old : vs.ranges.overlapping(e.start(), e.end())) {
            vs.ranges.remove(old);
            if (old.type() == RangeType.hmm && e.rangeType() != RangeType.hmm) {
                reclaim(vs, old, e);
            } else {
                m.diagnose(e, "range " + span(e.start(), e.end()) + " overlaps live " + old.type() + " range "
                    + span(old.start(), old.end()) + " (the driver refuses that with NV_ERR_UVM_ADDRESS_IN_USE): that one is taken as destroyed");
            }
            release(old);
        }
        VaRange r = new VaRange(e.start(), e.end(), e.rangeType(), e.range(), !e.observed());
        vs.ranges.add(r);
        r.add(m.sequence, e);
    }

    /**
     * What {@code uvm_hmm_va_block_reclaim} does: an HMM block overlapping a new range is split
     * at the range's bounds and the overlapping part killed. Which of its pages were where is not
     * known for the parts that survive, so their residency is unknown.
     */
    private void reclaim(VaSpace vs, VaRange block, RangeCreated e) {
        if (Long.compareUnsigned(block.start(), e.start()) < 0) {
            survivor(vs, block, block.start(), e.start() - 1);
        }
        if (Long.compareUnsigned(block.end(), e.end()) > 0) {
            survivor(vs, block, e.end() + 1, block.end());
        }
    }

    private void survivor(VaSpace vs, VaRange block, long start, long end) {
        VaRange part = new VaRange(start, end, RangeType.hmm, block.id(), false);
        vs.ranges.add(part);
        List<Evidence> kept = new ArrayList<>();
        block.addTo(kept);
        kept.sort((a, b) -> Long.compare(a.sequence(), b.sequence()));
        for (Evidence ev : kept) {
            part.add(ev.sequence(), ev.event());
        }
    }

    void destroyed(RangeDestroyed e) {
        VaSpace vs = m.vaSpaceNamed(e.vaSpace());
        if (vs == null) {
            m.diagnose(e, m.lifetimes().unknownVaSpace(e.vaSpace()) + ": range at " + hex(e.start()) + " not destroyed");
            return;
        }
        VaRange r = vs.ranges.removeAt(e.start());
        if (r == null) {
            VaRange around = vs.ranges.containing(e.start());
            m.diagnose(e, around != null
                ? "destroy at " + hex(e.start()) + " is inside range " + span(around.start(), around.end()) + ", not at its start: nothing destroyed"
                : "no live range starts at " + hex(e.start()) + " in va_space " + e.vaSpace() + " (never seen created, or already destroyed)");
            return;
        }
        r.add(m.sequence, e);
        if (!e.deferred()) {
            release(r);
            return;
        }
        if (!r.type().canDefer()) {
            m.diagnose(e, "a " + r.type() + " range cannot go onto the deferred free list (only external, channel and device_p2p): destroyed");
            release(r);
            return;
        }
        r.state = RangeState.deferred;
        r.stateSince = m.now;
        vs.deferred.add(r);
    }

    void deferredFreed(DeferredFreed e) {
        VaSpace vs = m.vaSpaceNamed(e.vaSpace());
        if (vs == null) {
            m.diagnose(e, m.lifetimes().unknownVaSpace(e.vaSpace()) + ": no deferred list to free");
            return;
        }
        for (VaRange r : vs.deferred) {
            release(r);
        }
        vs.deferred.clear();
        vs.evidence.add(m.sequence, e);
    }

    void zombiesCleaned(ZombiesCleaned e) {
        VaSpace vs = m.vaSpaceNamed(e.vaSpace());
        if (vs == null) {
            m.diagnose(e, m.lifetimes().unknownVaSpace(e.vaSpace()) + ": no zombies to clean");
            return;
        }
        // all() is a copy: removing while walking it is safe.
        for (VaRange r : vs.ranges.all()) {
            if (r.state == RangeState.zombie) {
                vs.ranges.remove(r);
                release(r);
            }
        }
        vs.evidence.add(m.sequence, e);
    }

    void populated(Populated e) {
        VaRange r = range(e, e.vaSpace(), e.address());
        if (r == null) {
            return;
        }
        r.add(m.sequence, e);
        if (!r.residencyKnown()) {
            return;
        }
        int p = m.processors.id(e.processor());
        long room = r.size() - r.bytesOn(p);
        long added = Math.min(e.bytes(), Math.max(room, 0));
        if (added < e.bytes()) {
            m.diagnose(e, e.bytes() + " bytes populated on " + e.processor() + " but the range " + span(r.start(), r.end())
                + " has only " + room + " more bytes to hold there: counted " + added);
        }
        add(r, p, added);
    }

    /**
     * A migration is a copy the driver made ({@code block_copy_resident_pages_between}, uvm_va_block.c, 535..595, notifies
     * {@code UVM_PERF_EVENT_MIGRATION} once per run of pages it copied): its bytes were on the source whether or not an
     * event said so (a first touch on the CPU is a page fault no probe sees, and a trace may begin mid-run). So all its
     * bytes reach the destination, up to the range's size there, and the source loses what it had of them. A range whose
     * residency is unknown gets it from migrations: the bytes they moved count from then on, never clamped to zero.
     */
    void migrated(Migrated e) {
        VaRange r = range(e, e.vaSpace(), e.address());
        if (r == null) {
            return;
        }
        r.add(m.sequence, e);
        if (e.from().equals(e.to())) {
            return;
        }
        if (!r.residencyKnown()) {
            r.establishResidency();
        }
        int from = m.processors.id(e.from());
        int to = m.processors.id(e.to());
        long room = Math.max(r.size() - r.bytesOn(to), 0);
        long moved = Math.min(e.bytes(), room);
        if (moved < e.bytes()) {
            m.diagnose(e, "migrates " + e.bytes() + " bytes to " + e.to() + " but the range " + span(r.start(), r.end()) + " has only "
                + room + " more bytes to hold there: moved " + moved);
        }
        take(r, from, moved);
        add(r, to, moved);
    }

    /**
     * {@code uvm_va_range_split} (uvm_va_range.c, 535..595) keeps {@code [start, new_end]} in the existing range and
     * gives {@code [new_end + 1, end]} to a new one; {@code uvm_va_range_split_blocks} moves each page's residency with
     * its block. Which pages were where is not known here, so the two pieces keep an exact residency only when every
     * processor held all of the range or none of it; otherwise theirs is unknown until migrations establish it.
     */
    void split(RangeSplit e) {
        VaSpace vs = m.vaSpaceNamed(e.vaSpace());
        if (vs == null) {
            m.diagnose(e, m.lifetimes().unknownVaSpace(e.vaSpace()) + ": no range split at " + hex(e.start()));
            return;
        }
        VaRange old = vs.ranges.containing(e.start());
        if (old == null || old.start() == e.start()) {
            m.diagnose(e, "no live range holds " + hex(e.start()) + " past its start in va_space " + e.vaSpace()
                + " (never seen created, or already destroyed): nothing split");
            return;
        }
        if (old.end() != e.end()) {
            m.diagnose(e, "the new piece ends at " + hex(e.end()) + " but the range it is split from, " + span(old.start(), old.end())
                + ", ends elsewhere (the driver's new piece runs to the range's end): split at " + hex(e.start()) + " all the same");
        }
        boolean exact = old.residencyKnown();
        for (int p = 0; exact && p < old.processorWidth(); p++) {
            exact = old.bytesOn(p) == 0 || old.bytesOn(p) == old.size();
        }
        vs.ranges.remove(old);
        VaRange lower = piece(vs, old, old.start(), e.start() - 1, old.id(), exact);
        VaRange upper = piece(vs, old, e.start(), old.end(), null, exact);
        if (exact) {
            for (int p = 0; p < old.processorWidth(); p++) {
                if (old.bytesOn(p) > 0) {
                    take(old, p, Long.MAX_VALUE);
                    add(lower, p, lower.size());
                    add(upper, p, upper.size());
                }
            }
        } else {
            release(old);
        }
        upper.add(m.sequence, e);
    }

    private VaRange piece(VaSpace vs, VaRange old, long start, long end, String id, boolean residencyKnown) {
        VaRange piece = new VaRange(start, end, old.type(), id, residencyKnown);
        List<Evidence> kept = new ArrayList<>();
        old.addTo(kept);
        for (Evidence ev : kept) {
            piece.add(ev.sequence(), ev.event());
        }
        vs.ranges.add(piece);
        return piece;
    }

    void evicted(Evicted e) {
        VaRange r = null;
        if (e.vaSpace() != null && e.address() != null) {
            r = range(e, e.vaSpace(), e.address());
        }
        GpuState gpu = m.gpuState(e.gpu());
        gpu.evidence.add(m.sequence, e);
        if (r == null) {
            if (e.status() == EvictStatus.ok) {
                gpu.failedEvictions = 0;
                gpu.failingSince = EventTime.UNKNOWN;
                gpu.lastFailure = null;
            } else {
                gpu.failingSince = gpu.failedEvictions++ == 0 ? m.now : gpu.failingSince;
                gpu.lastFailure = e;
            }
            return;
        }
        r.add(m.sequence, e);
        if (e.status() != EvictStatus.ok) {
            r.lastFailure = new Evidence(m.sequence, e);
            if (r.failedEvictions++ == 0) {
                r.failingSince = m.now;
                r.firstFailure = r.lastFailure;
            }
            return;
        }
        r.failedEvictions = 0;
        r.failingSince = EventTime.UNKNOWN;
        r.firstFailure = null;
        r.lastFailure = null;
        // A successful eviction copied its bytes to the CPU (uvm_va_block_evict_chunks -> make_resident, cause
        // EVICTION, uvm_va_block.c 535..595): like a migration, it proves they were on the GPU.
        if (!r.residencyKnown()) {
            r.establishResidency();
        }
        int p = m.processors.id(e.gpu());
        long moved = Math.min(e.bytes(), Math.max(r.size() - r.bytesOn(Processors.CPU), 0));
        take(r, p, moved);
        add(r, Processors.CPU, moved);
    }

    /** The range holding {@code address}, or null with a diagnostic. */
    private VaRange range(Event e, String vaSpace, long address) {
        VaSpace vs = m.vaSpaceNamed(vaSpace);
        if (vs == null) {
            m.diagnose(e, m.lifetimes().unknownVaSpace(vaSpace) + ": event at " + hex(address) + " ignored");
            return null;
        }
        VaRange r = vs.ranges.containing(address);
        if (r == null) {
            m.diagnose(e, "no live range holds " + hex(address) + " in va_space " + vaSpace + " (never seen created, or already destroyed): ignored");
        }
        return r;
    }

    /** Frees everything the range had resident. */
    void release(VaRange r) {
        if (!r.residencyKnown()) {
            return;
        }
        for (int p = 0; p < r.processorWidth(); p++) {
            take(r, p, Long.MAX_VALUE);
        }
    }

    /** Releases everything a va_space that is being ended still has: live, zombie and deferred ranges. */
    void releaseAll(VaSpace vs) {
        for (VaRange r : vs.ranges.all()) {
            release(r);
        }
        for (VaRange r : vs.deferred) {
            release(r);
        }
    }

    private void add(VaRange r, int processor, long bytes) {
        r.addBytes(processor, bytes);
        m.resident(processor, bytes);
    }

    private long take(VaRange r, int processor, long bytes) {
        long taken = r.takeBytes(processor, bytes);
        m.resident(processor, -taken);
        return taken;
    }

    static String span(long start, long end) {
        return "[" + hex(start) + ", " + hex(end) + "]";
    }
}
