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
 * inside a container (whose PID namespace hides every process from NVML's list), or with one
 * that cannot tell each process's use (WDDM under WSL: {@code Not available in WDDM driver
 * model}, Windows programs with the host's pids), all memory in use would look unattributed, which the snapshot does not show; {@link #blind} says so, so that
 * the answer is incomplete rather than clean.
 */
final class SmiEvents {
    private SmiEvents() {
    }

    static List<Event> of(VaSpaceView view, EventTime time) {
        List<Event> out = new ArrayList<>();
        for (GpuView g : view.gpus()) {
            String uuid = GpuKey.normalize(g.uuid());
            String key = g.bus() != null ? GpuKey.of(g.bus()) : uuid;
            if (key == null) {
                continue;
            }
            GpuRetained r = retained(g, time, key, uuid);
            if (r != null) {
                out.add(r);
            }
            if (r == null || r.uvmId() == null) {
                named(g, time, key, uuid, out);
            }
            if (g.uvm().isEmpty() && view.gpus().size() == 1 && g.bus() != null && (g.information() != null || g.smi() != null)
                && view.snapshot().capture().containerEvidence() == null) {
                onlyGpu(g, time, key, uuid, out);
            }
        }
        if (!accountable(view)) {
            return out;
        }
        Set<String> measured = new HashSet<>();
        for (GpuView g : view.gpus()) {
            GpuMemory memory = memory(g, time);
            if (memory == null) {
                continue;
            }
            out.add(memory);
            measured.add(memory.gpu());
            if (memory.uuid() != null) {
                measured.add(memory.uuid());
            }
            if (g.index() != null) {
                measured.add("gpu" + g.index());
            }
        }
        for (NvmlProcess n : view.nvml()) {
            SmiProcess p = n.listed();
            String gpu = gpu(p);
            if (p.pid() != null && p.usedBytes() != null && gpu != null && measured.contains(gpu)) {
                out.add(new GpuProcessMemory(time, p.origin().withText("pid " + p.pid() + " (" + (p.name() == null ? "name not known" : p.name())
                    + ") uses " + mib(p.usedBytes()) + " on " + gpu), gpu, p.pid(), p.name(), p.usedBytes()));
            }
        }
        return out;
    }

    /** True when nvidia-smi's process listing can account for the memory in use (see the class comment). */
    private static boolean accountable(VaSpaceView view) {
        return listing(view) && !SnapshotGaps.emptyInContainer(view) && !SnapshotGaps.perProcessUsageUnknown(view);
    }

    /** True when some nvidia-smi output lists processes (or says there are none): its process panel is there, whole. */
    private static boolean listing(VaSpaceView view) {
        return view.snapshot().smi().stream().anyMatch(s -> s.processPanel() != SmiSnapshot.ProcessPanel.absent);
    }

    /**
     * Why the GPUs' memory cannot be judged, or null: nvidia-smi gave the GPUs' memory but no
     * process list (its process panel cut off or missing) while some GPU has more than
     * {@code tolerance} in use. That memory would otherwise drop out of the report unjudged.
     */
    static String blind(VaSpaceView view, long tolerance) {
        if (listing(view)) {
            return null;
        }
        List<String> over = new ArrayList<>();
        for (GpuView g : view.gpus()) {
            GpuMemory memory = memory(g, EventTime.NONE);
            if (memory != null && memory.inUse() > tolerance) {
                over.add("GPU " + memory.gpu() + " has " + mib(memory.inUse()) + " in use");
            }
        }
        if (over.isEmpty()) {
            return null;
        }
        List<String> inputs = view.snapshot().smi().stream().map(SmiSnapshot::input).toList();
        return "nvidia-smi lists no processes" + (inputs.isEmpty() ? "" : " in " + String.join(", ", inputs))
            + " (its process panel is cut off or missing), yet " + String.join(" and ", over) + ", more than the tolerance of "
            + mib(tolerance) + ": who holds that memory is unknown";
    }

    /** A GPU's totals as nvidia-smi gave them, named by its PCI bus id (else UUID, else index), or null when it gave none. */
    private static GpuMemory memory(GpuView g, EventTime time) {
        SmiGpu s = g.smi();
        if (s == null || s.totalBytes() == null || s.usedBytes() == null) {
            return null;
        }
        String pci = g.bus() == null ? null : GpuKey.of(g.bus());
        String uuid = GpuKey.normalize(g.uuid());
        String key = pci != null ? pci : uuid != null ? uuid : g.index() == null ? null : "gpu" + g.index();
        if (key == null) {
            return null;
        }
        return new GpuMemory(time, s.origin().withText(key + ": " + mib(s.usedBytes()) + " used of "
            + mib(s.totalBytes()) + (s.reservedBytes() == null ? "" : ", " + mib(s.reservedBytes()) + " reserved")
            + (s.freeBytes() == null ? "" : ", " + mib(s.freeBytes()) + " free")), key, g.index(), uuid, pci, s.totalBytes(),
            s.usedBytes(), s.freeBytes(), s.reservedBytes());
    }

    /** UVM's count for the GPU known as {@code key}, or null when its infos did not all give one. */
    private static GpuRetained retained(GpuView g, EventTime time, String key, String uuid) {
        Long count = g.retainedCount();
        if (count == null) {
            return null;
        }
        UvmGpuInfo first = g.uvm().get(0);
        String input = first.retainedOrigin() != null ? first.retainedOrigin().input() : first.origin().input();
        long line = first.retainedOrigin() != null ? first.retainedOrigin().line() : 0;
        return new GpuRetained(time, new Provenance(input, line, "retained_count " + count), key, uuid, g.uvmId(), count);
    }

    /**
     * UVM's processor ids of one GPU's parent slot ({@code UVM_PARENT_ID_MAX_SUB_PROCESSORS},
     * uvm_processors.h, 550.40.07..595.45.04): the GPU and its MIG instances.
     */
    private static final int SUB_PROCESSORS = 8;

    /**
     * The node's only GPU, with no UVM info to say its ids (UVM retained none when the snapshot
     * was taken: a GPU's procfs directory lives only while it is retained, uvm_gpu.c): it has
     * UVM's processor ids 1 to 8. {@code find_unused_gpu_id} (uvm_gpu.c, 580.95.05) gives a GPU
     * the first free parent slot, the first of all on a node with one GPU, and each of its MIG
     * instances a sub-processor of that slot, id {@code slot * 8 + sub + 1}
     * ({@code uvm_gpu_id_from_sub_processor_index}, from 550.40.07); on 535 and 545 every
     * sub-processor has its parent's id, 1, and the others never appear. "Only" as the core
     * driver's list ({@code /proc/driver/nvidia/gpus}) or nvidia-smi's says: inside a GPU
     * container both list the container's GPUs alone (the NVIDIA container toolkit mounts only
     * those), so a snapshot that knows it was taken in a container names nothing this way; one that
     * does not know it, given beside a trace of the whole node, would name the ids wrongly, and the
     * records' text says what they rest on. Records that only name the GPU.
     */
    private static void onlyGpu(GpuView g, EventTime time, String key, String uuid, List<Event> out) {
        Provenance at = g.information() != null ? g.information().origin() : g.smi().origin();
        String list = g.information() != null ? "/proc/driver/nvidia/gpus" : "nvidia-smi's list";
        for (int id = 1; id <= SUB_PROCESSORS; id++) {
            out.add(new GpuRetained(time, new Provenance(at.input(), Math.max(at.line(), 1), "the only GPU of " + list
                + ": UVM's processor id " + id + " (ids 1 to " + SUB_PROCESSORS + ", the GPU and its MIG instances)"), key, uuid, id, null));
        }
    }

    /**
     * The UVM processor ids of a GPU whose count record carries none: its MIG instances from 550.40.07, each with
     * an id of its own (uvm_gpu.c: {@code find_unused_gpu_id} gives a sub-processor the first free index under its
     * parent's), or a GPU whose count could not be read. Each is one record that only names the GPU.
     */
    private static void named(GpuView g, EventTime time, String key, String uuid, List<Event> out) {
        Set<Integer> ids = new HashSet<>();
        for (UvmGpuInfo u : g.uvm()) {
            if (u.uvmId() != null && ids.add(u.uvmId())) {
                // The info's first line says the id: line 1 of its file, or where a bug report's section of it begins.
                long line = u.origin().line() > 0 ? u.origin().line() : 1;
                out.add(new GpuRetained(time, new Provenance(u.origin().input(), line, "GPU ID " + u.uvmId()), key, uuid, u.uvmId(), null));
            }
        }
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
