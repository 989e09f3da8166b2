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
import dev.uvmctl.event.TransferMode;
import dev.uvmctl.event.ZombiesCleaned;
import java.util.ArrayList;
import java.util.List;

/**
 * Ranges and their residency, as the driver keeps them (kernel-open/nvidia-uvm, 580.95.05; the
 * same in 535.288.01 unless said): creating a range over HMM blocks reclaims them; a semaphore
 * pool is system memory from its creation; a page is first touched once per range, and only read
 * duplication puts it on a second processor; a migration moves or copies bytes without creating
 * any, and proves they were on its source; a successful eviction moves GPU bytes to the CPU and a
 * failed one leaves them and counts the failure; a split gives the upper part to a new range,
 * each block going with its part, failed evictions and all; destroy releases everything of the
 * range, or parks it on the deferred free list.
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
        if (!vs.tornDown.isEmpty()) {
            vs.tornDown.remove(e.start());
        }
        vs.ranges.add(r);
        r.add(m.sequence, e);
        if (r.type() == RangeType.semaphore_pool && r.residencyKnown()) {
            // uvm_va_range_create_semaphore_pool (uvm_va_range.c, 580.95.05 and 535.288.01) allocates the whole pool with
            // uvm_mem_alloc, with no backing GPU: "The semaphore pool memory is located in sysmem".
            add(r, Processors.CPU, r.size());
        }
    }

    /**
     * What {@code uvm_hmm_va_block_reclaim} (uvm_hmm.c, 580.95.05) does before a range is created over HMM
     * blocks, a managed one through {@code uvm_va_range_create_mmap} and the others through
     * {@code uvm_va_range_initialize_reclaim} (uvm_va_range.c): {@code split_block_if_needed}
     * splits an overlapping block at the new range's bounds with {@code hmm_split_block}, moves
     * the GPU data of the overlapping part to the CPU and kills that part. The split
     * ({@code uvm_va_block_split_locked}, uvm_va_block.c) gives each part the residency of its own
     * pages, so a part that survives keeps an exact residency when every processor held all of
     * the block or none of it; otherwise which of its pages were where is unknown.
     */
    private void reclaim(VaSpace vs, VaRange block, RangeCreated e) {
        boolean exact = wholePages(block);
        if (Long.compareUnsigned(block.start(), e.start()) < 0) {
            survivor(vs, block, block.start(), e.start() - 1, exact);
        }
        if (Long.compareUnsigned(block.end(), e.end()) > 0) {
            survivor(vs, block, e.end() + 1, block.end(), exact);
        }
    }

    /** Every processor holds all of the block's pages or none of them: each page's residency is known. */
    private static boolean wholePages(VaRange block) {
        if (!block.residencyKnown()) {
            return false;
        }
        for (int p = 0; p < block.processorWidth(); p++) {
            long b = block.bytesOn(p);
            if (b != 0 && b != block.size()) {
                return false;
            }
        }
        return true;
    }

    private void survivor(VaSpace vs, VaRange block, long start, long end, boolean exact) {
        part(vs, block, start, end, block.id(), exact);
    }

    /**
     * A part {@code [start, end]} of {@code whole} (an HMM block split, or a va_range split): the
     * whole's evidence, and when {@code exact} ({@link #wholePages}) each processor's bytes of the
     * whole scaled to the part, since every page the processor had is in it.
     */
    private VaRange part(VaSpace vs, VaRange whole, long start, long end, String id, boolean exact) {
        VaRange part = new VaRange(start, end, whole.type(), id, exact);
        vs.ranges.add(part);
        List<Evidence> kept = new ArrayList<>();
        whole.addTo(kept);
        kept.sort((a, b) -> Long.compare(a.sequence(), b.sequence()));
        for (Evidence ev : kept) {
            part.add(ev.sequence(), ev.event());
        }
        if (exact) {
            for (int p = 0; p < whole.processorWidth(); p++) {
                if (whole.bytesOn(p) > 0) {
                    add(part, p, part.size());
                }
            }
            part.duplicated(true);
        }
        keepFailures(whole, part);
        if (whole.bytesAtLeast()) {
            part.untracked();
        }
        return part;
    }

    /**
     * A split moves each block, with its GPU chunks, to the part that holds it
     * ({@code uvm_va_range_split} -> {@code uvm_va_range_split_blocks}, uvm_va_range.c, 580.95.05 and
     * 535.288.01; {@code split_block_if_needed} for an HMM block, uvm_hmm.c): the chunk an eviction
     * could not free is still the block's. So the run of failed evictions goes on in the part that
     * holds the block of its last failure, and in no other.
     */
    private static void keepFailures(VaRange whole, VaRange part) {
        Evidence last = whole.lastFailure;
        Long at = last == null ? null : ((Evicted) last.event()).address();
        if (at == null || !part.contains(at)) {
            return;
        }
        part.failedEvictions = whole.failedEvictions;
        part.failingSince = whole.failingSince;
        part.firstFailure = whole.firstFailure;
        part.lastFailure = last;
    }

    /**
     * {@code uvm_va_range_split} (uvm_va_range.c, 580.95.05; the same in 535.288.01) keeps
     * {@code [start, new_end]} in the existing range and gives {@code [new_end + 1, end]} to a new
     * one; {@code uvm_va_range_split_blocks} moves each page's residency with its block. Which
     * pages were where is not known here, so the two parts keep an exact residency only when
     * every processor held all of the range or none of it; otherwise theirs is unknown until
     * migrations establish it.
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
        boolean exact = wholePages(old);
        vs.ranges.remove(old);
        part(vs, old, old.start(), e.start() - 1, old.id(), exact);
        VaRange upper = part(vs, old, e.start(), old.end(), null, exact);
        release(old);
        upper.add(m.sequence, e);
    }

    void destroyed(RangeDestroyed e) {
        VaSpace vs = m.vaSpaceNamed(e.vaSpace());
        if (vs == null) {
            DestroyedVaSpace gone = m.destroyed.get(e.vaSpace());
            if (gone != null && gone.rangeDestroyed(e.start())) {
                // uvm_va_space_destroy taking down a range it still had, after its own entry: already released with it.
                return;
            }
            m.diagnose(e, m.lifetimes().unknownVaSpace(e.vaSpace()) + ": range at " + hex(e.start()) + " not destroyed");
            return;
        }
        VaRange r = vs.ranges.removeAt(e.start());
        if (r == null) {
            VaRange around = vs.ranges.containing(e.start());
            if (around == null && vs.tornDown.remove(e.start())) {
                // The driver's own destroy of a managed range the owner's end already took down
                // (uvm_vm_close_managed from exit_mmap, uvm.c, 535.43.02..595.45.04): it confirms the model.
                vs.evidence.add(m.sequence, e);
                return;
            }
            // A split the driver could not finish destroys its new upper piece before the tree holds it, with no
            // RANGE_SHRINK (uvm_va_range_split: uvm_va_range_split_blocks failed, uvm_va_range.c, 595.45.04): the range stays whole.
            m.diagnose(e, around != null
                ? "destroy at " + hex(e.start()) + " is inside range " + span(around.start(), around.end()) + ", not at its start: nothing "
                    + "destroyed (the driver destroys the new piece of a split it could not finish, and the range stays whole)"
                : "no live range starts at " + hex(e.start()) + " in va_space " + e.vaSpace() + " (never seen created, or already destroyed)");
            return;
        }
        r.add(m.sequence, e);
        if (!e.deferred()) {
            release(r);
            if (r.type() == RangeType.managed) {
                // The last mapping may have held the last reference on the file (VaSpace.held).
                m.lifetimes().checkOrphaned(vs);
            }
            return;
        }
        if (!parksOnDeferredList(r.type())) {
            m.diagnose(e, r.type() == RangeType.channel
                ? "a channel range is freed at once: what goes onto the deferred free list is its user channel object, not the range: destroyed"
                : "a " + r.type() + " range cannot go onto the deferred free list (only external and device_p2p ranges): destroyed");
            release(r);
            return;
        }
        r.state = RangeState.deferred;
        r.stateSince = m.now;
        vs.deferred.add(r);
    }

    /**
     * Whether destroying a range of {@code type} can leave its memory on the va_space's deferred
     * free list, for {@code uvm_deferred_free_object_list} (uvm_va_space.c) to free once the
     * va_space lock is dropped. {@code uvm_va_range_destroy} (uvm_va_range.c) dispatches on the
     * type: an external range queues its GPU mappings ({@code uvm_ext_gpu_map_destroy},
     * uvm_map_external.c), a device P2P range its P2P memory ({@code uvm_va_range_destroy_device_p2p},
     * 565.57.01 on). {@code uvm_va_range_destroy_channel} frees a channel range at once and leaves
     * the RM descriptor to channel unregister: the object on the list is the user channel
     * ({@code uvm_user_channel_detach}, uvm_user_channel.c), not the range. Managed,
     * sked-reflected and semaphore-pool ranges and HMM blocks are freed at once.
     */
    static boolean parksOnDeferredList(RangeType type) {
        return switch (type) {
            case external, device_p2p -> true;
            case managed, channel, sked_reflected, semaphore_pool, hmm -> false;
        };
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

    /**
     * First touch is per range: {@code block_copy_set_first_touch_residency} (uvm_va_block.c, 580.95.05)
     * makes resident only pages resident nowhere, so without read duplication the bytes over all
     * processors never exceed the range. What an input claims beyond that is cut, with a diagnostic.
     */
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
        if (r.type() == RangeType.semaphore_pool) {
            if (p != Processors.CPU) {
                semaphorePoolStays(e, r, e.processor());
            }
            return;
        }
        long room = Math.max(r.size() - r.occupied(), 0);
        long added = Math.min(e.bytes(), room);
        if (added < e.bytes()) {
            m.diagnose(e, e.bytes() + " bytes populated on " + e.processor() + " but only " + room + " bytes of the range "
                + span(r.start(), r.end()) + " are resident nowhere (without read duplication a page is resident on one processor): counted "
                + added);
        }
        add(r, p, added);
        r.duplicated(false);
    }

    /**
     * A move ({@code uvm_va_block_make_resident}, uvm_va_block.c, 580.95.05) takes pages off every other
     * processor ({@code break_read_duplication_in_region}); a copy
     * ({@code uvm_va_block_make_resident_read_duplicate}, transfer mode COPY) leaves them on the
     * source too. See {@link #transfer} for what the bytes prove.
     */
    void migrated(Migrated e) {
        VaRange r = range(e, e.vaSpace(), e.address());
        if (r == null) {
            return;
        }
        r.add(m.sequence, e);
        int from = m.processors.id(e.from());
        int to = m.processors.id(e.to());
        if (from == to) {
            return;
        }
        if (r.type() == RangeType.semaphore_pool) {
            semaphorePoolStays(e, r, from == Processors.CPU ? e.to() : e.from());
            return;
        }
        transfer(e, r, e.from(), to, e.bytes(), e.mode() == TransferMode.copy);
    }

    /**
     * The one rule for bytes the driver copied between processors, a migration or an eviction.
     * {@code block_copy_resident_pages_between} (uvm_va_block.c, 580.95.05; the same in
     * 535.288.01) copies only pages resident on the source and not on the destination, and
     * notifies {@code UVM_PERF_EVENT_MIGRATION} ({@code uvm_perf_event_notify_migration},
     * uvm_perf_events.h) once per run of pages it copied. So the bytes were on the source whether
     * or not an event said so: a first touch on the CPU is a page fault no probe sees, and a trace
     * may begin mid-run. A range whose residency is unknown gets it here (never clamped to zero);
     * where the source's known bytes fall short, the rest were resident there untracked, taken
     * from the part of the range resident nowhere as far as the model knows. A move keeps the sum
     * over processors within the range; a copy leaves the source its pages. Only bytes beyond the
     * range are impossible, and diagnosed.
     */
    private void transfer(Event e, VaRange r, String source, int to, long bytes, boolean copy) {
        int from = m.processors.id(source);
        if (!r.residencyKnown()) {
            r.establishResidency();
        }
        long nowhere = Math.max(r.size() - r.occupied(), 0);
        long known = copy ? Math.min(bytes, r.bytesOn(from)) : take(r, from, bytes);
        long untracked = Math.min(bytes - known, nowhere);
        if (untracked > 0) {
            r.untracked();
        }
        if (copy) {
            add(r, from, untracked);
        }
        long proved = known + untracked;
        if (proved < bytes) {
            m.diagnose(e, (copy ? "copies " : "moves ") + bytes + " bytes from " + source + " but the range "
                + span(r.start(), r.end()) + " has only " + proved + " bytes that can have been there: " + (copy ? "copied " : "moved ")
                + proved);
        }
        long added = Math.min(proved, r.size() - r.bytesOn(to));
        add(r, to, added);
        r.duplicated(copy && added > 0);
    }

    private void semaphorePoolStays(Event e, VaRange r, String gpu) {
        m.diagnose(e, "the semaphore pool " + span(r.start(), r.end()) + " is system memory from its creation and never moves: nothing of it is on "
            + gpu);
    }

    void evicted(Evicted e) {
        VaRange r = null;
        if (e.vaSpace() != null && e.address() != null) {
            r = range(e, e.vaSpace(), e.address());
        }
        GpuState gpu = m.gpuState(e.gpu());
        gpu.evidence.add(m.sequence, e);
        boolean ok = Evictions.status(e) == EvictStatus.ok;
        if (r == null) {
            if (ok) {
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
        if (!ok) {
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
        // A successful eviction copies its bytes to the CPU (uvm_va_block_evict_chunks ->
        // block_copy_resident_pages, cause EVICTION, uvm_va_block.c, 580.95.05): a move, like a
        // migration. A read-duplicated page the CPU has already is only dropped from the GPU.
        transfer(e, r, e.gpu(), Processors.CPU, e.bytes(), false);
    }

    /**
     * Two processor numbers turned out to be one GPU ({@link Processors#merge}): what each range
     * had on {@code from} is on {@code to}. A page counted under both names is one page, so no
     * range ends up with more than its size there.
     */
    void mergeProcessors(int from, int to) {
        for (VaSpace vs : m.vaSpaces.values()) {
            for (VaRange r : vs.ranges.all()) {
                fold(r, from, to);
            }
            for (VaRange r : vs.deferred) {
                fold(r, from, to);
            }
        }
    }

    private void fold(VaRange r, int from, int to) {
        if (!r.residencyKnown()) {
            return;
        }
        long had = take(r, from, Long.MAX_VALUE);
        if (had > 0) {
            add(r, to, Math.min(had, r.size() - r.bytesOn(to)));
            r.duplicated(false);
        }
    }

    /**
     * The range holding {@code address}, or null with a diagnostic. A va_space no input showed created is taken to exist from
     * here on ({@link ReclaimModel#vaSpaceFor}): the input began after it was made, and it is in use; one already destroyed is
     * not (its pointer's events after its destroy are ignored). A range of a va_space the input showed only from its middle
     * was made before it began: the first such event is said, and the others of that va_space are not.
     */
    private VaRange range(Event e, String vaSpace, long address) {
        VaSpace vs = m.vaSpaceNamed(vaSpace);
        if (vs == null) {
            if (m.destroyed.containsKey(vaSpace)) {
                m.diagnose(e, m.lifetimes().unknownVaSpace(vaSpace) + ": event at " + hex(address) + " ignored");
                return null;
            }
            vs = m.vaSpaceFor(e, vaSpace);
        }
        VaRange r = vs.ranges.containing(address);
        if (r == null && !vs.seenCreated && !vs.observed) {
            if (!vs.saidRangesBefore) {
                vs.saidRangesBefore = true;
                m.diagnose(e, "no live range holds " + hex(address) + " in va_space " + vaSpace + ", which the input did not show created: "
                    + "a range made before the input began, whose events are ignored (this one, and the later ones of such ranges of it, "
                    + "which are not said again)");
            }
        } else if (r == null) {
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
