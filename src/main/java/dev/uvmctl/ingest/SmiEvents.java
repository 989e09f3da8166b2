package dev.uvmctl.ingest;

import dev.uvmctl.event.Event;
import dev.uvmctl.event.EventTime;
import dev.uvmctl.event.GpuMemory;
import dev.uvmctl.event.GpuProcessMemory;
import dev.uvmctl.event.GpuRetained;
import dev.uvmctl.shared.GpuKey;
import dev.uvmctl.shared.Provenance;
import dev.uvmctl.procfs.GpuView;
import dev.uvmctl.procfs.NvmlProcess;
import dev.uvmctl.procfs.SmiGpu;
import dev.uvmctl.procfs.SmiProcess;
import dev.uvmctl.procfs.SmiSnapshot;
import dev.uvmctl.procfs.UvmGpuInfo;
import dev.uvmctl.procfs.VaSpaceView;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A snapshot's GPUs as events: UVM's retain count of each GPU it knows, and nvidia-smi's memory
 * totals with the per-process use. GPU memory is only given when nvidia-smi listed the
 * processes in a way that can account for it: without a process listing, or with an empty one
 * inside a container (whose PID namespace hides every process from NVML's list), all memory in
 * use would look unattributed, which the snapshot does not show.
 */
final class SmiEvents {
    private SmiEvents() {
    }

    static List<Event> of(VaSpaceView view, EventTime time) {
        List<Event> out = new ArrayList<>();
        for (GpuView g : view.gpus()) {
            GpuRetained r = retained(g, time);
            if (r != null) {
                out.add(r);
            }
        }
        if (!accountable(view)) {
            return out;
        }
        Set<String> measured = new HashSet<>();
        for (GpuView g : view.gpus()) {
            SmiGpu s = g.smi();
            if (s == null || s.totalBytes() == null || s.usedBytes() == null) {
                continue;
            }
            String pci = g.bus() == null ? null : GpuKey.of(g.bus());
            String uuid = GpuKey.normalize(g.uuid());
            String key = pci != null ? pci : uuid != null ? uuid : g.index() == null ? null : "gpu" + g.index();
            if (key == null) {
                continue;
            }
            out.add(new GpuMemory(time, new Provenance(s.origin().input(), s.origin().line(), key + ": " + mib(s.usedBytes()) + " used of "
                + mib(s.totalBytes()) + (s.reservedBytes() == null ? "" : ", " + mib(s.reservedBytes()) + " reserved")
                + (s.freeBytes() == null ? "" : ", " + mib(s.freeBytes()) + " free")), key, g.index(), uuid, pci, s.totalBytes(),
                s.usedBytes(), s.freeBytes(), s.reservedBytes()));
            measured.add(key);
            if (uuid != null) {
                measured.add(uuid);
            }
            if (g.index() != null) {
                measured.add("gpu" + g.index());
            }
        }
        for (NvmlProcess n : view.nvml()) {
            SmiProcess p = n.listed();
            String gpu = gpu(p);
            if (p.pid() != null && p.usedBytes() != null && gpu != null && measured.contains(gpu)) {
                out.add(new GpuProcessMemory(time, new Provenance(p.origin().input(), p.origin().line(), "pid " + p.pid() + " (" + p.name()
                    + ") uses " + mib(p.usedBytes()) + " on " + gpu), gpu, p.pid(), p.name(), p.usedBytes()));
            }
        }
        return out;
    }

    /** True when nvidia-smi's process listing can account for the memory in use (see the class comment). */
    private static boolean accountable(VaSpaceView view) {
        boolean listing = view.snapshot().smi().stream().anyMatch(s -> s.processPanel() != SmiSnapshot.ProcessPanel.absent);
        return listing && !SnapshotGaps.emptyInContainer(view);
    }

    private static GpuRetained retained(GpuView g, EventTime time) {
        Long count = g.retainedCount();
        String uuid = GpuKey.normalize(g.uuid());
        String key = g.bus() != null ? GpuKey.of(g.bus()) : uuid;
        if (count == null || key == null) {
            return null;
        }
        UvmGpuInfo first = g.uvm().get(0);
        String input = first.retainedOrigin() != null ? first.retainedOrigin().input() : first.origin().input();
        long line = first.retainedOrigin() != null ? first.retainedOrigin().line() : 0;
        return new GpuRetained(time, new Provenance(input, line, "retained_count " + count), key, uuid, count);
    }

    /** The GPU a listed process is on, by the best name the listing gives. */
    private static String gpu(SmiProcess p) {
        if (p.gpuBus() != null) {
            return GpuKey.of(p.gpuBus());
        }
        if (p.gpuUuid() != null) {
            return GpuKey.normalize(p.gpuUuid());
        }
        return p.gpuIndex() == null ? null : "gpu" + p.gpuIndex();
    }

    private static String mib(long bytes) {
        return (bytes >> 20) + " MiB";
    }
}
