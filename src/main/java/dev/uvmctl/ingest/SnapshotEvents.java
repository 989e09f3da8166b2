package dev.uvmctl.ingest;

import dev.uvmctl.event.BlockReason;
import dev.uvmctl.event.BootIds;
import dev.uvmctl.event.Capture;
import dev.uvmctl.event.Event;
import dev.uvmctl.event.EventTime;
import dev.uvmctl.event.FdHeld;
import dev.uvmctl.event.FdKind;
import dev.uvmctl.event.ProcState;
import dev.uvmctl.event.ProcessIdentity;
import dev.uvmctl.event.ProcessState;
import dev.uvmctl.event.RangeCreated;
import dev.uvmctl.event.RangeType;
import dev.uvmctl.event.TaskBlocked;
import dev.uvmctl.event.VaSpaceCreated;
import dev.uvmctl.shared.Provenance;
import dev.uvmctl.procfs.CaptureInfo;
import dev.uvmctl.procfs.DeviceFile;
import dev.uvmctl.procfs.FdLink;
import dev.uvmctl.procfs.SnapshotHolder;
import dev.uvmctl.procfs.HolderProcess;
import dev.uvmctl.procfs.HolderState;
import dev.uvmctl.procfs.MapsRange;
import dev.uvmctl.procfs.NvmlProcess;
import dev.uvmctl.procfs.ProcessStat;
import dev.uvmctl.procfs.ProcessStatus;
import dev.uvmctl.procfs.TaskState;
import dev.uvmctl.procfs.SnapshotVaSpace;
import dev.uvmctl.procfs.VaSpaceView;
import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one snapshot of a system (its {@code /proc}, UVM's procfs and nvidia-smi, as the
 * va-spaces view groups them) says, as events at the capture time: the capture, the state of
 * the processes that matter, each va_space with the fds that hold it and its managed ranges,
 * the tasks blocked in the driver, the processes that ended, and the GPUs (see {@link SmiEvents}).
 * Processes come first and ended ones last, so that a va_space's holders exist when it is
 * replayed and end after it, as they did.
 */
final class SnapshotEvents {
    private final VaSpaceView view;
    private final boolean allHolders;
    private final EventTime time;
    private final Map<Integer, ProcState> states = new TreeMap<>();
    private final Map<Integer, Provenance> stateSources = new HashMap<>();
    private final Map<Integer, String> comms = new HashMap<>();
    private final Map<Integer, Integer> parents = new HashMap<>();
    /** Whose each process is, as its /proc/PID/status (uid) and, for a holder, /proc/PID/cgroup read. */
    private final Map<Integer, ProcessIdentity> identities = new HashMap<>();

    private SnapshotEvents(VaSpaceView view, boolean allHolders) {
        this.view = view;
        this.allHolders = allHolders;
        CaptureInfo c = view.snapshot().capture();
        long mono = c.uptimeSeconds() == null ? EventTime.UNKNOWN : EventTime.parseSeconds(c.uptimeSeconds().toString());
        this.time = new EventTime(c.bootId() == null ? null : BootIds.normalize(c.bootId()), mono, wall(c.capturedAt()));
    }

    /**
     * The events of {@code view}'s snapshot, in replay order; {@code allHolders}: it could see
     * every process (nothing in {@link SnapshotGaps}).
     */
    static List<Event> of(VaSpaceView view, boolean allHolders) {
        return new SnapshotEvents(view, allHolders).events();
    }

    private List<Event> events() {
        List<Event> out = new ArrayList<>();
        CaptureInfo c = view.snapshot().capture();
        out.add(new Capture(time, new Provenance("/proc/uptime", 1, "up " + c.uptimeSeconds() + " s"
            + (c.capturedAt() == null ? "" : ", captured at " + c.capturedAt())), allHolders));
        processes();
        for (Map.Entry<Integer, ProcState> e : states.entrySet()) {
            if (e.getValue() == ProcState.alive || e.getValue() == ProcState.uninterruptible) {
                out.add(state(e.getKey(), e.getValue()));
            }
        }
        Map<Integer, SnapshotHolder> holders = new HashMap<>();
        for (SnapshotHolder h : view.holders()) {
            holders.put(h.pid(), h);
        }
        List<Event> ended = new ArrayList<>();
        for (SnapshotVaSpace vs : view.vaSpaces()) {
            vaSpace(vs, holders, out, ended);
        }
        for (SnapshotHolder h : view.holders()) {
            blocked(h, out);
        }
        for (Map.Entry<Integer, ProcState> e : states.entrySet()) {
            if (e.getValue() == ProcState.zombie || e.getValue() == ProcState.gone) {
                out.add(state(e.getKey(), e.getValue()));
            }
        }
        out.addAll(ended);
        out.addAll(SmiEvents.of(view, time));
        return out;
    }

    /** The holders, their parents (which reap them) and the pids NVML lists, by what /proc says of them. */
    private void processes() {
        for (SnapshotHolder h : view.holders()) {
            HolderProcess hp = h.process();
            known(hp.status(), holdingState(h));
            identities.put(hp.pid(), ProcessIdentity.of(hp.status().uid(), hp.cgroup() == null ? null : hp.cgroup().path()));
            Integer ppid = hp.status().ppid();
            ProcessStatus parent = ppid == null ? null : view.snapshot().scan().process(ppid);
            if (parent != null && !states.containsKey(ppid)) {
                known(parent, state(parent));
            }
        }
        for (NvmlProcess n : view.nvml()) {
            Integer pid = n.listed().pid();
            if (pid == null || states.containsKey(pid)) {
                continue;
            }
            ProcessStatus st = view.snapshot().scan().process(pid);
            if (st != null) {
                known(st, state(st));
            } else if (n.state() == HolderState.gone) {
                // Outside this PID namespace a pid is not gone, only out of sight: it gets no state.
                states.put(pid, ProcState.gone);
                comms.put(pid, n.listed().name());
                stateSources.put(pid, n.listed().origin().withText("pid " + pid
                    + (n.listed().name() == null ? "" : " (" + n.listed().name() + ")") + " listed by nvidia-smi: no /proc/" + pid));
            }
        }
    }

    private void known(ProcessStatus st, ProcState state) {
        states.put(st.pid(), state);
        identities.putIfAbsent(st.pid(), ProcessIdentity.of(st.uid(), null));
        comms.put(st.pid(), st.name());
        parents.put(st.pid(), st.ppid());
        stateSources.put(st.pid(), st.origin().withText(st.name() + ": State " + st.state()
            + (st.ppid() == null ? "" : ", PPid " + st.ppid())));
    }

    private static ProcState state(ProcessStatus st) {
        if (st.zombie() || "X".equals(st.state())) {
            return ProcState.zombie;
        }
        return st.uninterruptible() ? ProcState.uninterruptible : ProcState.alive;
    }

    /**
     * A holder's state: a defunct leader with a thread still alive keeps its files and mm (they
     * are the thread group's), so it still holds what it held; one with a thread in
     * uninterruptible sleep is uninterruptible.
     */
    private static ProcState holdingState(SnapshotHolder h) {
        HolderProcess hp = h.process();
        boolean inD = false;
        boolean liveThread = false;
        for (TaskState t : hp.tasks()) {
            inD |= t.state().equals("D");
            liveThread |= t.tid() != hp.pid() && !t.state().equals("Z") && !t.state().equals("X");
        }
        if (hp.status().zombie() && !liveThread) {
            return ProcState.zombie;
        }
        return inD || hp.status().uninterruptible() ? ProcState.uninterruptible : ProcState.alive;
    }

    private ProcessState state(int pid, ProcState state) {
        return new ProcessState(time, stateSources.get(pid), pid, state, parents.get(pid), comms.get(pid), identities.get(pid));
    }

    /**
     * One va_space: created by its owner, held by the fds of its members (an inherited one
     * names the parent it came from), with the owner's managed ranges. When the owner is a
     * reparented process without ranges, the va_space came from a process that has exited (it
     * made it and forked the holder): the process-group or session leader the holder was started
     * under, when that one is gone.
     */
    private void vaSpace(SnapshotVaSpace vs, Map<Integer, SnapshotHolder> holders, List<Event> out, List<Event> ended) {
        SnapshotHolder owner = holders.get(vs.ownerPid());
        Integer creator = vs.ownerMaps() || !owner.reparented() ? null : goneLeader(owner.process());
        String id = id(vs, owner);
        FdLink first = first(owner.process());
        Provenance created = new Provenance(id, 0, (first != null ? "the va_space behind fd " + first.fd() + " -> " + first.target()
            : "the va_space of the /dev/nvidia-uvm mappings of " + vs.ownerPid()) + siblings(vs));
        out.add(new VaSpaceCreated(time, created, id, creator == null ? vs.ownerPid() : null, creator == null ? comms.get(vs.ownerPid()) : null,
            false, true, creator == null && first != null ? fdPath(vs.ownerPid(), first) : null));
        if (creator != null) {
            ended.add(new ProcessState(time, new Provenance(owner.process().stat().origin().input(), 0,
                "pgrp " + owner.process().stat().pgrp() + ", session " + owner.process().stat().session() + ": no /proc/" + creator),
                creator, ProcState.gone, null, null));
        }
        for (SnapshotVaSpace.Member m : vs.members()) {
            HolderProcess hp = holders.get(m.pid()).process();
            Integer from = m.parentPid() != null ? m.parentPid() : creator;
            List<FdLink> fds = hp.fds(DeviceFile.Kind.uvm);
            for (int i = 0; i < fds.size(); i++) {
                boolean ownFirst = m.pid() == vs.ownerPid() && creator == null && i == 0;
                if (!ownFirst) {
                    out.add(new FdHeld(time, fdSource(fds.get(i)), id, m.pid(), comms.get(m.pid()), kind(fds, i), from,
                        fdPath(m.pid(), fds.get(i))));
                }
            }
        }
        for (MapsRange r : vs.ranges()) {
            out.add(new RangeCreated(time, r.origin().withText(Long.toHexString(r.start()) + "-"
                + Long.toHexString(r.end()) + " " + r.perms() + " " + Long.toHexString(r.offset()) + " " + r.path()), id, null, r.start(),
                r.end() - 1, RangeType.managed, true));
        }
    }

    /**
     * How the snapshot knows that sibling workers hold this one open file: kcmp(2) said so, or
     * (without it) they share parent, process group, session and fd numbers; empty without siblings.
     */
    private static String siblings(SnapshotVaSpace vs) {
        List<Integer> pids = vs.members().stream().map(SnapshotVaSpace.Member::pid).toList();
        boolean inferred = vs.members().stream().anyMatch(m -> m.relation().equals("sibling?"));
        boolean proven = vs.members().stream().anyMatch(m -> m.relation().equals("sibling"));
        if (!inferred && !proven) {
            return "";
        }
        return ", one open file held by the sibling workers " + pids + (inferred
            ? " (inferred, kcmp could not be asked: the same parent, process group, session and /dev/nvidia-uvm fd numbers)"
            : " (kcmp KCMP_FILE: the same open file)");
    }

    /**
     * The va_space's name: the owner's first {@code /dev/nvidia-uvm} fd as a path on the
     * inspected system ({@code /proc/2301/fd/4}), which a user can look at; else the maps that
     * show its ranges, else the owner's status.
     */
    private static String id(SnapshotVaSpace vs, SnapshotHolder owner) {
        FdLink first = first(owner.process());
        if (first != null) {
            return first.origin().input();
        }
        return vs.ranges().isEmpty() ? owner.process().status().origin().input() : vs.ranges().get(0).origin().input();
    }

    private static FdLink first(HolderProcess hp) {
        List<FdLink> fds = hp.fds(DeviceFile.Kind.uvm);
        return fds.isEmpty() ? null : fds.get(0);
    }

    /**
     * From driver 535 a CUDA process opens {@code /dev/nvidia-uvm} twice: the va_space fd, then
     * the mm fd it initialises with UVM_MM_INITIALIZE. Nothing in /proc tells them apart; with
     * exactly two, the later one (the higher number) is taken as the mm fd. Not where the system's
     * uvm_enable_va_space_mm is 0: {@code uvm_api_mm_initialize} (uvm.c, 535.43.02 and 580.95.05)
     * then answers NV_WARN_NOTHING_TO_DO before it makes the file an mm fd or takes
     * {@code mmget_not_zero} ({@code uvm_va_space_mm_enabled} is false, uvm_va_space_mm.c), so
     * there is no mm fd: every fd is taken as a va_space fd, as one or three are. (The second file
     * is then one the ioctl left uninitialised; it is held beside the real va_space fd, so counting
     * it as one changes no holder.)
     */
    private FdKind kind(List<FdLink> fds, int i) {
        boolean mmFds = !Boolean.FALSE.equals(view.snapshot().vaSpaceMm());
        return mmFds && fds.size() == 2 && i == 1 ? FdKind.mm : FdKind.va_space;
    }

    /** The fd as the inspected system names it, the same in every snapshot of it whatever root holds the snapshot. */
    private static String fdPath(int pid, FdLink f) {
        return "/proc/" + pid + "/fd/" + f.fd();
    }

    private static Provenance fdSource(FdLink f) {
        return new Provenance(f.origin().input(), 0, "fd " + f.fd() + " -> " + f.target());
    }

    /** The process-group or session leader a reparented process was started under, when /proc no longer has it. */
    private Integer goneLeader(HolderProcess hp) {
        ProcessStat st = hp.stat();
        // A snapshot of only the processes that hold NVIDIA files (capture-real.sh's) has no
        // /proc/1: there a leader missing from it may well be alive, so nothing is concluded.
        if (st == null || view.snapshot().scan().process(1) == null) {
            return null;
        }
        for (int leader : new int[] {st.pgrp(), st.session()}) {
            if (leader > 1 && leader != hp.pid() && view.snapshot().scan().process(leader) == null) {
                return leader;
            }
        }
        return null;
    }

    /**
     * A task of the holder asleep in the driver: the first one, with its kernel stack (or wait
     * channel). nvidia-uvm's code is entered only through a /dev/nvidia-uvm fd or mapping (uvm.c:
     * uvm_fops, uvm_open_entry, uvm_unlocked_ioctl_entry, uvm_mmap_entry, uvm_release_entry;
     * uvm_vm_close_managed; 535..595). A process that holds neither and still runs in it is
     * releasing the last reference to a va_space as it exits: exit_mm and exit_files have emptied
     * its maps and fds, and __fput or exit_mmap runs uvm_release (uvm_va_space_destroy) or
     * uvm_vm_close_managed from do_exit. That va_space exists until its destroy returns, and this
     * process is the one destroying it: it is given as a va_space of its own, owned by the process,
     * named after the task.
     */
    private void blocked(SnapshotHolder h, List<Event> out) {
        for (TaskState t : h.process().tasks()) {
            if (t.state().equals("D") && t.inNvidiaDriver()) {
                if (t.uvmFrame() != null && releasing(h.process())) {
                    String task = "/proc/" + h.pid() + "/task/" + t.tid();
                    out.add(new VaSpaceCreated(time, t.origin().withText("task " + t.tid() + " ("
                        + t.name() + ") runs in nvidia-uvm (" + t.uvmFrame() + ") with no /dev/nvidia-uvm fd or mapping left: the va_space "
                        + "it releases"), task, h.pid(), comms.get(h.pid()), false, true, null));
                }
                List<String> frames = t.stack().isEmpty() ? List.of(t.wchan()) : t.stack();
                out.add(new TaskBlocked(time, t.origin().withText("task " + t.tid() + " (" + t.name()
                    + ") in state D, waiting in " + t.driverFrame()), h.pid(), comms.get(h.pid()), BlockReason.uninterruptible, frames));
                return;
            }
        }
    }

    /** Holds no fd and no mapping of /dev/nvidia-uvm or /dev/nvidia-uvm-tools any more. */
    private static boolean releasing(HolderProcess hp) {
        return !hp.holdsUvm() && hp.fds(DeviceFile.Kind.uvm_tools).isEmpty() && hp.deviceRanges().stream()
            .noneMatch(r -> DeviceFile.of(r.path()) != null && DeviceFile.of(r.path()).kind() == DeviceFile.Kind.uvm_tools);
    }

    private static long wall(String capturedAt) {
        if (capturedAt == null) {
            return EventTime.UNKNOWN;
        }
        try {
            return EventTime.parseWall(capturedAt);
        } catch (DateTimeException | ArithmeticException e) {
            return EventTime.UNKNOWN;
        }
    }
}
