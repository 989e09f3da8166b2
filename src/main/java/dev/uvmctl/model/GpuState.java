package dev.uvmctl.model;

import dev.uvmctl.event.EventTime;
import dev.uvmctl.event.Evicted;
import dev.uvmctl.event.GpuLost;
import dev.uvmctl.event.GpuMemory;
import dev.uvmctl.event.GpuProcessMemory;
import dev.uvmctl.event.GpuRetained;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the inputs told about one GPU as a whole: its latest memory snapshot (nvidia-smi) with
 * the per-process use of that snapshot, UVM's latest retain count of it, whether it fell off the
 * bus, and evictions that failed with no address to tie them to a range.
 */
public final class GpuState {
    private final String name;
    final EvidenceRing evidence = new EvidenceRing(2, 4);
    final Map<Integer, Evidence> processes = new LinkedHashMap<>();
    GpuMemory snapshot;
    long snapshotAt = EventTime.UNKNOWN;
    long overSince = EventTime.UNKNOWN;
    GpuLost lost;
    GpuRetained retained;
    long retainedAt = EventTime.UNKNOWN;
    long retainedSince = EventTime.UNKNOWN;
    int failedEvictions;
    long failingSince = EventTime.UNKNOWN;
    Evicted lastFailure;

    GpuState(String name) {
        this.name = name;
    }

    /** The name the inputs used (resolve it with the {@link GpuDirectory}). */
    public String name() {
        return name;
    }

    /** The latest totals, or null when no snapshot gave them. */
    public GpuMemory snapshot() {
        return snapshot;
    }

    public long snapshotAt() {
        return snapshotAt;
    }

    /** Per-process use in the latest snapshot ({@link GpuProcessMemory} events), in the order listed. */
    public Collection<Evidence> processes() {
        return Collections.unmodifiableCollection(processes.values());
    }

    /**
     * Since when consecutive snapshots, up to the latest, showed more memory in use (reserved
     * memory apart) than the listed live processes explain, beyond the tolerance.
     */
    public long overSince() {
        return overSince;
    }

    public GpuLost lost() {
        return lost;
    }

    /** UVM's latest {@code retained_count} of the GPU, or null when no input gave it. */
    public GpuRetained retained() {
        return retained;
    }

    public long retainedAt() {
        return retainedAt;
    }

    /** The first of the consecutive snapshots, up to the latest, that showed a retain count above 0; unknown when the latest shows 0. */
    public long retainedSince() {
        return retainedSince;
    }

    /** Failed evictions not tied to a range, since the last eviction on this GPU that succeeded. */
    public int failedEvictions() {
        return failedEvictions;
    }

    public long failingSince() {
        return failingSince;
    }

    public Evicted lastFailure() {
        return lastFailure;
    }

    public EvidenceLog evidence() {
        return evidence;
    }

    /** Takes in what was known about this GPU under another name, before the two were known to be one. */
    void absorb(GpuState other) {
        if (other.snapshot != null && (snapshot == null || other.snapshotAt > snapshotAt)) {
            snapshot = other.snapshot;
            snapshotAt = other.snapshotAt;
            overSince = other.overSince;
            processes.clear();
            processes.putAll(other.processes);
        }
        if (lost == null) {
            lost = other.lost;
        }
        if (other.retained != null && (retained == null || other.retainedAt > retainedAt)) {
            retained = other.retained;
            retainedAt = other.retainedAt;
            retainedSince = other.retainedSince;
        }
        if (other.lastFailure != null && (lastFailure == null || other.failingSince > failingSince)) {
            failedEvictions = other.failedEvictions;
            failingSince = other.failingSince;
            lastFailure = other.lastFailure;
        }
        List<Evidence> theirs = new ArrayList<>();
        other.evidence.addTo(theirs);
        theirs.sort((a, b) -> Long.compare(a.sequence(), b.sequence()));
        for (Evidence e : theirs) {
            evidence.add(e.sequence(), e.event());
        }
    }
}
