package dev.uvmctl.procfs;

import dev.uvmctl.shared.PciAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Builds the va_spaces view from a snapshot: classifies every holder by what /proc says of it,
 * groups {@code /dev/nvidia-uvm} holders into va_spaces (a child that inherited its parent's fd
 * joins the parent's), joins each GPU's sources by PCI address or UUID, classifies NVML's pids,
 * and notes what the reader cannot see. It judges nothing: what should have been released is
 * the reclaim model's finding, for every command. The rules are in docs/va-spaces.md.
 */
public final class VaSpaceViewBuilder {
    private final SystemSnapshot snapshot;
    private final Map<Integer, SnapshotHolder> holders = new LinkedHashMap<>();
    private final List<ViewNote> notes = new ArrayList<>();

    private VaSpaceViewBuilder(SystemSnapshot snapshot) {
        this.snapshot = snapshot;
    }

    /** The id of the note that nvidia-smi cannot say how much GPU memory each process uses. */
    public static final String PER_PROCESS_USAGE_UNKNOWN = "per-process-usage-unknown";
    /** The note for a GPU nvidia-smi could not reach: its memory and its processes are unknown. */
    public static final String SMI_GPU_UNREACHABLE = "smi-gpu-unreachable";
    /** The note for a GPU nvidia-smi lists without a figure for its memory in use or its total. */
    public static final String SMI_GPU_MEMORY_UNKNOWN = "smi-gpu-memory-unknown";

    public static VaSpaceView build(SystemSnapshot snapshot) {
        return new VaSpaceViewBuilder(snapshot).build();
    }

    private VaSpaceView build() {
        List<NvmlProcess> nvmlListed = new ArrayList<>();
        SmiSnapshot apps = processSource();
        Map<Integer, Long> nvmlBytes = new HashMap<>();
        if (apps != null) {
            for (SmiProcess p : apps.processes()) {
                if (p.pid() != null && p.usedBytes() != null) {
                    nvmlBytes.merge(p.pid(), p.usedBytes(), Long::sum);
                }
            }
        }
        for (HolderProcess hp : snapshot.scan().holders()) {
            holders.put(hp.pid(), classify(hp, nvmlBytes.get(hp.pid())));
        }
        List<SnapshotVaSpace> vaSpaces = vaSpaces();
        if (apps != null) {
            for (SmiProcess p : apps.processes()) {
                nvmlListed.add(nvml(p, apps.wddm()));
            }
        }
        List<GpuView> gpus = gpus(apps);
        notes(nvmlListed);
        perProcessUsageUnknown(apps);
        unreachable();
        memoryUnknown(gpus);
        emptyTableInContainer(apps, gpus);
        return new VaSpaceView(snapshot, vaSpaces, List.copyOf(holders.values()), nvmlListed, gpus, List.copyOf(notes));
    }

    /** The nvidia-smi output that lists processes best: compute-apps CSV, then -q, then the table. */
    private SmiSnapshot processSource() {
        for (SmiSnapshot.Format f : List.of(SmiSnapshot.Format.query_compute_apps_csv, SmiSnapshot.Format.query, SmiSnapshot.Format.table)) {
            for (SmiSnapshot s : snapshot.smi()) {
                if (s.format() == f && s.processPanel() != SmiSnapshot.ProcessPanel.absent) {
                    return s;
                }
            }
        }
        return null;
    }

    private SnapshotHolder classify(HolderProcess hp, Long nvmlUsed) {
        ProcessStatus st = hp.status();
        HolderState state = HolderState.of(st.state());
        String role = DaemonRoles.of(st.name());
        List<String> notes = new ArrayList<>();
        ProcessStatus parentStatus = st.ppid() == null ? null : snapshot.scan().process(st.ppid());
        boolean reparented = role == null && SiblingHolders.orphaned(hp, parentStatus);
        if (reparented) {
            notes.add("reparented to " + (Integer.valueOf(1).equals(st.ppid()) ? "init" : "PID " + st.ppid() + " ("
                + (parentStatus == null ? "?" : parentStatus.name()) + "), a reaper of orphans") + ": its process group "
                + hp.stat().pgrp() + " and session " + hp.stat().session() + " were led by a parent that has exited");
        }
        String frame = null;
        long inDriver = 0;
        for (TaskState t : hp.tasks()) {
            if (t.state().equals("D") && t.inNvidiaDriver()) {
                inDriver++;
                frame = frame == null ? t.driverFrame() : frame;
            }
        }
        if (inDriver > 0) {
            notes.add(inDriver + (inDriver == 1 ? " thread waits" : " threads wait") + " uninterruptibly in the driver (" + frame + ")");
            if (state == HolderState.alive) {
                state = HolderState.uninterruptible;
            }
        }
        Integer reaper = null;
        String reaperName = null;
        if (state == HolderState.zombie) {
            reaper = st.ppid();
            ProcessStatus parent = reaper == null ? null : snapshot.scan().process(reaper);
            reaperName = parent == null ? null : parent.name();
            long live = hp.tasks().stream().filter(t -> !t.state().equals("Z") && t.tid() != hp.pid()).count();
            if (live > 0) {
                notes.add("defunct leader with " + live + (live == 1 ? " thread" : " threads") + " still alive");
            }
            notes.add("parent PID " + reaper + (reaperName == null ? "" : " (" + reaperName + ")") + " should reap it");
        }
        if (role != null) {
            notes.add("holds devices by design (" + role + ")");
        }
        return new SnapshotHolder(hp, state, role, reparented, frame, reaper, reaperName, null, nvmlUsed, List.copyOf(notes));
    }

    private List<SnapshotVaSpace> vaSpaces() {
        Map<Integer, Integer> ownerOf = new TreeMap<>();
        for (SnapshotHolder h : holders.values()) {
            if (h.process().holdsUvm()) {
                ownerOf.put(h.pid(), owner(h.process()));
            }
        }
        SiblingHolders.Groups siblings = SiblingHolders.of(holders.values().stream().map(SnapshotHolder::process)
            .filter(p -> p.holdsUvm() && ownerOf.get(p.pid()) == p.pid() && p.uvmRanges().isEmpty()).toList(), snapshot.sameFiles());
        ownerOf.replaceAll((pid, owner) -> siblings.representative().getOrDefault(owner, owner));
        Map<Integer, List<Integer>> groups = new TreeMap<>();
        ownerOf.forEach((pid, owner) -> groups.computeIfAbsent(owner, k -> new ArrayList<>()).add(pid));
        List<SnapshotVaSpace> out = new ArrayList<>();
        for (Map.Entry<Integer, List<Integer>> g : groups.entrySet()) {
            int ownerPid = g.getKey();
            HolderProcess owner = holders.get(ownerPid).process();
            List<SnapshotVaSpace.Member> members = new ArrayList<>();
            for (int pid : g.getValue()) {
                HolderProcess hp = holders.get(pid).process();
                List<Integer> fds = hp.fds(DeviceFile.Kind.uvm).stream().map(FdLink::fd).toList();
                String relation;
                Integer parent = null;
                if (pid == ownerPid) {
                    relation = "owner";
                } else if (siblings.representative().containsKey(pid)) {
                    // One open file with the first sibling: proven by kcmp, or taken from the heuristic ('?').
                    relation = siblings.basis().get(ownerPid) == SiblingHolders.Basis.kcmp ? "sibling" : "sibling?";
                } else {
                    parent = hp.status().ppid();
                    HolderProcess p = holders.get(parent).process();
                    boolean sameFd = p.fds(DeviceFile.Kind.uvm).stream().anyMatch(f -> fds.contains(f.fd()));
                    relation = sameFd ? "inherited" : "inherited?";
                }
                members.add(new SnapshotVaSpace.Member(pid, parent, relation, fds));
                holders.computeIfPresent(pid, (k, h) -> new SnapshotHolder(h.process(), h.state(), h.role(), h.reparented(), h.driverFrame(),
                    h.reaperPid(), h.reaperName(), ownerPid, h.nvmlUsedBytes(), h.notes()));
            }
            List<MapsRange> ranges = owner.uvmRanges();
            out.add(new SnapshotVaSpace(ownerPid, List.copyOf(members), ranges, !ranges.isEmpty(), state(holders.get(ownerPid), !ranges.isEmpty())));
        }
        return out;
    }

    /**
     * The va_space a uvm holder's fds point to, by its owner's pid: a process with managed
     * ranges owns its own (the driver refuses mappings from any other mm); one without follows
     * its parent while the parent holds /dev/nvidia-uvm too.
     */
    private int owner(HolderProcess hp) {
        HolderProcess current = hp;
        for (int depth = 0; depth < 64; depth++) {
            if (!current.uvmRanges().isEmpty()) {
                return current.pid();
            }
            Integer ppid = current.status().ppid();
            SnapshotHolder parent = ppid == null ? null : holders.get(ppid);
            if (parent == null || !parent.process().holdsUvm()) {
                return current.pid();
            }
            current = parent.process();
        }
        return current.pid();
    }

    private static String state(SnapshotHolder owner, boolean ownerMaps) {
        if (owner.state() == HolderState.zombie) {
            return "owner defunct";
        }
        if (owner.state() == HolderState.uninterruptible) {
            return "owner stuck in the driver";
        }
        if (!ownerMaps && owner.reparented()) {
            return "held by inherited fds: the creator has exited";
        }
        return ownerMaps ? "active" : "open, no managed ranges";
    }

    private NvmlProcess nvml(SmiProcess p, boolean wddm) {
        if (p.pid() == null) {
            return new NvmlProcess(p, null, null, null);
        }
        SnapshotHolder h = holders.get(p.pid());
        ProcessStatus st = h != null ? h.process().status() : snapshot.scan().process(p.pid());
        if (h != null) {
            return new NvmlProcess(p, h.state(), st.name(), h);
        }
        if (st != null) {
            return new NvmlProcess(p, HolderState.of(st.state()), st.name(), null);
        }
        if (wddm) {
            // Under WDDM (WSL) nvidia-smi lists the Windows host's processes by the host's pids: a pid
            // this system has not is out of its sight, not gone, and its class is unknown.
            return new NvmlProcess(p, null, null, null);
        }
        HolderState state = snapshot.capture().containerEvidence() != null ? HolderState.outside_namespace : HolderState.gone;
        return new NvmlProcess(p, state, null, null);
    }

    /**
     * The one note that says per-process use cannot be known (WSL's WDDM, or no listed process
     * with a value): nothing can be set against the GPUs' memory in use, so none of it is judged and
     * the answer is incomplete ({@code per-process-usage-unknown}).
     */
    private void perProcessUsageUnknown(SmiSnapshot apps) {
        if (apps != null && apps.perProcessUsageUnknown()) {
            notes.add(new ViewNote(PER_PROCESS_USAGE_UNKNOWN, apps.perProcessUsageNote() + ": who uses the GPUs' memory cannot be told, so "
                + "none of it is judged", List.of(apps.input())));
        }
    }

    /**
     * One note per GPU some nvidia-smi output could not reach ({@code Unable to determine the device
     * handle for GPU ...}): it left that GPU out, so whatever holds its memory is unseen and the
     * answer is incomplete ({@code smi-gpu-unreachable}).
     */
    private void unreachable() {
        Map<PciAddress, List<SmiSnapshot.Unreachable>> byBus = new TreeMap<>();
        for (SmiSnapshot s : snapshot.smi()) {
            for (SmiSnapshot.Unreachable u : s.unreachable()) {
                byBus.computeIfAbsent(u.bus(), k -> new ArrayList<>()).add(u);
            }
        }
        byBus.forEach((bus, said) -> notes.add(new ViewNote(SMI_GPU_UNREACHABLE, "nvidia-smi could not reach GPU " + bus + " ("
            + said.get(0).reason() + "): its memory in use and the processes on it are unknown, so none of it is judged",
            said.stream().map(u -> u.origin().input() + ":" + u.origin().line()).distinct().toList())));
    }

    /**
     * One note per GPU nvidia-smi lists with no figure for its memory in use or its total
     * ({@code [Insufficient Permissions]} in a container, {@code [N/A]}, {@code ERR!}), or one for
     * the GPUs the driver shows when no nvidia-smi output lists any: what holds their memory cannot
     * be judged, so the answer is incomplete ({@code smi-gpu-memory-unknown}).
     */
    private void memoryUnknown(List<GpuView> gpus) {
        if (snapshot.smi().stream().allMatch(s -> s.gpus().isEmpty())) {
            // No nvidia-smi output lists a GPU (none ran or was saved, or it failed: NVML's driver/library mismatch):
            // the GPUs the driver shows, but those it excludes (NVreg_ExcludedGpus), have memory no input tells.
            List<GpuView> unseen = gpus.stream().filter(g -> g.information() != null && !Boolean.TRUE.equals(g.information().excluded()))
                .toList();
            if (!unseen.isEmpty()) {
                notes.add(new ViewNote(SMI_GPU_MEMORY_UNKNOWN, "no nvidia-smi output lists GPU" + (unseen.size() == 1 ? " " : "s ")
                    + String.join(", ", unseen.stream().map(g -> String.valueOf(g.bus())).toList())
                    + (snapshot.smiNotes().isEmpty() ? "" : " (" + snapshot.smiNotes().get(0) + ")")
                    + ": its memory in use is unknown, so none of it is judged",
                    unseen.stream().map(g -> g.information().origin().input()).toList()));
            }
            return;
        }
        for (GpuView g : gpus) {
            SmiGpu s = g.smi();
            if (s != null && (s.usedBytes() == null || s.totalBytes() == null)) {
                notes.add(new ViewNote(SMI_GPU_MEMORY_UNKNOWN, "nvidia-smi gives no figure for the memory of GPU " + (g.bus() != null ? g.bus()
                    : g.uuid() != null ? g.uuid() : "index " + g.index()) + " (" + (s.note() == null ? "no memory cell" : s.note())
                    + "): its memory in use is unknown, so none of it is judged", List.of(s.origin().input() + ":" + s.origin().line())));
            }
        }
    }

    private List<GpuView> gpus(SmiSnapshot apps) {
        SmiSnapshot totals = null;
        for (SmiSnapshot.Format f : List.of(SmiSnapshot.Format.query_gpu_csv, SmiSnapshot.Format.query, SmiSnapshot.Format.table)) {
            for (SmiSnapshot s : snapshot.smi()) {
                if (totals == null && s.format() == f && !s.gpus().isEmpty()) {
                    totals = s;
                }
            }
        }
        Map<String, GpuBuilder> byKey = new TreeMap<>();
        for (NvidiaGpuInformation info : snapshot.gpus()) {
            GpuBuilder b = find(byKey, info.bus(), info.uuid(), null);
            b.information = info;
            b.minor = info.minor();
            b.name = b.name == null ? info.model() : b.name;
        }
        if (totals != null) {
            for (SmiGpu g : totals.gpus()) {
                GpuBuilder b = find(byKey, g.bus(), g.uuid(), g.index());
                b.smi = g;
                b.index = g.index() != null ? g.index() : b.index;
                // procfs has the full model name; the table cuts it ("GeForce RTX 208...").
                b.name = b.name == null ? g.name() : b.name;
            }
        }
        for (UvmGpuInfo u : snapshot.uvmGpus()) {
            find(byKey, null, u.gpuUuid(), null).uvm.add(u);
        }
        if (apps != null) {
            for (SmiProcess p : apps.processes()) {
                if (p.gpuBus() == null && p.gpuUuid() == null && p.gpuIndex() == null) {
                    // A line that names no GPU (an excerpt of -q without its GPU header) is on no GPU the view knows: no row of its own.
                    continue;
                }
                GpuBuilder b = find(byKey, p.gpuBus(), p.gpuUuid(), p.gpuIndex());
                b.processes++;
                if (p.usedBytes() != null) {
                    b.processBytes = (b.processBytes == null ? 0 : b.processBytes) + p.usedBytes();
                }
            }
        }
        List<GpuView> out = new ArrayList<>();
        for (GpuBuilder b : byKey.values()) {
            out.add(new GpuView(b.bus, b.uuid, b.index, b.minor, b.name, b.information, List.copyOf(b.uvm), b.smi,
                b.processBytes, b.processes));
        }
        out.sort(Comparator.comparing((GpuView g) -> g.bus() == null ? "~" + Objects.toString(g.uuid(), "") : g.bus().toString()));
        return out;
    }

    /** Accumulates one GPU's sources. */
    private static final class GpuBuilder {
        PciAddress bus;
        String uuid;
        Integer index;
        Integer minor;
        String name;
        NvidiaGpuInformation information;
        SmiGpu smi;
        final List<UvmGpuInfo> uvm = new ArrayList<>();
        Long processBytes;
        int processes;
    }

    /** The GPU with this bus, UUID or index, created when none matches: sources join on whichever key they share. */
    private static GpuBuilder find(Map<String, GpuBuilder> byKey, PciAddress bus, String uuid, Integer index) {
        for (GpuBuilder b : byKey.values()) {
            if (GpuView.matches(bus, uuid, index, b.bus, b.uuid, b.index)) {
                b.bus = b.bus == null ? bus : b.bus;
                b.uuid = b.uuid == null ? uuid : b.uuid;
                b.index = b.index == null ? index : b.index;
                return b;
            }
        }
        GpuBuilder b = new GpuBuilder();
        b.bus = bus;
        b.uuid = uuid;
        b.index = index;
        String key = bus != null ? bus.toString() : uuid != null ? "~" + uuid : "~index-" + index;
        byKey.put(key + "#" + byKey.size(), b);
        return b;
    }

    private void notes(List<NvmlProcess> nvml) {
        long outside = 0;
        long outsideBytes = 0;
        for (NvmlProcess n : nvml) {
            SmiProcess p = n.listed();
            if (n.state() == HolderState.gone) {
                notes.add(new ViewNote("nvml-pid-gone", "NVML lists PID " + p.pid() + (p.name() == null ? "" : " (" + p.name() + ")")
                    + (p.usedBytes() == null ? "" : " using " + mib(p.usedBytes())) + " but no process has that pid: "
                    + "the driver still charges memory to a process that is gone", List.of(p.origin().location())));
            } else if (n.state() == HolderState.outside_namespace) {
                outside++;
                outsideBytes += p.usedBytes() == null ? 0 : p.usedBytes();
            }
        }
        if (outside > 0) {
            notes.add(new ViewNote("outside-namespace", outside + (outside == 1 ? " process uses " : " processes use ")
                + mib(outsideBytes) + " outside this PID namespace (NVML lists host PIDs; " + snapshot.capture().containerEvidence()
                + "): run uvmctl on the host to see them", List.of()));
        }
        if (snapshot.hmm() != null && !snapshot.hmm().isEmpty()) {
            notes.add(new ViewNote("hmm-active", snapshot.hmm().size() + " nvidia-uvm-hmm region"
                + (snapshot.hmm().size() == 1 ? "" : "s") + " in /proc/iomem: HMM is enabled (device-private memory is not in any /dev/nvidia-uvm mapping)",
                snapshot.hmm().stream().map(r -> r.origin().location()).toList()));
        }
    }

    /** The question every container user asks: memory is used, and nvidia-smi lists no process. */
    private void emptyTableInContainer(SmiSnapshot apps, List<GpuView> gpus) {
        String evidence = snapshot.capture().containerEvidence();
        if (apps == null || !apps.processes().isEmpty() || evidence == null) {
            return;
        }
        long used = gpus.stream().filter(g -> g.smi() != null && g.smi().usedBytes() != null).mapToLong(g -> g.smi().usedBytes()).sum();
        if (used > 0) {
            notes.add(new ViewNote("empty-process-table-in-container", "nvidia-smi lists no process, yet the GPUs use "
                + mib(used) + ": this reader is in a container (" + evidence + "), and the driver does not show processes of other "
                + "PID namespaces here; run uvmctl on the host to see who holds it", List.of(apps.input())));
        }
    }

    /** nvidia-smi's own unit, so the message reads like the output it is about. */
    private static String mib(long bytes) {
        return (bytes >> 20) + " MiB";
    }
}
