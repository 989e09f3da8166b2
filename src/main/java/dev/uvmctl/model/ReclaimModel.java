package dev.uvmctl.model;

import dev.uvmctl.event.Capture;
import dev.uvmctl.event.DeferredFreed;
import dev.uvmctl.event.DriverFault;
import dev.uvmctl.event.DriverLeak;
import dev.uvmctl.event.DriverUnloaded;
import dev.uvmctl.event.Event;
import dev.uvmctl.event.Evicted;
import dev.uvmctl.event.FdClosed;
import dev.uvmctl.event.FdHeld;
import dev.uvmctl.event.GpuLost;
import dev.uvmctl.event.GpuMemory;
import dev.uvmctl.event.GpuProcessMemory;
import dev.uvmctl.event.GpuRetained;
import dev.uvmctl.event.Migrated;
import dev.uvmctl.event.Populated;
import dev.uvmctl.event.ProcessExited;
import dev.uvmctl.event.ProcessForked;
import dev.uvmctl.event.ProcessState;
import dev.uvmctl.event.RangeCreated;
import dev.uvmctl.event.RangeDestroyed;
import dev.uvmctl.event.RangeSplit;
import dev.uvmctl.event.TaskBlocked;
import dev.uvmctl.event.VaSpaceCreated;
import dev.uvmctl.event.VaSpaceDestroyed;
import dev.uvmctl.event.Xid;
import dev.uvmctl.event.ZombiesCleaned;
import dev.uvmctl.event.EventKind;
import dev.uvmctl.event.EventTime;
import dev.uvmctl.shared.GpuKey;
import dev.uvmctl.shared.Provenance;
import dev.uvmctl.shared.Diagnostic;
import dev.uvmctl.shared.Sizes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Replays events the way the UVM driver manages memory (docs/leaks.md, "The model"), keeping
 * per va_space the live ranges with their residency per processor, and per process its state
 * and the va_spaces it holds. Deterministic and single-threaded; it knows nothing of files.
 * Broken history (a destroy of a range never created, an overlapping create, ...) becomes a
 * diagnostic and the model stays consistent: {@link #apply} never throws.
 */
public final class ReclaimModel {
    /** How many destroyed va_spaces are remembered, to say "already destroyed" rather than "never seen". */
    static final int DESTROYED_REMEMBERED = 4096;

    final Consumer<Diagnostic> diagnostics;
    final long tolerance;
    final Map<String, VaSpace> vaSpaces = new HashMap<>();
    /** Other names snapshots gave a live va_space (the same open file seen through another holder). */
    final Map<String, VaSpace> aliases = new HashMap<>();
    final OpenFiles openFiles = new OpenFiles();
    final ProcessTable processes = new ProcessTable();
    final GpuDirectory gpus = new GpuDirectory();
    Processors processors = new Processors(gpus);
    final Map<String, GpuState> gpuStates = new TreeMap<>();
    final Map<String, DestroyedVaSpace> destroyed = new LinkedHashMap<>(16, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, DestroyedVaSpace> eldest) {
            return size() > DESTROYED_REMEMBERED;
        }
    };
    /** The va_spaces destroyed last whose ranges' destroys may still come ({@link DestroyedVaSpace#KEPT}). */
    final ArrayDeque<DestroyedVaSpace> recentlyDestroyed = new ArrayDeque<>();
    DriverHistory driver = new DriverHistory();
    /**
     * The va_spaces {@link #vaSpaceNamed} found, by a hash of their id, compared by identity: the decoder and the
     * trace reader hand out one instance per id, and a stream interleaves the events of many va_spaces, so a memo
     * of the last one alone misses on nearly every event. Emptied whenever a name's va_space may change.
     */
    private final String[] foundIds = new String[FOUND];
    private final VaSpace[] found = new VaSpace[FOUND];
    private static final int FOUND = 256;
    long[] resident = new long[1];
    boolean suspended;
    long sequence;
    long now = EventTime.UNKNOWN;

    private final LifetimeReplay lifetimeReplay = new LifetimeReplay(this);
    final SnapshotSequence snapshots = new SnapshotSequence(this);
    private final RangeReplay rangeReplay = new RangeReplay(this);
    private final GpuReplay gpuReplay = new GpuReplay(this);
    /** {@link #applier} of each kind, by its ordinal. */
    @SuppressWarnings("unchecked")
    private final Consumer<Event>[] appliers = Arrays.stream(EventKind.values()).map(this::applier).toArray(Consumer[]::new);
    private String boot;
    /** Where the inputs lost events in this boot, in replay order. */
    private final List<Evidence> losses = new ArrayList<>();
    /** Events of the history applied over all boots: {@link #sequence} less the inputs' reports of losses. */
    private long applied;
    private long bootsEnded;
    /** When the last capture was taken; an open listing is that capture's. */
    long captureAt = EventTime.UNKNOWN;
    /** See {@link #lastDestroyedAt()}. */
    long lastDestroyedAt = EventTime.UNKNOWN;
    /** Whether a capture of this boot listed every holder of /dev/nvidia-uvm, and when the last did (or no time was told). */
    private boolean listedAll;
    private long listedAllAt = EventTime.UNKNOWN;

    /**
     * @param tolerance GPU memory per GPU that may be used with no process to account for it
     *                  (see {@link GpuState#overSince()})
     */
    public ReclaimModel(Consumer<Diagnostic> diagnostics, long tolerance) {
        this.diagnostics = diagnostics;
        this.tolerance = tolerance;
    }

    /** Applies an event at its own boot and time. */
    public void apply(Event e) {
        apply(e, e.time().boot(), e.time().monoNanos());
    }

    /**
     * Applies an event at the place replay order gave it ({@link dev.uvmctl.event.EventMerger}),
     * which differs from its own time when the input's time went backwards.
     */
    public void apply(Event e, String boot, long time) {
        if (sequence > 0 && !Objects.equals(boot, this.boot)) {
            endBoot();
        }
        this.boot = boot;
        if (time != EventTime.UNKNOWN) {
            now = time;
        }
        sequence++;
        EventKind kind = e.kind();
        if (kind.ofHistory()) {
            applied++;
        }
        // Each kind has its own applier, called where the JIT cannot inline it: each is compiled on its own when it is
        // hot, none into another, and the first event of a kind no profile saw (a destroy, minutes into a trace)
        // recompiles only its own applier, not the migrations'.
        appliers[kind.ordinal()].accept(e);
    }

    /** What applies an event of {@code kind}; a switch expression, so the compiler checks that every kind has its case. */
    private Consumer<Event> applier(EventKind kind) {
        return switch (kind) {
            case va_space_created -> e -> lifetimeReplay.created((VaSpaceCreated) e);
            case va_space_destroyed -> e -> lifetimeReplay.destroyed((VaSpaceDestroyed) e);
            case fd_held -> e -> lifetimeReplay.held((FdHeld) e);
            case fd_closed -> e -> lifetimeReplay.closed((FdClosed) e);
            case process_exited -> e -> lifetimeReplay.exited((ProcessExited) e);
            case process_forked -> e -> lifetimeReplay.forked((ProcessForked) e);
            case process_state -> e -> lifetimeReplay.state((ProcessState) e);
            case task_blocked -> e -> lifetimeReplay.blocked((TaskBlocked) e);
            case suspended -> e -> lifetimeReplay.suspended();
            case resumed -> e -> lifetimeReplay.resumed();
            case range_created -> e -> rangeReplay.created((RangeCreated) e);
            case range_destroyed -> e -> rangeReplay.destroyed((RangeDestroyed) e);
            case range_split -> e -> rangeReplay.split((RangeSplit) e);
            case deferred_freed -> e -> rangeReplay.deferredFreed((DeferredFreed) e);
            case zombies_cleaned -> e -> rangeReplay.zombiesCleaned((ZombiesCleaned) e);
            case populated -> e -> rangeReplay.populated((Populated) e);
            case migrated -> e -> rangeReplay.migrated((Migrated) e);
            case evicted -> e -> rangeReplay.evicted((Evicted) e);
            case gpu_memory -> e -> gpuReplay.memory((GpuMemory) e);
            case gpu_process_memory -> e -> gpuReplay.processMemory((GpuProcessMemory) e);
            case gpu_retained -> e -> gpuReplay.retained((GpuRetained) e);
            case xid -> e -> gpuReplay.xid((Xid) e);
            case gpu_lost -> e -> gpuReplay.lost((GpuLost) e);
            // A load starts a new driver instance; the unload before it already ended the old one.
            case driver_loaded -> e -> { };
            case driver_unloaded -> e -> gpuReplay.unloaded((DriverUnloaded) e);
            case driver_leak -> e -> gpuReplay.leak((DriverLeak) e);
            case driver_fault -> e -> gpuReplay.fault((DriverFault) e);
            // The kernel's ring buffer drops or overwrites events when full (kernel/trace/ring_buffer.c:
            // rb_handle_head_page, ring_buffer_peek's lost_events): what they would have created, moved or
            // destroyed is missing from here on, which only the findings can say.
            case events_lost -> e -> losses.add(new Evidence(sequence, e));
            case capture -> this::capture;
        };
    }

    private void capture(Event e) {
        snapshots.endListing();
        captureAt = now;
        if (((Capture) e).allHolders()) {
            listedAll = true;
            listedAllAt = now;
            openFiles.beginListing(new Evidence(sequence, e));
        }
    }

    /** Finishes the replay: the last snapshot of each GPU is judged. Call once, after the last event. */
    public void finish() {
        snapshots.endListing();
        gpuReplay.finishSnapshots();
    }

    /** A reboot ends every va_space, range and process of the boot before: released, not leaked. */
    private void endBoot() {
        vaSpaces.clear();
        aliases.clear();
        openFiles.clear();
        forgetFound();
        processes.clear();
        gpuStates.clear();
        gpus.clear();
        gpuReplay.endBoot();
        processors = new Processors(gpus);
        destroyed.clear();
        recentlyDestroyed.clear();
        losses.clear();
        driver = new DriverHistory();
        resident = new long[1];
        suspended = false;
        now = EventTime.UNKNOWN;
        captureAt = EventTime.UNKNOWN;
        lastDestroyedAt = EventTime.UNKNOWN;
        listedAll = false;
        listedAllAt = EventTime.UNKNOWN;
        bootsEnded++;
    }

    LifetimeReplay lifetimes() {
        return lifetimeReplay;
    }

    RangeReplay ranges() {
        return rangeReplay;
    }

    /**
     * The va_space {@code id}; one the input did not show created (it began mid-stream) is
     * made here, with residency-known ranges from now on and no owner, and said so once.
     */
    VaSpace vaSpaceFor(Event e, String id) {
        VaSpace vs = vaSpaceNamed(id);
        if (vs == null) {
            diagnose(e, lifetimeReplay.unknownVaSpace(id) + ": taken to exist from here on (the input may have begun after it was created)");
            vs = new VaSpace(id, boot);
            vs.firstSeenAt = now;
            putVaSpace(vs);
        }
        vs.evidence.add(sequence, e);
        return vs;
    }

    /**
     * The va_space {@code id}, or null. Those found before are tried first, by identity ({@link #foundIds}).
     */
    VaSpace vaSpaceNamed(String id) {
        int slot = id == null ? 0 : id.hashCode() * 0x9E3779B9 >>> 24;
        if (foundIds[slot] == id && id != null) {
            return found[slot];
        }
        VaSpace vs = vaSpaces.get(id);
        // An empty map is not asked: its table is null until its first entry, and a compiled look-up that never saw
        // it null (aliases are rare) is thrown away and compiled again when the first unknown id comes.
        if (vs == null && !aliases.isEmpty()) {
            vs = aliases.get(id);
        }
        if (vs != null && id != null) {
            foundIds[slot] = id;
            found[slot] = vs;
        }
        return vs;
    }

    void putVaSpace(VaSpace vs) {
        vaSpaces.put(vs.id(), vs);
        aliases.remove(vs.id());
        forgetFound();
    }

    /** {@code name} is another name of {@code vs} (a snapshot saw it through another holder). */
    void putAlias(String name, VaSpace vs) {
        aliases.put(name, vs);
        forgetFound();
    }

    void removeVaSpace(VaSpace vs) {
        vaSpaces.remove(vs.id());
        aliases.remove(vs.id());
        aliases.values().removeIf(v -> v == vs);
        openFiles.forget(vs);
        forgetFound();
    }

    private void forgetFound() {
        Arrays.fill(foundIds, null);
        Arrays.fill(found, null);
    }

    /** The state of the GPU {@code name} names, kept under its one name. */
    GpuState gpuState(String name) {
        return gpuStates.computeIfAbsent(gpus.resolve(name), GpuState::new);
    }

    void diagnose(Event e, String message) {
        diagnostics.accept(Diagnostic.at(e.source().input(), e.source().line(), message));
    }

    /** Keeps the per-processor total of live residency in step with one range's change. */
    void resident(int processor, long delta) {
        if (processor >= resident.length) {
            resident = Arrays.copyOf(resident, processor + 1);
        }
        long sum = resident[processor] + delta;
        resident[processor] = sum < 0 && delta > 0 ? Long.MAX_VALUE : sum;
    }

    // ---- what the replay concluded, for the findings ----

    /** The boot being replayed (the last one once replay is done); null when unnamed. */
    public String boot() {
        return boot;
    }

    /** Where the inputs of this boot lost events ({@code events_lost}), in replay order. */
    public List<Evidence> losses() {
        return Collections.unmodifiableList(losses);
    }

    /** Boots that ended before the last one. */
    public long bootsEnded() {
        return bootsEnded;
    }

    /** Events of the history applied ({@link EventKind#ofHistory}), over all boots. */
    public long applied() {
        return applied;
    }

    /**
     * The end of the input in the last boot: the latest kernel time seen (a capture is an event,
     * so a bundle ends at its capture). Ages are measured to it, never to the clock of the run.
     */
    public long end() {
        return captureAt == EventTime.UNKNOWN ? now : Math.max(captureAt, now);
    }

    /**
     * Whether process {@code pid} held its files at {@code time}: it still does, or it ended after then. One the model does not
     * know is taken as holding them (nvidia-smi listed it, and nothing told of its end). A snapshot's figures are judged against
     * the processes as they were when it was taken, whatever a later input told of their ends.
     */
    public boolean heldFilesAt(int pid, long time) {
        ProcessInfo p = processes.known(pid);
        return p == null || p.heldFilesAt(time);
    }

    /**
     * When the last va_space of this boot was destroyed, or {@link EventTime#UNKNOWN}: a reading of what the driver retains
     * taken before then counts what that va_space still held (uvm_va_space_destroy releases each GPU it retained:
     * uvm_gpu_release_locked, uvm_va_space.c, 580.95.05), not
     * what is left.
     */
    public long lastDestroyedAt() {
        return lastDestroyedAt;
    }

    /**
     * Whether no input tells who holds {@code vs}: it has no owner and no holder (an input that began after it was made showed
     * it, by a range, a migration or an eviction). The driver keeps a va_space while any fd or mapping holds its file
     * ({@code uvm_release}, uvm.c, 535.43.02..595.45.04): without a holder, whether it should have been released is not known,
     * unless a snapshot names it under another name ({@link #listedSince}).
     */
    public boolean holdersUnknown(VaSpace vs) {
        return vs.owner == null && vs.holders.isEmpty();
    }

    /**
     * Whether what was in use when an input began (placed at {@code time} of boot {@code bootName}) without a holder that input
     * told is named by the others after all: a snapshot that listed every holder of /dev/nvidia-uvm was taken in that boot at
     * or after then, and so showed each of it still alive with its holders (under the name of their fd), or its boot ended
     * before the last (a reboot releases everything). Where no time was told, any such snapshot of the boot.
     */
    public boolean listedSince(String bootName, long time) {
        if (!Objects.equals(bootName, boot)) {
            return bootsEnded > 0;
        }
        return listedAll && (time == EventTime.UNKNOWN || listedAllAt != EventTime.UNKNOWN && listedAllAt >= time);
    }

    /** When the last capture (snapshot) of the last boot was taken, or {@link EventTime#UNKNOWN}. */
    public long lastCapture() {
        return captureAt;
    }

    public Collection<VaSpace> vaSpaces() {
        List<VaSpace> sorted = new ArrayList<>(vaSpaces.values());
        sorted.sort((a, b) -> a.id().compareTo(b.id()));
        return Collections.unmodifiableList(sorted);
    }

    public VaSpace vaSpace(String id) {
        return vaSpaceNamed(id);
    }

    public Collection<GpuState> gpuStates() {
        return Collections.unmodifiableCollection(gpuStates.values());
    }

    public GpuDirectory gpus() {
        return gpus;
    }

    public DriverHistory driver() {
        return driver;
    }

    /** The process {@code pid} as the model knows it (an ended one if remembered), or null. */
    public ProcessInfo process(int pid) {
        return processes.known(pid);
    }

    /**
     * The process a kernel report of task {@code tid} (a hung task, a call trace) is about: the
     * process with that pid, else the killed process that thread was tied to (see
     * {@code LifetimeReplay.blocked}); null when none is known.
     */
    public ProcessInfo processOfTask(int tid) {
        return processes.ofTask(tid);
    }

    /** Live processes and ended ones still referred to by a va_space. */
    public int processCount() {
        return processes.size();
    }

    /** The processors with residency, by their one name ({@link GpuDirectory}): {@code cpu} first, then GPUs sorted. */
    public List<String> processorNames() {
        List<String> names = new ArrayList<>();
        for (int i = 1; i < processors.count(); i++) {
            String name = gpus.resolve(processors.name(i));
            if (!names.contains(name)) {
                names.add(name);
            }
        }
        Collections.sort(names);
        names.add(0, GpuKey.CPU);
        return names;
    }

    /** Bytes of {@code range} on each processor of {@link #processorNames()}, or null when unknown. */
    public Map<String, Long> bytes(VaRange range) {
        if (!range.residencyKnown()) {
            return null;
        }
        Map<String, Long> out = new LinkedHashMap<>();
        for (String name : processorNames()) {
            out.put(name, 0L);
        }
        for (int i = 0; i < range.processorWidth(); i++) {
            String name = i == Processors.CPU ? GpuKey.CPU : gpus.resolve(processors.name(i));
            out.merge(name, range.bytesOn(i), Sizes::saturatedSum);
        }
        return out;
    }

    /** Bytes of live ranges resident on each processor, by name. */
    public Map<String, Long> residentTotals() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String name : processorNames()) {
            out.put(name, 0L);
        }
        for (int i = 0; i < resident.length; i++) {
            String name = i == Processors.CPU ? GpuKey.CPU : gpus.resolve(processors.name(i));
            out.merge(name, resident[i], Sizes::saturatedSum);
        }
        return out;
    }
}
