package dev.uvmctl.finding;

import dev.uvmctl.shared.Provenance;
import dev.uvmctl.shared.Sizes;
import dev.uvmctl.event.DriverFault;
import dev.uvmctl.event.DriverLeak;
import dev.uvmctl.event.EventTime;
import dev.uvmctl.event.Evicted;
import dev.uvmctl.event.GpuMemory;
import dev.uvmctl.event.GpuProcessMemory;
import dev.uvmctl.event.TaskBlocked;
import dev.uvmctl.model.Evidence;
import dev.uvmctl.model.Evictions;
import dev.uvmctl.model.GpuState;
import dev.uvmctl.model.Holder;
import dev.uvmctl.model.ProcessInfo;
import dev.uvmctl.model.ReclaimModel;
import dev.uvmctl.model.Teardown;
import dev.uvmctl.model.VaRange;
import dev.uvmctl.model.VaSpace;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/**
 * Reads the replayed model and concludes what should have been released and was not
 * (docs/leaks.md, "Classes"). For a va_space, in this order: a process that could free it is
 * blocked in the driver's teardown (stuck); no live process holds it (leaked, or deferred when
 * its release waits for a resume); its owner is gone but another process holds it (held);
 * otherwise it is live. Independently: deferred-list leftovers, ranges whose evictions keep
 * failing (pinned), GPU memory no live process explains or that nvidia-smi still charges to an
 * ended pid (unattributed), GPUs UVM still retains with no live process holding a va_space
 * (leaked), the driver's own reports (driver), and the kernel's reports of tasks blocked in the
 * driver that no va_space's finding tells (stuck, driver).
 */
public final class LeakFinder {
    /** Consecutive failed evictions after which a range counts as pinned. */
    public static final int PINNED_AFTER = 3;

    /**
     * For the findings that stand on a report of the kernel's own (the leak checker's, an oops, a
     * task blocked in the driver): no loss of the trace's can make them inferred.
     */
    private static final List<dev.uvmctl.model.Evidence> NO_LOSSES = List.of();

    private final ReclaimModel m;
    private final long tolerance;
    private final long end;
    private final Map<String, GpuState> lostGpus = new HashMap<>();

    public LeakFinder(ReclaimModel model, long tolerance) {
        this.m = model;
        this.tolerance = tolerance;
        this.end = model.end();
        for (GpuState gpu : model.gpuStates()) {
            if (gpu.lost() != null) {
                lostGpus.put(model.gpus().resolve(gpu.name()), gpu);
            }
        }
    }

    /**
     * What the replay concluded: the findings, and the live va_spaces ({@code --all}), each in report order.
     *
     * @param holdersUnknown live va_spaces no input tells the holders of ({@link ReclaimModel#holdersUnknown}): the answer is
     *                       incomplete for each that no snapshot names ({@link ReclaimModel#listedSince})
     */
    public record Conclusions(List<Finding> findings, List<Finding> live, List<HoldersUnknown> holdersUnknown) {
    }

    /**
     * A live va_space no input tells the holders of, the input that showed it first (null when it named none), and where it was
     * first shown: its boot and the kernel time ({@link dev.uvmctl.event.EventTime#UNKNOWN}: none told), when it existed.
     */
    public record HoldersUnknown(String vaSpace, String input, String boot, long seenAt) {
    }

    public Conclusions conclude() {
        List<Finding> out = new ArrayList<>();
        List<Finding> live = new ArrayList<>();
        List<HoldersUnknown> holdersUnknown = new ArrayList<>();
        for (VaSpace vs : m.vaSpaces()) {
            Finding lifetime = lifetime(vs);
            (lifetime.findingClass().isFinding() ? out : live).add(lifetime);
            if (!lifetime.findingClass().isFinding() && m.holdersUnknown(vs)) {
                holdersUnknown.add(new HoldersUnknown(vs.id(), firstInput(vs), vs.boot(), vs.firstSeenAt()));
            }
            if (!vs.deferred().isEmpty()) {
                out.add(deferredList(vs));
            }
            for (VaRange r : vs.ranges()) {
                if (r.failedEvictions() >= PINNED_AFTER) {
                    out.add(pinned(vs, r));
                }
            }
        }
        for (GpuState gpu : m.gpuStates()) {
            if (gpu.failedEvictions() >= PINNED_AFTER) {
                out.add(pinnedGpu(gpu));
            }
        }
        out.addAll(unattributed());
        Map<Finding, Long> retained = retainedWithoutHolder();
        out.addAll(retained.keySet());
        out.addAll(driver());
        out.addAll(reportedBlocked());
        stuckWhileExiting(out, retained);
        out.replaceAll(this::dated);
        live.replaceAll(this::dated);
        out.sort(ORDER);
        live.sort(ORDER);
        return new Conclusions(List.copyOf(out), List.copyOf(live), List.copyOf(holdersUnknown));
    }

    private static String firstInput(VaSpace vs) {
        List<Evidence> kept = new ArrayList<>();
        vs.evidence().addTo(kept);
        return kept.stream().min(Comparator.comparingLong(Evidence::sequence)).map(e -> e.event().source())
            .map(Provenance::input).orElse(null);
    }

    /**
     * A snapshot tells what is at its capture, not since when: a finding whose date is the last
     * capture, which is where the input ends, was first shown by that snapshot (alone, or the
     * last of a sequence), so nothing dated it and its age is unknown, never 0. Dated by an
     * earlier snapshot of a sequence, or by the kernel log (an OOM kill), it keeps that date.
     */
    private Finding dated(Finding f) {
        long capture = m.lastCapture();
        return capture != EventTime.UNKNOWN && f.since() == capture && capture == end ? f.undated() : f;
    }

    static final Comparator<Finding> ORDER = Comparator
        .comparing(Finding::findingClass)
        .thenComparing(Finding::totalBytes, Comparator.nullsLast(Comparator.reverseOrder()))
        .thenComparing(Finding::id);

    private Finding lifetime(VaSpace vs) {
        ProcessInfo stuck = stuckProcess(vs);
        List<ProcessRef> liveHolders = new ArrayList<>();
        List<ProcessRef> holders = new ArrayList<>();
        for (Holder h : vs.holders()) {
            if (h.process() == vs.owner()) {
                continue;
            }
            ProcessRef ref = ProcessRefs.of(h.process(), h);
            holders.add(ref);
            if (h.process().holdsFiles()) {
                liveHolders.add(ref);
            }
        }
        ProcessRef owner = ownerRef(vs);
        boolean anyLive = vs.held();
        FindingClass c;
        long since;
        if (stuck != null) {
            c = FindingClass.stuck;
            // A killed process's teardown began at the kill (do_exit, kernel/exit.c); a hung-task report comes 120 s or more later.
            since = first(stuck.goneAt(), stuck.blockedSince());
        } else if (vs.owner() == null && vs.holders().isEmpty()) {
            c = FindingClass.live;
            since = vs.createdAt();
        } else if (!anyLive) {
            boolean waiting = vs.releaseDeferredAt() != EventTime.UNKNOWN;
            c = waiting ? FindingClass.deferred : FindingClass.leaked;
            since = waiting ? vs.releaseDeferredAt()
                : vs.orphanedAt() != EventTime.UNKNOWN ? vs.orphanedAt() : vs.ownerGoneAt();
        } else if (vs.owner() != null && !vs.owner().holdsFiles()) {
            c = FindingClass.held;
            since = vs.ownerGoneAt();
        } else {
            c = FindingClass.live;
            since = vs.createdAt();
        }
        List<FindingRange> ranges = new ArrayList<>();
        Map<String, Long> bytes = zeros();
        for (VaRange r : vs.ranges()) {
            Map<String, Long> rb = m.bytes(r);
            ranges.add(new FindingRange(r.start(), r.end(), r.type(), r.state(), rb));
            bytes = add(bytes, rb);
        }
        Finding.Figures figures = Finding.Figures.replayed(bytes, vs.ranges());
        String measured = FindingText.atLeast(figures);
        if (vs.observed()) {
            // A snapshot shows the va_space, not the external allocations and channels it may hold, nor
            // where its managed pages are: its residency is unknown. What it tells of how much: the
            // extent of its /dev/nvidia-uvm mappings (uvm_mmap, uvm.c, 580.95.05: one vma per managed range,
            // semaphore pool or device-P2P range; external and HMM memory are not mapped there), an
            // upper bound of the managed part; and what nvidia-smi charges its owner and holders.
            bytes = null;
            measured = "";
            long mapped = 0;
            boolean anyMapped = false;
            for (VaRange r : vs.ranges()) {
                if (!r.residencyKnown()) {
                    mapped = Math.addExact(mapped, r.size());
                    anyMapped = true;
                }
            }
            Map<String, Long> charged = chargedTo(vs);
            if (charged != null) {
                bytes = charged;
                List<ProcessRef> processes = new ArrayList<>(holders);
                if (owner != null) {
                    processes.add(0, owner);
                }
                measured = FindingText.charged(charged, processes);
            }
            figures = new Finding.Figures(charged == null ? null : BytesSource.nvidia_smi, anyMapped ? mapped : null, false);
            if (anyMapped) {
                measured = FindingText.mappedAtMost(mapped, vs.owner() == null ? null : vs.owner().pid()) + measured;
            }
        }
        ProcessRef stuckRef = stuck == null ? null : ProcessRefs.of(stuck, holdOf(vs, stuck));
        String summary = FindingText.vaSpace(c, vs.id(), vs.seenCreated(), ranges, figures.bytesSource() == BytesSource.replay ? bytes : null,
            owner, liveHolders, stuckRef) + measured;
        String remedy = switch (c) {
            case stuck -> FindingText.stuckRemedy(stuckRef);
            case leaked -> FindingText.leakedRemedy();
            case deferred -> FindingText.deferredReleaseRemedy();
            case held -> FindingText.heldRemedy(liveHolders);
            case live -> FindingText.liveRemedy(vs.owner() != null || !vs.holders().isEmpty());
            case pinned, unattributed, driver -> throw new IllegalStateException(c + " is no class of a va_space's lifetime");
        };
        EvidenceChains chain = new EvidenceChains().add(vs.evidence());
        for (Holder h : vs.holders()) {
            chain.add(h.process().evidence());
        }
        if (vs.owner() != null && holdOf(vs, vs.owner()) == null) {
            chain.add(vs.owner().evidence());
        }
        for (VaRange r : vs.ranges()) {
            chain.add(r.evidence());
        }
        List<String> gpus = gpus(bytes);
        String id = FindingIds.of(c, vs.boot(), vs.id(), c == FindingClass.held ? pids(liveHolders) : null,
            c == FindingClass.stuck ? stuck.pid() : null, ranges.isEmpty() ? null : Sizes.hex(ranges.get(0).start()));
        return about(vs, since)
            .id(id)
            .findingClass(c)
            .summary(summary)
            .ranges(ranges)
            .bytes(bytes)
            .gpus(gpus)
            .owner(owner)
            .holders(holders)
            .remediation(remedy + lost(gpus))
            .evidence(evidence(chain, gpus))
            .figures(figures)
            .build();
    }

    private Finding deferredList(VaSpace vs) {
        List<FindingRange> ranges = new ArrayList<>();
        Map<String, Long> bytes = zeros();
        EvidenceChains chain = new EvidenceChains().add(vs.evidence());
        long since = EventTime.UNKNOWN;
        for (VaRange r : vs.deferred()) {
            Map<String, Long> rb = m.bytes(r);
            ranges.add(new FindingRange(r.start(), r.end(), r.type(), r.state(), rb));
            bytes = add(bytes, rb);
            chain.add(r.evidence());
            since = first(since, r.stateSince());
        }
        ProcessRef owner = ownerRef(vs);
        List<String> gpus = gpus(bytes);
        Finding.Figures figures = Finding.Figures.replayed(bytes, vs.deferred());
        String id = FindingIds.of(FindingClass.deferred, vs.boot(), vs.id(), "deferred list", Sizes.hex(ranges.get(0).start()));
        return about(vs, since)
            .id(id)
            .findingClass(FindingClass.deferred)
            .summary(FindingText.deferredList(vs.id(), ranges, bytes) + FindingText.atLeast(figures))
            .figures(figures)
            .ranges(ranges)
            .bytes(bytes)
            .gpus(gpus)
            .owner(owner)
            .remediation(FindingText.deferredListRemedy() + lost(gpus))
            .evidence(evidence(chain, gpus))
            .build();
    }

    private Finding pinned(VaSpace vs, VaRange r) {
        Map<String, Long> bytes = m.bytes(r);
        FindingRange range = new FindingRange(r.start(), r.end(), r.type(), r.state(), bytes);
        Evicted last = (Evicted) r.lastFailure().event();
        Finding.Eviction ev = new Finding.Eviction(r.failedEvictions(), Evictions.status(last).name(), last.error(), last.bytes());
        ProcessRef owner = ownerRef(vs);
        EvidenceChains chain = new EvidenceChains().add(r.evidence()).addKept(r.firstFailure()).addKept(r.lastFailure())
            .add(vs.owner() == null ? null : vs.owner().evidence());
        List<String> gpus = bytes == null ? List.of(m.gpus().resolve(last.gpu())) : gpus(bytes);
        String id = FindingIds.of(FindingClass.pinned, vs.boot(), vs.id(), Sizes.hex(r.start()));
        Finding.Figures figures = Finding.Figures.replayed(bytes, List.of(r));
        return about(vs, r.failingSince())
            .id(id)
            .findingClass(FindingClass.pinned)
            .summary(FindingText.pinned(vs.id(), range, bytes, ev) + FindingText.atLeast(figures))
            .figures(figures)
            .ranges(List.of(range))
            .bytes(bytes)
            .gpus(gpus)
            .owner(owner)
            .eviction(ev)
            .remediation(FindingText.pinnedRemedy(r.type(), owner == null || !vs.owner().holdsFiles() ? null : owner) + lost(gpus))
            .evidence(evidence(chain, gpus))
            .build();
    }

    private Finding pinnedGpu(GpuState gpu) {
        String name = m.gpus().resolve(gpu.name());
        Finding.Eviction ev = new Finding.Eviction(gpu.failedEvictions(), Evictions.status(gpu.lastFailure()).name(), gpu.lastFailure().error(),
            gpu.lastFailure().bytes());
        EvidenceChains chain = new EvidenceChains().add(gpu.evidence());
        String id = FindingIds.of(FindingClass.pinned, m.boot(), "gpu", name);
        return aboutBoot(gpu.failingSince())
            .id(id)
            .findingClass(FindingClass.pinned)
            .summary(FindingText.pinnedGpu(name, ev))
            .gpus(List.of(name))
            .eviction(ev)
            .remediation(FindingText.pinnedGpuRemedy() + lost(List.of(name)))
            .evidence(evidence(chain, List.of(name)))
            .build();
    }

    /**
     * Per GPU, its latest nvidia-smi snapshot: memory in use (reserved memory apart) that the live
     * processes listed and the live UVM ranges do not account for, beyond the tolerance; or a pid
     * nvidia-smi still charges more than the tolerance to although it has ended: the core driver
     * frees an RM client, and the memory charged to it, when the last reference to the
     * /dev/nvidia* file it was made on goes ({@code nvidia_close} is the file's {@code .release},
     * nv.c, 535..595), so a charge that outlived the process is memory not released. Either is a
     * finding, naming the ended pids. A forked child that inherited those files holds that
     * reference as it holds an inherited va_space fd; this rule does not tell it apart (the
     * va_space's own finding names the child).
     */
    private List<Finding> unattributed() {
        Map<String, GpuState> latest = latestPerGpu(gpu -> gpu.snapshot() != null, GpuState::snapshotAt);
        Map<String, Long> inRanges = m.residentTotals();
        List<Finding> out = new ArrayList<>();
        for (Map.Entry<String, GpuState> e : latest.entrySet()) {
            GpuState gpu = e.getValue();
            GpuMemory snap = gpu.snapshot();
            long processes = 0;
            long since = gpu.overSince();
            EvidenceChains chain = new EvidenceChains().add(gpu.evidence());
            Map<ProcessRef, Long> ended = new LinkedHashMap<>();
            boolean endedOver = false;
            for (Evidence listed : gpu.processes()) {
                GpuProcessMemory p = (GpuProcessMemory) listed.event();
                chain.add(listed);
                // As the snapshot found it: a process that ended after it (a trace's exit) was using what it was charged.
                if (m.heldFilesAt(p.pid(), gpu.snapshotAt())) {
                    processes += p.used();
                } else {
                    // nvidia-smi still charges memory to a process that ended: how it ended is the evidence that matters.
                    ProcessInfo info = m.process(p.pid());
                    ended.put(ProcessRefs.of(info, null), p.used());
                    chain.add(info.evidence());
                    since = first(since, info.goneAt());
                    endedOver |= p.used() > tolerance;
                }
            }
            long ranges = inRanges.getOrDefault(e.getKey(), 0L);
            long excess = snap.inUse() - processes - ranges;
            boolean over = gpu.overSince() != EventTime.UNKNOWN && excess > tolerance;
            if (!over && !endedOver) {
                continue;
            }
            long charged = ended.values().stream().mapToLong(Long::longValue).sum();
            Map<String, Long> bytes = new LinkedHashMap<>();
            bytes.put(e.getKey(), over ? excess : charged);
            String id = FindingIds.of(FindingClass.unattributed, m.boot(), e.getKey());
            String summary = over ? FindingText.unattributed(e.getKey(), excess, snap.inUse(), snap.reserved(), processes, ranges, ended)
                : FindingText.chargedToEnded(e.getKey(), charged, snap.inUse(), processes, ranges, ended);
            out.add(aboutBoot(since)
                .id(id)
                .findingClass(FindingClass.unattributed)
                .summary(summary)
                .bytes(bytes)
                .gpus(List.of(e.getKey()))
                .holders(List.copyOf(ended.keySet()))
                .remediation(FindingText.unattributedRemedy(e.getKey()) + lost(List.of(e.getKey())))
                .evidence(evidence(chain, List.of(e.getKey())))
                .figures(Finding.Figures.of(bytes, BytesSource.nvidia_smi))
                .build());
        }
        return out;
    }

    /**
     * A GPU UVM still retains ({@code retained_count} above 0) while no live process holds any
     * va_space: the va_space, channel or external mapping that retains it outlived every process
     * that could release it (uvm.c: uvm_release; uvm_va_space.c: uvm_va_space_destroy; 535..595).
     */
    private Map<Finding, Long> retainedWithoutHolder() {
        Map<Finding, Long> out = new LinkedHashMap<>();
        if (m.vaSpaces().stream().anyMatch(VaSpace::held)) {
            return out;
        }
        Map<String, GpuState> latest = latestPerGpu(gpu -> gpu.retained() != null, GpuState::retainedAt);
        for (Map.Entry<String, GpuState> e : latest.entrySet()) {
            GpuState gpu = e.getValue();
            long count = gpu.retained().count();
            // A reading taken before a va_space's destroy counted that va_space (ReclaimModel.lastDestroyedAt): what is left is unknown.
            boolean stale = m.lastDestroyedAt() != EventTime.UNKNOWN && gpu.retainedAt() != EventTime.UNKNOWN
                && m.lastDestroyedAt() > gpu.retainedAt();
            if (count <= 0 || stale) {
                continue;
            }
            EvidenceChains chain = new EvidenceChains().add(gpu.evidence());
            long since = first(gpu.retainedSince(), endOfListedProcesses(e.getKey(), chain));
            String id = FindingIds.of(FindingClass.leaked, m.boot(), "retained", e.getKey());
            Finding retained = aboutBoot(since)
                .id(id)
                .findingClass(FindingClass.leaked)
                .summary(FindingText.retained(e.getKey(), count))
                .gpus(List.of(e.getKey()))
                .remediation(FindingText.retainedRemedy() + lost(List.of(e.getKey())))
                .evidence(evidence(chain, List.of(e.getKey())))
                .build();
            out.put(retained, count);
        }
        return out;
    }

    /**
     * The earliest end the inputs saw of a process that nvidia-smi's latest listing of {@code gpu}
     * still charges memory to (an OOM kill in the kernel log of the same boot): the GPU's last
     * users were gone from then on, so what UVM still retains dates from there at the latest. Their
     * evidence joins {@code chain}.
     */
    private long endOfListedProcesses(String gpu, EvidenceChains chain) {
        GpuState listing = latestPerGpu(g -> g.snapshot() != null, GpuState::snapshotAt).get(gpu);
        long since = EventTime.UNKNOWN;
        if (listing == null) {
            return since;
        }
        for (Evidence listed : listing.processes()) {
            ProcessInfo p = m.process(((GpuProcessMemory) listed.event()).pid());
            if (p != null && !p.holdsFiles()) {
                since = first(since, p.goneAt());
                chain.add(p.evidence());
            }
        }
        return since;
    }

    /**
     * Stuck, not leaked, while the killed process whose end explains a finding is still exiting:
     * a thread of it is blocked in the driver's teardown, and the release of its files runs in
     * its last thread's {@code __fput} ({@code do_exit} → {@code task_work_run} → {@code __fput}
     * → {@code uvm_release} → {@code uvm_va_space_destroy}; uvm.c and uvm_va_space.c, 580.95.05
     * and 535.288.01). What UVM still retains and what nvidia-smi still charges to it are then
     * held by that release, which has not finished: every finding of its incident
     * ({@link Incidents}) is {@code stuck}, and dates from the kill. {@code retained}: the findings
     * of GPUs UVM still retains, with their retain counts.
     */
    private void stuckWhileExiting(List<Finding> out, Map<Finding, Long> retained) {
        for (Incident i : Incidents.of(out)) {
            ProcessRef p = i.process();
            if (!Incidents.stillExiting(p)) {
                continue;
            }
            for (int k = 0; k < out.size(); k++) {
                Finding f = out.get(k);
                if (f.findingClass() == FindingClass.stuck || !i.findings().contains(f.id())) {
                    continue;
                }
                Long count = retained.get(f);
                String summary = count != null ? FindingText.retainedWhileExiting(f.gpus().get(0), count, p)
                    : f.summary() + " " + FindingText.stillReleasing(p);
                long since = first(f.since(), p.exitTime());
                out.set(k, f.toBuilder()
                    .id(FindingIds.of(FindingClass.stuck, f.boot(), f.id()))
                    .findingClass(FindingClass.stuck)
                    .summary(summary)
                    .since(since)
                    .age(age(since))
                    .remediation(FindingText.stuckRemedy(p))
                    .build());
            }
        }
    }

    private List<Finding> driver() {
        List<Finding> out = new ArrayList<>();
        for (Evidence leak : m.driver().leaks()) {
            DriverLeak e = (DriverLeak) leak.event();
            Map<String, Long> bytes = new LinkedHashMap<>();
            bytes.put("cpu", e.bytes());
            long since = leak.event().time().monoNanos();
            EvidenceChains chain = new EvidenceChains().add(leak).add(m.driver().lastUnload());
            String id = FindingIds.of(FindingClass.driver, m.boot(), "leak", since, e.bytes());
            out.add(aboutBoot(since)
                .id(id)
                .findingClass(FindingClass.driver)
                .summary(FindingText.driverLeak(e.bytes()))
                .bytes(bytes)
                .remediation(FindingText.driverLeakRemedy())
                .evidence(chain.chain(NO_LOSSES))
                .figures(Finding.Figures.of(bytes, BytesSource.kernel_log))
                .build());
        }
        for (Evidence fault : m.driver().faults()) {
            DriverFault e = (DriverFault) fault.event();
            long since = fault.event().time().monoNanos();
            ProcessRef process = process(e.pid(), e.comm());
            EvidenceChains chain = new EvidenceChains().add(fault);
            String id = FindingIds.of(FindingClass.driver, m.boot(), "fault", since, e.pid());
            String teardown = Teardown.frame(e.frames());
            String summary = teardown != null ? FindingText.driverFault(e.fault().name(), process, teardown, e.message())
                : FindingText.driverFaultElsewhere(e.fault().name(), process, Teardown.driverFrame(e.frames()), e.message());
            out.add(aboutBoot(since)
                .id(id)
                .findingClass(FindingClass.driver)
                .summary(summary)
                .owner(process)
                .remediation(teardown != null ? FindingText.driverFaultRemedy() : FindingText.driverFaultElsewhereRemedy(e.fault()))
                .evidence(chain.chain(NO_LOSSES))
                .build());
        }
        return out;
    }

    /**
     * The kernel's reports of a task blocked in the driver that no va_space's finding tells
     * already (docs/leaks.md, "Classes"): in a teardown function, the task is {@code stuck} with
     * the va_space and bytes null, since no input names the va_space it is tearing down
     * (uvm.c: uvm_release; uvm_va_space.c: uvm_va_space_destroy; 515..595); elsewhere in the
     * driver, it is the driver's trouble. A task seen to end since its report, or a report an
     * unload of the driver followed (see {@link dev.uvmctl.model.DriverHistory#blocked}), tells
     * nothing any more.
     */
    private List<Finding> reportedBlocked() {
        Set<ProcessInfo> judged = new HashSet<>();
        for (VaSpace vs : m.vaSpaces()) {
            ProcessInfo stuck = stuckProcess(vs);
            if (stuck != null) {
                judged.add(stuck);
            }
        }
        List<Finding> out = new ArrayList<>();
        for (Evidence report : m.driver().blocked()) {
            TaskBlocked first = (TaskBlocked) report.event();
            ProcessInfo p = first.pid() == null ? null : m.processOfTask(first.pid());
            if (p != null && (p.blocked() == null || judged.contains(p) || !stillBlocked(p))) {
                continue;
            }
            TaskBlocked last = p == null ? first : p.blocked();
            ProcessRef task = p != null ? ProcessRefs.of(p, null) : process(first.pid(), first.comm());
            // A killed process's teardown began at the kill (do_exit, kernel/exit.c), a traced one's at its exit; the report
            // comes 120 s or more later. Only a process tied to its blocked thread as still exiting keeps its end here.
            long since = p != null ? first(p.exit() != null ? p.goneAt() : EventTime.UNKNOWN, p.blockedSince()) : first.time().monoNanos();
            // The process's log counts its reports; a report that names no process counts for itself.
            EvidenceChains chain = p == null ? new EvidenceChains().add(report) : new EvidenceChains().addKept(report).add(p.evidence());
            String teardown = Teardown.frame(last.frames());
            Object who = first.pid() != null ? first.pid() : first.source().input() + ":" + first.source().line();
            if (teardown != null) {
                String id = FindingIds.of(FindingClass.stuck, m.boot(), "task", who, teardown);
                Map<String, Long> charged = p == null ? null : charged(p, chain);
                out.add(aboutBoot(since)
                    .id(id)
                    .findingClass(FindingClass.stuck)
                    .summary(FindingText.stuckTask(task, teardown, last.reason(), last.vaSpace()))
                    .vaSpace(last.vaSpace())
                    .bytes(charged)
                    .gpus(charged == null ? List.of() : List.copyOf(charged.keySet()))
                    .owner(task)
                    .remediation(FindingText.stuckTaskRemedy(task))
                    .evidence(chain.chain(NO_LOSSES))
                    .figures(Finding.Figures.of(charged, BytesSource.nvidia_smi))
                    .build());
            } else {
                String id = FindingIds.of(FindingClass.driver, m.boot(), "blocked", who);
                out.add(aboutBoot(since)
                    .id(id)
                    .findingClass(FindingClass.driver)
                    .summary(FindingText.driverBlocked(task, Teardown.driverFrame(last.frames()), last.reason()))
                    .owner(task)
                    .remediation(FindingText.driverBlockedRemedy())
                    .evidence(chain.chain(NO_LOSSES))
                    .build());
            }
        }
        return out;
    }

    /**
     * What nvidia-smi's latest listing of each GPU charges to {@code p} (its RM client lives until
     * its last /dev/nvidia* fd closes, nv.c: nvidia_close, 535..595; a task blocked in its exit's release has
     * not closed them), per GPU; null when no listing names it. The listings join {@code chain}.
     */
    private Map<String, Long> charged(ProcessInfo p, EvidenceChains chain) {
        return charged(Set.of(p), chain);
    }

    /** What nvidia-smi's latest listings charge to the owner and holders of {@code vs}, per GPU; null when none is listed. */
    private Map<String, Long> chargedTo(VaSpace vs) {
        Set<ProcessInfo> who = new HashSet<>();
        if (vs.owner() != null) {
            who.add(vs.owner());
        }
        for (Holder h : vs.holders()) {
            who.add(h.process());
        }
        return charged(who, new EvidenceChains());
    }

    private Map<String, Long> charged(Set<ProcessInfo> processes, EvidenceChains chain) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (Map.Entry<String, GpuState> e : latestPerGpu(gpu -> gpu.snapshot() != null, GpuState::snapshotAt).entrySet()) {
            for (Evidence listed : e.getValue().processes()) {
                GpuProcessMemory g = (GpuProcessMemory) listed.event();
                ProcessInfo p = m.process(g.pid());
                if (p != null && processes.contains(p)) {
                    out.merge(e.getKey(), g.used(), Long::sum);
                    chain.addKept(listed);
                }
            }
        }
        return out.isEmpty() ? null : out;
    }

    /**
     * Still blocked at the end: not seen to end since it was reported blocked. A task reported
     * blocked after its end was seen (killed, then hung in its exit's release of its files) is
     * still in the kernel, holding what that release was to free.
     */
    private static boolean stillBlocked(ProcessInfo p) {
        return p.blocked() != null && (p.holdsFiles() || p.goneAt() != EventTime.UNKNOWN && p.goneAt() < p.blockedSince());
    }

    /** The process as the model knows it, or as the event names it. */
    private ProcessRef process(Integer pid, String comm) {
        if (pid == null) {
            return null;
        }
        ProcessInfo known = m.process(pid);
        return known != null ? ProcessRefs.of(known, null)
            : ProcessRef.builder().pid(pid).comm(comm).build();
    }

    /** A process of the va_space blocked in a teardown function, that has not ended since its report. */
    private static ProcessInfo stuckProcess(VaSpace vs) {
        List<ProcessInfo> members = new ArrayList<>();
        if (vs.owner() != null) {
            members.add(vs.owner());
        }
        for (Holder h : vs.holders()) {
            members.add(h.process());
        }
        for (ProcessInfo p : members) {
            if (stillBlocked(p) && Teardown.frame(p.blocked().frames()) != null) {
                return p;
            }
        }
        return null;
    }

    /**
     * Per GPU (by its one name), of the states a GPU was known under that have what {@code has}
     * asks for, the one where {@code at} is latest.
     */
    private Map<String, GpuState> latestPerGpu(Predicate<GpuState> has, ToLongFunction<GpuState> at) {
        Map<String, GpuState> latest = new LinkedHashMap<>();
        for (GpuState gpu : m.gpuStates()) {
            if (!has.test(gpu)) {
                continue;
            }
            String name = m.gpus().resolve(gpu.name());
            GpuState seen = latest.get(name);
            if (seen == null || at.applyAsLong(seen) < at.applyAsLong(gpu)) {
                latest.put(name, gpu);
            }
        }
        return latest;
    }

    private static ProcessRef ownerRef(VaSpace vs) {
        return vs.owner() == null ? null : ProcessRefs.of(vs.owner(), holdOf(vs, vs.owner()));
    }

    /** The fds {@code process} holds on the va_space, or null. */
    private static Holder holdOf(VaSpace vs, ProcessInfo process) {
        for (Holder h : vs.holders()) {
            if (h.process() == process) {
                return h;
            }
        }
        return null;
    }

    /** Bytes per processor, all zero: the shape every finding's {@code bytes} has. */
    private Map<String, Long> zeros() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String name : m.processorNames()) {
            out.put(name, 0L);
        }
        return out;
    }

    /** Adds {@code more} to {@code sum}; unknown (null) on either side makes the sum unknown. */
    private static Map<String, Long> add(Map<String, Long> sum, Map<String, Long> more) {
        if (sum == null || more == null) {
            return null;
        }
        for (Map.Entry<String, Long> e : more.entrySet()) {
            sum.merge(e.getKey(), e.getValue(), (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
        }
        return sum;
    }

    private static List<String> gpus(Map<String, Long> bytes) {
        List<String> out = new ArrayList<>();
        if (bytes != null) {
            for (Map.Entry<String, Long> e : bytes.entrySet()) {
                if (!e.getKey().equals("cpu") && e.getValue() > 0) {
                    out.add(e.getKey());
                }
            }
        }
        return out;
    }

    /** The remediation's addition when a GPU of the finding fell off the bus (its evidence is {@link #evidence}'s). */
    private String lost(List<String> gpus) {
        StringBuilder b = new StringBuilder();
        for (String gpu : gpus) {
            if (lostGpus.containsKey(gpu)) {
                b.append(FindingText.gpuLost(gpu));
            }
        }
        return b.toString();
    }

    /**
     * The finding's evidence: {@code chain}, the evidence of those of {@code gpus} that were lost
     * (what {@link #lost} says of them), and the losses of its boot. Apart from {@link #lost}, so
     * that neither depends on the order the builder's setters run in.
     */
    private EvidenceChain evidence(EvidenceChains chain, List<String> gpus) {
        for (String gpu : gpus) {
            GpuState lost = lostGpus.get(gpu);
            if (lost != null) {
                chain.add(lost.evidence());
            }
        }
        return chain.chain(m.losses());
    }

    /** A finding about {@code vs} (its boot, id and sharing), dated from {@code since}. */
    private Finding.Builder about(VaSpace vs, long since) {
        return Finding.builder().boot(vs.boot()).vaSpace(vs.id()).sharing(vs.sharing()).since(since).age(age(since));
    }

    /** A finding about this boot's GPUs, driver or tasks rather than a va_space, dated from {@code since}. */
    private Finding.Builder aboutBoot(long since) {
        return Finding.builder().boot(m.boot()).since(since).age(age(since));
    }

    private long age(long since) {
        if (since == EventTime.UNKNOWN || end == EventTime.UNKNOWN || end < since) {
            return EventTime.UNKNOWN;
        }
        return end - since;
    }

    private static long first(long a, long b) {
        if (a == EventTime.UNKNOWN) {
            return b;
        }
        return b == EventTime.UNKNOWN ? a : Math.min(a, b);
    }

    private static String pids(List<ProcessRef> processes) {
        TreeSet<Integer> pids = new TreeSet<>();
        for (ProcessRef p : processes) {
            pids.add(p.pid());
        }
        return pids.toString();
    }
}
