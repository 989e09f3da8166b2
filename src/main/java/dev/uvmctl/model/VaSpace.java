package dev.uvmctl.model;

import dev.uvmctl.event.EventTime;
import dev.uvmctl.event.RangeType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A va_space: the ranges it owns, the processes holding file descriptors on it, and the times
 * its lifetime turned (owner gone, last holder gone, release deferred by a suspend).
 */
public final class VaSpace {
    private final String id;
    private final String boot;
    final RangeTree ranges = new RangeTree();
    final List<VaRange> deferred = new ArrayList<>();
    final Map<ProcessInfo, Holder> holders = new LinkedHashMap<>();
    final EvidenceRing evidence = new EvidenceRing(3, 3);
    /**
     * Starts of the managed ranges the model took as destroyed with the owner's address space
     * ({@link LifetimeReplay#ownerMmGone}), whose destroy the input may still show when
     * {@code exit_mmap} gets to them.
     */
    final Set<Long> tornDown = new HashSet<>();

    ProcessInfo owner;
    boolean sharing;
    boolean observed;
    boolean seenCreated;
    long createdAt = EventTime.UNKNOWN;
    long ownerGoneAt = EventTime.UNKNOWN;
    long orphanedAt = EventTime.UNKNOWN;
    long releaseDeferredAt = EventTime.UNKNOWN;
    /** When the first event that showed it was replayed: its creation, or where no input showed that, the event that made the model take it to exist. */
    long firstSeenAt = EventTime.UNKNOWN;
    /** Whether an event of a range it had before the input began was said: said once, since an input that began late has many. */
    boolean saidRangesBefore;

    VaSpace(String id, String boot) {
        this.id = id;
        this.boot = boot;
    }

    public String id() {
        return id;
    }

    /** The boot it lives in (null: the input names none). */
    public String boot() {
        return boot;
    }

    /** The process whose mm the va_space belongs to, or null when no input told. */
    public ProcessInfo owner() {
        return owner;
    }

    public Collection<Holder> holders() {
        return Collections.unmodifiableCollection(holders.values());
    }

    /** Live and zombie ranges, lowest start first. */
    public Collection<VaRange> ranges() {
        return ranges.all();
    }

    /** Ranges destroyed onto the deferred free list and not yet freed, in the order they went there. */
    public List<VaRange> deferred() {
        return Collections.unmodifiableList(deferred);
    }

    /** Multi-process sharing mode: managed ranges outlive their vma as zombies. */
    public boolean sharing() {
        return sharing;
    }

    /** A snapshot saw it exist: what it holds besides the ranges events tell is unknown. */
    public boolean observed() {
        return observed;
    }

    /** False when the input began after the va_space was created. */
    public boolean seenCreated() {
        return seenCreated;
    }

    public long createdAt() {
        return createdAt;
    }

    /** When the first event that showed it was replayed ({@link EventTime#UNKNOWN}: no time told): it existed then. */
    public long firstSeenAt() {
        return firstSeenAt;
    }

    /** When the owner exited or became a zombie; {@link EventTime#UNKNOWN} while it lives. */
    public long ownerGoneAt() {
        return ownerGoneAt;
    }

    /** When the last holder let go, so that the driver should have destroyed it. */
    public long orphanedAt() {
        return orphanedAt;
    }

    /** When its release was deferred because the system was suspending; unknown once resumed. */
    public long releaseDeferredAt() {
        return releaseDeferredAt;
    }

    public EvidenceLog evidence() {
        return evidence;
    }

    /**
     * True when some holder's process is alive and so still holds its files, or when its live
     * owner still maps a managed range: each mapping of the fd holds a reference on the file
     * ({@code vm_file}), so {@code uvm_release} (uvm.c, 580.95.05) cannot run before the owner
     * unmaps it or its address space goes, whatever fds were closed.
     */
    public boolean held() {
        for (Holder h : holders.values()) {
            if (h.process().holdsFiles()) {
                return true;
            }
        }
        return owner != null && owner.holdsFiles() && mapsManaged();
    }

    private boolean mapsManaged() {
        for (VaRange r : ranges.all()) {
            if (r.type() == RangeType.managed && r.state == RangeState.live) {
                return true;
            }
        }
        return false;
    }
}
