package dev.uvmctl.model;

import dev.uvmctl.event.DriverFault;
import dev.uvmctl.event.DriverLeak;
import dev.uvmctl.event.DriverUnloaded;
import dev.uvmctl.event.Event;
import dev.uvmctl.event.EventTime;
import dev.uvmctl.event.GpuLost;
import dev.uvmctl.event.GpuMemory;
import dev.uvmctl.event.GpuProcessMemory;
import dev.uvmctl.event.GpuRetained;
import dev.uvmctl.event.Xid;
import dev.uvmctl.shared.GpuKey;
import dev.uvmctl.shared.Sizes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;

/**
 * GPUs and the driver: nvidia-smi snapshots (totals and per-process use), Xids, a GPU lost,
 * and the driver's own reports. Unloading nvidia_uvm (or nvidia, which it depends on) ends
 * everything of that driver instance.
 */
final class GpuReplay {
    private final ReclaimModel m;
    /** The ids and GPUs whose reuse was said ({@link #uvmId}), as "ID GPU". */
    private final Set<String> reusedIds = new HashSet<>();

    GpuReplay(ReclaimModel model) {
        this.m = model;
    }

    /** A new boot: its GPUs get their ids anew. */
    void endBoot() {
        reusedIds.clear();
    }

    void leak(DriverLeak e) {
        if (!DriverHistory.keep(m.driver.leaks, new Evidence(m.sequence, e))) {
            m.diagnose(e, "more than " + DriverHistory.KEPT + " leak reports in this boot: this one is not a finding of its own");
        }
    }

    void memory(GpuMemory e) {
        alias(e.gpu(), e.pci());
        alias(e.gpu(), e.uuid());
        alias(e.gpu(), e.index() == null ? null : "gpu" + e.index());
        GpuState gpu = m.gpuState(e.gpu());
        finish(gpu);
        gpu.snapshot = e;
        gpu.snapshotAt = m.now;
        gpu.processes.clear();
        gpu.evidence.add(m.sequence, e);
    }

    /**
     * Learns that two names are one GPU, and makes what was known under each one state, and one
     * processor: the bytes each range had under either name are on that GPU from now on.
     */
    private void alias(String a, String b) {
        String merged = m.gpus.alias(a, b);
        if (merged == null) {
            return;
        }
        GpuState gone = m.gpuStates.remove(merged);
        if (gone != null) {
            m.gpuState(merged).absorb(gone);
        }
        int[] slots = m.processors.merge(merged, m.gpus.resolve(merged));
        if (slots != null) {
            m.ranges().mergeProcessors(slots[0], slots[1]);
        }
    }

    void processMemory(GpuProcessMemory e) {
        GpuState gpu = m.gpuState(e.gpu());
        if (gpu.snapshot == null) {
            m.diagnose(e, "per-process use of " + e.gpu() + " before any gpu_memory snapshot of it: ignored");
            return;
        }
        gpu.processes.put(e.pid(), new Evidence(m.sequence, e));
    }

    /**
     * The latest retain count UVM's procfs gave for the GPU, and its UVM processor id: a trace's migrations
     * name the GPU {@code uvm-gpuN} when the trace itself says nothing more (a trace saved by hand).
     */
    void retained(GpuRetained e) {
        alias(e.gpu(), e.uuid());
        if (e.uvmId() != null) {
            uvmId(e, e.uvmId());
        }
        if (e.count() == null) {
            return; // a name, no count: what UVM retains stays what the last count said
        }
        GpuState gpu = m.gpuState(e.gpu());
        if (e.count() <= 0) {
            gpu.retainedSince = EventTime.UNKNOWN;
        } else if (gpu.retained == null || gpu.retained.count() <= 0) {
            gpu.retainedSince = m.now;
        }
        gpu.retained = e;
        gpu.retainedAt = m.now;
        gpu.evidence.add(m.sequence, e);
    }

    /**
     * Ties {@code uvm-gpuN} to the record's GPU, unless it is tied to another GPU already. UVM gives a GPU the
     * first free id when a va_space first registers it, and frees the id when the GPU's retained_count drops to 0
     * (uvm_gpu.c, 580.95.05: find_unused_gpu_id, remove_gpu): between two jobs that use different GPUs, one id
     * names two GPUs in one boot. The name keeps the GPU it was first tied to (two GPUs are never made one), and
     * the reuse is said once per id and GPU.
     */
    private void uvmId(GpuRetained e, int id) {
        String uvmName = GpuKey.uvmProcessor(id);
        String was = m.gpus.resolve(uvmName);
        String now = m.gpus.resolve(e.gpu());
        if (was.equals(uvmName) || was.equals(now)) {
            alias(e.gpu(), uvmName);
        } else if (reusedIds.add(id + " " + now)) {
            m.diagnose(e, "UVM's processor id " + id + " is " + now + " here, but was " + was + " before: UVM gives a GPU the first "
                + "free id when a va_space first registers it and frees it when the GPU is released, so " + uvmName
                + " in a trace without gpu= lines is taken to be " + was);
        }
    }

    void xid(Xid e) {
        m.gpuState(e.gpu()).evidence.add(m.sequence, e);
        m.lifetimes().xid(e);
    }

    void lost(GpuLost e) {
        GpuState gpu = m.gpuState(e.gpu());
        gpu.lost = e;
        gpu.evidence.add(m.sequence, e);
    }

    void unloaded(DriverUnloaded e) {
        if (!e.module().equals("nvidia_uvm") && !e.module().equals("nvidia")) {
            return;
        }
        m.driver.lastUnload = new Evidence(m.sequence, e);
        // The module cannot be unloaded while a release of one of its files is running: /dev/nvidia-uvm's
        // file_operations are owned by the module, whose reference each open file holds until ->release
        // returns (uvm.c: uvm_fops .owner = THIS_MODULE, uvm_release; 515..595), and nvidia cannot go
        // before nvidia_uvm, which uses it. So every task reported blocked in the driver before has got on.
        m.driver.blocked.clear();
        m.driver.blockedPids.clear();
        for (VaSpace vs : new ArrayList<>(m.vaSpaces.values())) {
            m.lifetimes().destroy(vs, e);
        }
    }

    void fault(DriverFault e) {
        if (!DriverHistory.keep(m.driver.faults, new Evidence(m.sequence, e))) {
            m.diagnose(e, "more than " + DriverHistory.KEPT + " driver faults in this boot: this one is not a finding of its own");
        }
        if (e.pid() != null) {
            ProcessInfo p = m.processes.known(e.pid());
            if (p != null) {
                p.evidence.add(m.sequence, e);
            }
        }
    }

    /** Judges the last snapshot of every GPU; the model calls it at the end of a boot and of the replay. */
    void finishSnapshots() {
        for (GpuState gpu : m.gpuStates.values()) {
            finish(gpu);
        }
    }

    /**
     * Judges a GPU's current snapshot before the next replaces it: is more memory in use (beyond
     * what the driver reserves) than the live processes listed explain, beyond the tolerance? The model's
     * own ranges are counted at the end, by the findings; this only dates the excess.
     */
    private void finish(GpuState gpu) {
        if (gpu.snapshot == null) {
            return;
        }
        long explained = 0;
        for (Evidence listed : gpu.processes.values()) {
            GpuProcessMemory p = (GpuProcessMemory) listed.event();
            // Alive when the snapshot was taken: a later input may have told of its end before this judgement.
            if (m.heldFilesAt(p.pid(), gpu.snapshotAt)) {
                explained = Sizes.saturatedSum(explained, p.used());
            }
        }
        boolean over = gpu.snapshot.inUse() - explained > m.tolerance;
        if (!over) {
            gpu.overSince = EventTime.UNKNOWN;
        } else if (gpu.overSince == EventTime.UNKNOWN) {
            gpu.overSince = gpu.snapshotAt;
        }
    }
}
