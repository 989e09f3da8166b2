package dev.uvmctl.ingest;

import dev.uvmctl.shared.Counted;
import dev.uvmctl.event.BlockReason;
import dev.uvmctl.event.Event;
import dev.uvmctl.event.EventKind;
import dev.uvmctl.event.EventTime;
import dev.uvmctl.event.EventsLost;
import dev.uvmctl.event.EvictStatus;
import dev.uvmctl.event.Evicted;
import dev.uvmctl.event.ExitReason;
import dev.uvmctl.event.FdHeld;
import dev.uvmctl.event.FdKind;
import dev.uvmctl.event.GpuRetained;
import dev.uvmctl.event.Migrated;
import dev.uvmctl.event.ProcessExited;
import dev.uvmctl.event.ProcessForked;
import dev.uvmctl.event.ProcessIdentity;
import dev.uvmctl.event.RangeCreated;
import dev.uvmctl.event.RangeDestroyed;
import dev.uvmctl.event.RangeSplit;
import dev.uvmctl.event.RangeType;
import dev.uvmctl.event.TaskBlocked;
import dev.uvmctl.event.TransferMode;
import dev.uvmctl.event.VaSpaceCreated;
import dev.uvmctl.event.VaSpaceDestroyed;
import dev.uvmctl.event.Xid;
import dev.uvmctl.ftrace.FtraceLine;
import dev.uvmctl.shared.Diagnostic;
import dev.uvmctl.shared.GpuKey;
import dev.uvmctl.shared.PciAddress;
import dev.uvmctl.shared.Provenance;
import dev.uvmctl.shared.Sizes;
import dev.uvmctl.source.FileLines;
import dev.uvmctl.tracefs.ProbeProfile;
import dev.uvmctl.tracefs.TraceHeader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the lines of a UVM trace (the probes of {@code uvmctl trace print-probes}, docs/trace.md)
 * into events, joining what the driver does in several calls: a va_space is created by
 * {@code uvm_va_space_create} on one thread, which calls {@code uvm_perf_init_va_space_events}
 * with the va_space and its perf-events pointer and returns its status (uvm_va_space.c, 535..595);
 * a managed range by {@code uvm_va_range_create_mmap} and its return (uvm_va_range.c); an eviction
 * runs from {@code uvm_va_block_evict_chunks} to its return on one thread, and the migrations it
 * makes are on that thread (uvm_va_block.c). Entry and return are joined by thread id, as the
 * kernel runs a call on one thread. Migrations carry only the perf-events pointer, so the
 * pointer of each va_space is kept; evictions carry only a block, so each block's va_space and
 * address are kept from the migrations that named it.
 *
 * <p>What the trace cannot show is said, never filled in: lines from other probes, lost events,
 * probes that were not installed, values that fail the layout checks (never fed to the model),
 * migrations of va_spaces created before the trace began.
 */
final class FtraceEvents {
    /**
     * What a line written into an instance's {@code trace_marker} shows in the event's place: the print entry's ip, the kernel
     * function that wrote it, {@code tracing_mark_write} (kernel/trace/trace.c), then its text (trace_output.c: trace_print_print).
     */
    static final String MARK_EVENT = "tracing_mark_write";

    /** How many of a probe's first lines must pass its checks before one failure is only that line's. */
    static final int CHECKED_FIRST = 16;
    /** The migration probe of a known layout, and the two of a driver whose release was not known (probes.tsv). */
    private static final Set<String> MIGRATION_PROBES = Set.of("uvm_migrate", "uvm_migrate_r1", "uvm_migrate_r23");
    /** A va_block is at most 2 MiB (UVM_VA_BLOCK_SIZE, uvm_va_block_types.h). */
    static final long BLOCK_BYTES = 2L << 20;
    /** Every root chunk an eviction works on is 2 MiB (UVM_CHUNK_SIZE_MAX, uvm_pmm_gpu.h). */
    static final long ROOT_CHUNK_BYTES = 2L << 20;
    private static final long PAGE = 4096;
    /** {@code UVM_INIT_FLAGS_MULTI_PROCESS_SHARING_MODE} (uvm_types.h, 535..595). */
    private static final long MULTI_PROCESS_SHARING = 0x2;
    /** {@code UVM_PERF_EVENT_RANGE_DESTROY}, {@code _RANGE_SHRINK}, {@code _MIGRATION} (uvm_perf_events.h, 535..595). */
    private static final int RANGE_DESTROY = 3;
    private static final int RANGE_SHRINK = 4;
    private static final int MIGRATION = 7;
    /** UVM_MM_INITIALIZE, UVM_IOCTL_BASE(75) (uvm_ioctl.h, 535.43.02..595.45.04): what uvm_mm_init's filter keeps. */
    private static final long MM_INITIALIZE = 75;
    /** {@code UVM_MAKE_RESIDENT_CAUSE_EVICTION} (uvm_va_block_types.h, 535..595). */
    private static final int CAUSE_EVICTION = 4;
    /** The kernel's default hung-task timeout (kernel/hung_task.c: CONFIG_DEFAULT_HUNG_TASK_TIMEOUT, 120 s). */
    static final long TEARDOWN_HUNG_NANOS = 120_000_000_000L;
    /** The entries kept while no return has shown that uvm_vas_destroy_r is set. */
    private static final int UNJUDGED = 1024;
    /** A teardown that has not returned, as a call trace's frame names it. */
    private static final String DESTROY_FRAME = "uvm_va_space_destroy [nvidia_uvm]";
    /** {@code uvm_make_resident_cause_t} by value (uvm_va_block_types.h, 535..595), as events name causes. */
    private static final String[] CAUSES = {"replayable_fault", "non_replayable_fault", "access_counters", "prefetch", "eviction",
        "api_tools", "user", "api_set_range_group", "api_hint"};
    /** {@code CLONE_THREAD} (include/uapi/linux/sched.h): a thread shares its process's files. */
    private static final long CLONE_THREAD = 0x10000;
    private static final Pattern XID_TRACEPOINT = Pattern.compile("Xid \\(PCI:([^)]+)\\): (\\d{1,9}), ?(.*)");
    /** NV_STATUS values (src/common/sdk/nvidia/inc/nvstatuscodes.h, 535..595) an eviction returns. */
    private static final Map<Long, String> STATUS_NAMES = Map.of(
        0x03L, "NV_ERR_BUSY_RETRY", 0x0FL, "NV_ERR_GPU_IS_LOST", 0x17L, "NV_ERR_IN_USE", 0x1FL, "NV_ERR_INVALID_ARGUMENT",
        0x40L, "NV_ERR_INVALID_STATE", 0x4DL, "NV_ERR_MORE_PROCESSING_REQUIRED", 0x51L, "NV_ERR_NO_MEMORY",
        0x56L, "NV_ERR_NOT_SUPPORTED", 0x68L, "NV_ERR_UVM_ADDRESS_IN_USE");

    /** The fields of {@code uvm_migrate} (a trace's lines are mostly migrations), as {@link FtraceLine#number(byte[])} takes them. */
    private static final byte[] PEV = FtraceLine.name("pev");
    private static final byte[] EV = FtraceLine.name("ev");
    /** A migration's fields after {@code ev}, in the order the probe prints them: read into {@link #migration}. */
    private static final byte[][] MIGRATION_FIELDS = {FtraceLine.name("block"), FtraceLine.name("dst"), FtraceLine.name("src"),
        FtraceLine.name("addr"), FtraceLine.name("bytes"), FtraceLine.name("mode")};
    private static final byte[] CAUSE = FtraceLine.name("cause");

    /** A call entered on a thread, waiting for its return. */
    private static final class Call {
        long line;
        /** Where the line is ({@link FileLines#where}) when the input can be read again, else its text. */
        long where;
        String text;
        long a;
        long b;
        long c;
        String vaSpace;
        /** For an eviction: bytes its migrations moved, where, and from which GPU. */
        long bytes;
        long address = -1;
        int gpu = -1;
        long gpuPointer;
        /** For a va_space's destroy: the thread's name and process, and how many losses the input had said before it. */
        String comm;
        int process;
        long lossesBefore;

        Call(FtraceLine l, long where, boolean keepText) {
            at(l, where, keepText);
        }

        void at(FtraceLine l, long where, boolean keepText) {
            this.line = l.number();
            this.where = where;
            this.text = keepText ? l.text() : null;
        }
    }

    private final long[] migration = new long[MIGRATION_FIELDS.length];
    private final String input;
    private final Consumer<Diagnostic> diagnostics;
    private final Consumer<Event> out;
    private FtraceEventSource.Listener listener = (probe, why) -> { };
    /** Reads the input's lines again, so that provenance keeps where a line is, not its text; null: the text is kept. */
    private Provenance.Lines again;
    /** Where the current line is ({@link FileLines#where}), or -1. */
    private long where = -1;

    private String boot;
    private boolean clockCounts = true;
    /** A line whose timestamp is a count (no seconds) was said. */
    private boolean saidCountingClock;
    /** By UVM processor id (uvm_processor_id_t: at most 256 GPUs, UVM_ID_MAX_PROCESSORS, uvm_processors.h). */
    private final String[] gpuNames = new String[257];
    private final Set<Integer> gpusUnnamed = new LinkedHashSet<>();

    private final Map<Integer, Call> creating = new HashMap<>();
    private final Map<Integer, Call> mapping = new HashMap<>();
    private final Map<Integer, Call> evicting = new HashMap<>();
    private final Map<Integer, Call> pmaEvicting = new HashMap<>();
    /** {@code uvm_va_space_destroy} entered on a thread (its va_space, and when in {@link Call#a}), until it returns. */
    private final Map<Integer, Call> destroying = new HashMap<>();
    /**
     * The trace records {@code uvm_va_space_destroy}'s returns ({@code uvm_vas_destroy_r}): its header
     * says the probe was set ({@link TraceHeader#DESTROY_RETURNS}), or a return was seen. Only then
     * does an entry without a return say anything.
     */
    private boolean destroyReturns;
    /** The losses the input has said so far (markers, overwritten counts): one after a destroy's entry may have taken its return. */
    private long losses;
    /** Returns of uvm_va_space_destroy the kernel missed during the run, as its mark said ({@link #marked}). */
    private long destroyReturnsMissed;
    /** The trace time at which the next waiting teardown reaches the hung-task timeout ({@link #tellHanging}), or none. */
    private long hangingAt = Long.MAX_VALUE;
    /** The threads of the teardowns the listener was last told hang. */
    private List<Integer> toldHanging = List.of();
    private final Map<Long, TraceBlocks.VaSpace> vaSpaceOfEvents = new HashMap<>();
    private static final int RECENT = 256;
    /** For each slot of {@link #recentEvents}, a pointer that belongs in another slot: what an empty slot holds, found by no lookup. */
    private static final long[] VACANT = new long[RECENT];

    static {
        for (int i = 0; i < RECENT; i++) {
            long p = 0;
            while (recentSlot(p) == i) {
                p++;
            }
            VACANT[i] = p;
        }
    }

    /**
     * The va_spaces of perf-events pointers looked up lately, one per slot by the pointer's hash
     * (the migrations of the va_spaces in use interleave), in front of {@link #vaSpaceOfEvents};
     * a pointer's slot is emptied whenever that map changes for it.
     */
    private final long[] recentEvents = VACANT.clone();
    private final TraceBlocks.VaSpace[] recentVaSpaces = new TraceBlocks.VaSpace[RECENT];
    private final Map<String, TraceBlocks.VaSpace> spaces = new HashMap<>();
    private final Map<String, Long> eventsOfVaSpace = new HashMap<>();
    private final TraceBlocks blocks = new TraceBlocks();
    private final Map<Long, Integer> gpuOfPointer = new HashMap<>();
    private final Map<Long, Long> gpuPointerOfPmm = new HashMap<>();
    /** Per process, the va_spaces it created, newest last: what its UVM_MM_INITIALIZE is for. */
    private final Map<Integer, List<String>> created = new HashMap<>();
    /** va_spaces whose mm fd was made: the driver allows it once (uvm_api_mm_initialize: UVM_VA_SPACE_MM_STATE_ALIVE). */
    private final Set<String> withMm = new HashSet<>();
    /**
     * The header's {@code va_space_mm}: false when the traced system's uvm_enable_va_space_mm was 0
     * and UVM_MM_INITIALIZE made no mm fd; null when not known (no key, or a garbled one), where
     * each is taken to make one, as the driver's default does.
     */
    private Boolean vaSpaceMm;
    private boolean saidNoMmFds;
    private final Map<Integer, Long> cloneFlags = new HashMap<>();
    /** Threads made during the trace ({@code task_newtask} with CLONE_THREAD) by process, until each exits. */
    private final Map<Integer, Integer> threads = new HashMap<>();
    /** Forks whose child may be a thread: decided by the child's first line, which names its tgid. */
    private final Map<Integer, Call> forks = new HashMap<>();
    private final Set<Integer> oomVictims = new java.util.HashSet<>();

    private final Map<String, Integer> checked = new HashMap<>();
    /** The probe checked last that is past its first lines, whose lines that pass need no count. */
    private String settledProbe;
    /** The probes left out, and where: from there on the model misses what each would have given. */
    private final Map<String, Provenance> rejected = new LinkedHashMap<>();
    /** For the layout of a release that was not known: 0 undecided, 52 or 56, where {@code cause} is. */
    private int causeOffset;

    /** Events lost per CPU: counted by {@code CPU:N [LOST M EVENTS]}, {@link FtraceLine#UNCOUNTED} once a CPU lost some uncounted. */
    private final Map<Integer, Long> lostPerCpu = new TreeMap<>();
    /** Events the ring buffer overwrote before the {@code trace} file was read, as its header counts them. */
    private long overwritten;
    /** A {@code ##### CPU N buffer started ####} line was seen: the ring buffer had overruns (how many, only the header says). */
    private boolean overrun;
    /**
     * Losses read since the last event line, as {@code events_lost} events without a time: a marker
     * has none, and the loss happened before the next line, whose time they take.
     */
    private final List<EventsLost> pendingLosses = new ArrayList<>();
    /** The first header line that names a probe not set whose events the model misses ({@code missing=... kinds=K}), or null. */
    private Provenance unprobed;
    /** The time of the last event line, for losses after the last of them. */
    private long lastNanos = FtraceLine.NO_TIME;
    private final Map<String, Long> otherEvents = new LinkedHashMap<>();
    private final Map<Long, Long> unknownEventPointers = new LinkedHashMap<>();
    /**
     * {@code pev − vas} as {@code uvm_perf_init_va_space_events(va_space, &va_space->perf_events)} showed it
     * (uvm_va_space.c: uvm_va_space_create, 535.43.02..595.45.04), and {@code uvm_range_ev}'s {@code pev} and
     * {@code vas}: the offset of the embedded {@code perf_events} in {@code uvm_va_space_t}, one per build of the
     * module (it depends on the kernel's config, so no table can give it: docs/trace.md); {@link #NO_OFFSET} until
     * a line gives it, and again for good once two lines disagree (two builds in one trace).
     */
    private long eventsOffset = NO_OFFSET;
    /**
     * Where in its page the va_space that gave {@link #eventsOffset} starts. {@code uvm_va_space_create} allocates it with
     * {@code uvm_kvmalloc_zero(sizeof(*va_space))} (uvm_kvmalloc.c, 535.43.02..595.45.04): kmalloc up to four pages, which places
     * an allocation of a page or more at the start of a page, and vmalloc after an 8-byte header above that: every va_space of
     * one build starts at the same place in its page, so a pointer less the offset that does not is no va_space's.
     */
    private long vaSpacePageOffset;
    private boolean offsetsDisagree;
    private static final long NO_OFFSET = Long.MIN_VALUE;
    private static final long PAGE_MASK = 4095;
    /** The va_spaces destroyed last, by name: a pointer's events after its va_space's destroy are no va_space's ({@link #madeBefore}). */
    private final Map<String, Boolean> recentlyDestroyed = new LinkedHashMap<>(16, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > 4096;
        }
    };
    /** The va_spaces destroyed that the trace never saw made (created before it began): their migrations' va_spaces are not unseen. */
    private final Set<String> destroyedUnmade = new HashSet<>();
    /** The time of the first event line (a live run's start mark, where it has one), for {@link #unseenHolders}. */
    private long firstNanos = FtraceLine.NO_TIME;
    /** The perf-events pointers of va_spaces made before the trace began, named through {@link #eventsOffset} ({@link #madeBefore}). */
    private final Set<Long> placedBefore = new HashSet<>();
    private long pageableMigrations;
    /** uvm_xid lines of a definition without the GPU's PCI address (recorded by hand): said once, counted. */
    private long xidsWithoutGpu;
    /** Lines of the function tracer, and the first one's number: said once, at the end. */
    private long functionCalls;
    private long firstFunctionCall;
    private boolean tgidNoted;
    /** The reader of each event name seen ({@link #reader}), and the one looked up last, with its name. */
    private final Map<String, Consumer<FtraceLine>> readers = new HashMap<>();
    private Consumer<FtraceLine> reader;
    private String readerName;
    private boolean sawTgid;

    FtraceEvents(String input, Consumer<Diagnostic> diagnostics, Consumer<Event> out) {
        this.input = input;
        this.diagnostics = diagnostics;
        this.out = out;
    }

    FtraceEvents telling(FtraceEventSource.Listener l) {
        this.listener = l;
        return this;
    }

    /** Provenance that reads its line again through {@code lines} when a report shows it (null: the text is kept, as for a pipe). */
    FtraceEvents readAgainBy(Provenance.Lines lines) {
        this.again = lines;
        return this;
    }

    /** Names UVM's processor {@code id} (1..256) as {@code gpu}, a PCI bus id or UUID: what {@code uvmctl trace record} read from UVM's procfs. */
    void gpu(int id, String gpu) {
        String key = GpuKey.normalize(gpu);
        if (key != null && id > 0 && id < gpuNames.length) {
            gpuNames[id] = key;
        }
    }

    void line(FtraceLine l) {
        line(l, -1);
    }

    /** The line {@code l}, which is at {@code where} ({@link FileLines#where}, -1 when not known) in the input. */
    void line(FtraceLine l, long where) {
        this.where = again == null ? -1 : where;
        // A switch expression (its value unused), so the compiler checks that every kind has its case.
        boolean handled = switch (l.kind()) {
            case EVENT -> {
                event(l);
                yield true;
            }
            case LOST -> {
                lost(l);
                yield true;
            }
            case BUFFER_STARTED -> {
                bufferStarted(l);
                yield true;
            }
            case ENTRIES -> {
                overwritten(l);
                yield true;
            }
            case META -> {
                meta(l);
                yield true;
            }
            case BAD -> {
                diagnose(l, l.problem() + ": '" + cut(l.text()) + "'");
                yield true;
            }
            case FUNCTION -> {
                if (functionCalls++ == 0) {
                    firstFunctionCall = l.number();
                }
                yield true;
            }
            case COMMENT, BLANK, STACK -> false;
        };
    }

    /**
     * Each line goes to its probe's reader through {@link #readers}, a call the JIT cannot inline:
     * each reader is compiled on its own when it is hot, none into another. A trace's first
     * destroy, minutes into it, takes branches no profile saw; this way it recompiles only its own
     * reader, not the migrations' code.
     */
    private void event(FtraceLine l) {
        if (!pendingLosses.isEmpty()) {
            lossesBefore(time(l));
        }
        lastNanos = l.nanos();
        if (firstNanos == FtraceLine.NO_TIME) {
            firstNanos = lastNanos;
        }
        if (lastNanos == FtraceLine.NO_TIME && !saidCountingClock && clockCounts) {
            saidCountingClock = true;
            diagnose(l, "the timestamps are counts, not seconds (a trace_clock such as counter or x86-tsc): the events keep the "
                + "trace's order, but have no kernel time to line up with the kernel log and snapshots beside them (record with "
                + "trace_clock local, as 'uvmctl trace record' does)");
        }
        if (!sawTgid || !l.hasTgidColumn()) {
            tgidColumn(l);
        }
        if (!forks.isEmpty()) {
            settleFork(l);
        }
        String name = l.event();
        if (rejected.isEmpty() || !rejected.containsKey(name)) {
            read(l, name);
        }
        // After the line's own reader: a return, or a line of missed returns, at the time that crosses the timeout comes first.
        if (lastNanos >= hangingAt) {
            tellHanging();
        }
    }

    private void read(FtraceLine l, String name) {
        // The parser gives a name as one string for the whole input: a run of one event's lines looks its reader up once.
        if (name != readerName) {
            reader = readers.computeIfAbsent(name, this::reader);
            readerName = name;
        }
        try {
            reader.accept(l);
        } catch (NumberFormatException e) {
            leftOut(l, name, e);
        }
    }

    private void tgidColumn(FtraceLine l) {
        if (l.hasTgidColumn()) {
            sawTgid = true;
        } else if (!tgidNoted && !sawTgid) {
            tgidNoted = true;
            diagnose(l, "the trace has no TGID column (options/record-tgid was off, or perf script ran without -F +pid): thread ids are taken as process ids, "
                + "so a process's threads count as processes of their own, but for those the trace shows made (task_newtask "
                + "with CLONE_THREAD)");
        }
    }

    private void leftOut(FtraceLine l, String name, NumberFormatException e) {
        diagnose(l, name + ": a field is missing or no number (" + e.getMessage() + "): line left out");
    }

    /** The reader of the event {@code name}'s lines. */
    private Consumer<FtraceLine> reader(String name) {
        return switch (name) {
            case "uvm_vas_create" -> this::vaSpaceCreate;
            case "uvm_vas_init" -> this::vaSpaceInit;
            case "uvm_vas_create_r" -> this::vaSpaceCreated;
            case "uvm_vas_destroy" -> this::vaSpaceDestroyed;
            case "uvm_vas_destroy_r" -> this::vaSpaceDestroyReturned;
            case "uvm_range_mmap" -> this::rangeMmap;
            case "uvm_range_mmap_r" -> this::rangeCreated;
            case "uvm_range_ev" -> this::rangeEvent;
            case "uvm_migrate", "uvm_migrate_r1", "uvm_migrate_r23" -> this::migrated; // MIGRATION_PROBES
            case "uvm_evict", "uvm_hmm_evict" -> this::evictEntry;
            case "uvm_evict_r", "uvm_hmm_evict_r" -> this::evictReturn;
            case "uvm_pma_evict", "uvm_pma_evrange" -> this::pmaEvictEntry;
            case "uvm_pma_evict_r", "uvm_pma_evrange_r" -> this::pmaEvictReturn;
            case "uvm_xid" -> this::xidProbe;
            case "nvidia_dev_xid" -> this::xidTracepoint;
            case "uvm_mm_init" -> this::mmInitialized;
            case "sched_process_fork" -> this::fork;
            // include/trace/events/task.h prints clone_flags=%lx: hex without 0x.
            case "task_newtask" -> l -> cloneFlags.put((int) l.number("pid"), l.hex("clone_flags"));
            case "sched_process_exit" -> this::exit;
            case "mark_victim" -> this::oomVictim;
            // A line written into the instance's trace_marker: a live run's end (Tracefs.END_MARK), which gives the trace its
            // last time, the probes' misses during the run (ProbeProfile.MISSED_MARK), or a user's note. Its time is taken as
            // any line's (event).
            case MARK_EVENT -> this::marked;
            // Seen, and part of the story, but the model needs nothing of them: the va_space's own destroy
            // follows a release (uvm.c: uvm_release), the destroy of the va_space frees its deferred list
            // (uvm_va_space.c: uvm_va_space_destroy), a user migrate shows as its migrations.
            case "uvm_vas_defer", "uvm_fd_release", "uvm_mm_unreg", "uvm_range_zombie", "uvm_deferred_free", "uvm_api_migrate",
                 "uvm_api_migrate_r", "uvm_hmm_evict_pfn", "uvm_hmm_evict_pfn_r", "uvm_hmm_unreg_gpu", "uvm_hmm_unreg_gpu_r" -> l -> { };
            default -> l -> otherEvents.merge(l.event(), 1L, Long::sum);
        };
    }

    /** Takes {@code pev − vas} of one va_space as the offset of every va_space's perf events, while no two disagree. */
    private void learnEventsOffset(long vas, long pev) {
        long offset = pev - vas;
        if (eventsOffset == offset && (vas & PAGE_MASK) == vaSpacePageOffset || offsetsDisagree) {
            return;
        }
        if (eventsOffset == NO_OFFSET) {
            eventsOffset = offset;
            vaSpacePageOffset = vas & PAGE_MASK;
            return;
        }
        offsetsDisagree = true;
        eventsOffset = NO_OFFSET;
    }

    /**
     * The va_space of a perf-events pointer no {@code uvm_vas_init} line gave (made before the trace began, or that line lost),
     * named by the pointer less {@link #eventsOffset}, or null while that is not known. Its migrations are then given as any
     * va_space's: the model takes it to exist from there, with no holder the trace can name (a migration runs in whichever
     * thread faulted or in a GPU's bottom half), and the trace's destroy of it is matched. Not for a va_space the trace saw
     * destroyed: a pointer's events after its destroy are no va_space's.
     */
    private TraceBlocks.VaSpace madeBefore(long pev) {
        if (eventsOffset == NO_OFFSET) {
            return null;
        }
        long vas = pev - eventsOffset;
        String name = Sizes.hex(vas);
        if ((vas & PAGE_MASK) != vaSpacePageOffset || recentlyDestroyed.containsKey(name)) {
            return null;
        }
        TraceBlocks.VaSpace v = spaces.get(name);
        if (v == null) {
            v = new TraceBlocks.VaSpace(name);
            blocks.number(v);
            spaces.put(name, v);
            eventsOfVaSpace.put(name, pev);
        }
        vaSpaceOfEvents.put(TraceBlocks.key(pev), v);
        forgetRecentEvents(pev);
        placedBefore.add(pev);
        return v;
    }

    /**
     * The va_spaces the trace shows in use (their migrations) that it gave no event of: made before it began, their migrations
     * all left out (no line gave {@link #eventsOffset} before them), and not destroyed in it. No line of it says which process
     * holds them. Null when there are none. Without the offset, a destroy cannot be matched: each is named by its pointer.
     */
    String unseenHolders() {
        List<String> unseen = new ArrayList<>();
        for (long pev : unknownEventPointers.keySet()) {
            if (placedBefore.contains(pev)) {
                continue;
            }
            if (eventsOffset == NO_OFFSET) {
                unseen.add("pev " + Sizes.hex(pev));
            } else if (!destroyedUnmade.contains(Sizes.hex(pev - eventsOffset))) {
                unseen.add(Sizes.hex(pev - eventsOffset));
            }
        }
        if (unseen.isEmpty()) {
            return null;
        }
        return "the trace shows " + Counted.of(unseen.size(), "va_space") + " in use (" + Counted.firstOf(unseen, 4) + ") that "
            + (unseen.size() == 1 ? "was" : "were") + " made before it began and not destroyed in it: none of its lines says which "
            + "process holds " + (unseen.size() == 1 ? "it" : "them") + ", so whether that memory should have been released is not "
            + "judged; a snapshot taken while the trace ran (a system root, 'uvmctl capture', 'uvmctl leaks --trace /') names the "
            + "holders";
    }

    /** Its first event line's time, in the boot its header names: a live run's start mark, before any snapshot it took. */
    EventTime began() {
        return clockCounts && firstNanos != FtraceLine.NO_TIME ? new EventTime(boot, firstNanos, EventTime.UNKNOWN) : null;
    }

    /** How many event lines so far were of events that are not uvmctl's probes' (nor the tracepoints it reads). */
    long otherEventLines() {
        long lines = 0;
        for (long n : otherEvents.values()) {
            lines += n;
        }
        return lines;
    }

    private void vaSpaceCreate(FtraceLine l) {
        long flags = l.number("flags");
        entry(creating, l).a = flags;
    }

    private void pmaEvictEntry(FtraceLine l) {
        long pmm = l.number("pmm");
        entry(pmaEvicting, l).a = pmm;
    }

    /**
     * A call entered on the line's thread, waiting for its return. Called only once every field the
     * entry needs is read: a line left out for a missing or garbled field leaves no call behind.
     */
    private Call entry(Map<Integer, Call> calls, FtraceLine l) {
        Call c = new Call(l, where, where < 0);
        calls.put(l.tid(), c);
        return c;
    }

    // --- va_spaces ---------------------------------------------------------------------------

    private void vaSpaceInit(FtraceLine l) {
        long vas = l.number("vas");
        long pev = l.number("pev");
        Call c = creating.get(l.tid());
        if (c == null) {
            c = entry(creating, l);
            c.a = -1;
        }
        c.vaSpace = Sizes.hex(vas);
        c.b = pev;
        // The line that names the va_space is the one to show as the proof of its creation.
        c.at(l, where, where < 0);
        TraceBlocks.VaSpace v = new TraceBlocks.VaSpace(c.vaSpace);
        blocks.number(v);
        learnEventsOffset(vas, pev);
        vaSpaceOfEvents.put(TraceBlocks.key(pev), v);
        forgetRecentEvents(pev);
        spaces.put(c.vaSpace, v);
        eventsOfVaSpace.put(c.vaSpace, pev);
    }

    private void vaSpaceCreated(FtraceLine l) {
        Call c = creating.remove(l.tid());
        long status = l.number("ret");
        if (c == null || c.vaSpace == null) {
            if (status == 0) {
                diagnose(l, "uvm_va_space_create returned NV_OK on thread " + l.tid() + " but the trace has no uvm_vas_init of that call "
                    + "(it began inside it, or the line was lost): which va_space is unknown");
            }
            return;
        }
        if (status != 0) {
            vaSpaceOfEvents.remove(TraceBlocks.key(c.b));
            forgetRecentEvents(c.b);
            eventsOfVaSpace.remove(c.vaSpace);
            TraceBlocks.VaSpace v = spaces.remove(c.vaSpace);
            if (v != null) {
                blocks.dropVaSpace(v); // frees its number
            }
            return;
        }
        int pid = process(l);
        boolean sharing = c.a >= 0 && (c.a & MULTI_PROCESS_SHARING) != 0;
        out.accept(new VaSpaceCreated(time(l), source(c), c.vaSpace, pid, command(l, pid), sharing, false, null));
        if (!sharing) {
            created.computeIfAbsent(pid, p -> new ArrayList<>()).add(c.vaSpace);
        }
    }

    /** Takes {@code vas} out of every process's collection, and the collections left empty. */
    private static void forget(Map<Integer, ? extends Collection<String>> byProcess, String vas) {
        for (Iterator<? extends Collection<String>> it = byProcess.values().iterator(); it.hasNext(); ) {
            Collection<String> held = it.next();
            held.remove(vas);
            if (held.isEmpty()) {
                it.remove();
            }
        }
    }

    /**
     * {@code UVM_MM_INITIALIZE} on a second {@code /dev/nvidia-uvm} file (uvm.c,
     * {@code uvm_api_mm_initialize}, 535.43.02..595): the file becomes the mm fd of the va_space
     * whose fd the call names, and takes {@code mmget_not_zero} on the mm that created it, so while
     * any process holds it (a forked child inherits it) the creator's mm, its managed vmas and
     * ranges stay, after the creator ended (LifetimeReplay.ownerMmGone). The probe sees the ioctl's
     * command, not the fd in the user's parameters nor the status written back to them, so the
     * va_space is the newest one the calling process created and has no mm fd yet (a CUDA process
     * has one), and the call is taken to succeed; sharing mode answers NV_WARN_NOTHING_TO_DO, so its
     * va_spaces are never candidates. So does every call where the header says
     * {@code va_space_mm=0}: {@code uvm_va_space_mm_enabled} is false for every va_space when
     * {@code uvm_enable_va_space_mm} is 0 (uvm_va_space_mm.c, 535.43.02 and 580.95.05), and the
     * call returns before it makes the file an mm fd or takes {@code mmget_not_zero}, so no fd,
     * inherited or not, keeps the owner's mm.
     */
    private void mmInitialized(FtraceLine l) {
        // A probe set up by hand without its filter records every ioctl of /dev/nvidia-uvm: only 75 makes an mm fd.
        if (l.number("cmd") != MM_INITIALIZE) {
            return;
        }
        if (Boolean.FALSE.equals(vaSpaceMm)) {
            if (!saidNoMmFds) {
                saidNoMmFds = true;
                diagnose(l, "uvm_enable_va_space_mm=0: UVM_MM_INITIALIZE makes no mm fd (uvm_api_mm_initialize answers "
                    + "NV_WARN_NOTHING_TO_DO), so no process keeps another's managed memory through one");
            }
            return;
        }
        int pid = process(l);
        List<String> mine = created.get(pid);
        String vas = null;
        if (mine != null) {
            for (int i = mine.size() - 1; i >= 0 && vas == null; i--) {
                vas = withMm.contains(mine.get(i)) ? null : mine.get(i);
            }
        }
        if (vas == null) {
            diagnose(l, "UVM_MM_INITIALIZE by process " + pid + ", which the trace saw create no va_space without an mm fd "
                + "(it began later, or the creation was lost): whose mm it pins is unknown");
            return;
        }
        withMm.add(vas);
        out.accept(new FdHeld(time(l), source(l), vas, pid, command(l, pid), FdKind.mm, null, null));
    }

    /**
     * {@code uvm_va_space_destroy} entered: the va_space's last file reference is gone
     * ({@code uvm_release} → {@code uvm_release_va_space}, or {@code uvm_release_deferred} after a
     * resume; uvm.c, 535.43.02..595.45.04), and its teardown runs to the function's return. The
     * va_space is destroyed from here for the model (its ranges' destroys follow this line, see
     * docs/trace.md); the entry waits on its thread for the return ({@link #unreturnedDestroys}).
     */
    private void vaSpaceDestroyed(FtraceLine l) {
        String vas = Sizes.hex(l.number("vas"));
        Long pevOfVas = eventsOfVaSpace.get(vas);
        if (!spaces.containsKey(vas) ? !unknownEventPointers.isEmpty() : pevOfVas != null && placedBefore.contains(pevOfVas)) {
            destroyedUnmade.add(vas); // made before the trace began
        }
        recentlyDestroyed.put(vas, Boolean.TRUE);
        out.accept(new VaSpaceDestroyed(time(l), source(l), vas, process(l)));
        // Until a return shows the probe is set, at most UNJUDGED entries wait (one per thread that destroyed, in a trace
        // without returns): memory stays flat in the trace's length.
        if (l.nanos() != FtraceLine.NO_TIME && clockCounts && (destroyReturns || destroying.size() < UNJUDGED)) {
            // A second entry on a thread whose first never returned in the trace: that return was missed (a kretprobe
            // can miss one when more calls are in flight than its instances, maxactive); the new entry replaces it.
            Call c = entry(destroying, l);
            c.vaSpace = vas;
            c.a = l.nanos();
            c.comm = l.comm();
            c.process = process(l);
            c.lossesBefore = losses;
            hangingAt = Math.min(hangingAt, c.a + TEARDOWN_HUNG_NANOS);
        }
        Long pev = eventsOfVaSpace.remove(vas);
        if (pev != null) {
            vaSpaceOfEvents.remove(TraceBlocks.key(pev));
            forgetRecentEvents(pev);
        }
        forget(created, vas);
        // Its pointer may name a new va_space later.
        withMm.remove(vas);
        TraceBlocks.VaSpace v = spaces.remove(vas);
        if (v != null) {
            blocks.dropVaSpace(v);
        }
    }

    /** {@code uvm_va_space_destroy} returned on the line's thread: the teardown its entry began is done. */
    private void vaSpaceDestroyReturned(FtraceLine l) {
        boolean first = !destroyReturns;
        destroyReturns = true;
        if (destroying.remove(l.tid()) != null && toldHanging.contains(l.tid()) || first) {
            tellHanging();
        }
    }

    /**
     * At the end of the input, each {@code uvm_va_space_destroy} that entered and never returned,
     * where the trace records returns. The function frees the va_space's GPU state, flushes its
     * GPUs' fault and kill queues and unregisters its mm (uvm_va_space.c: uvm_va_space_destroy,
     * 535.43.02..595.45.04): one that has not returned 120 s after its entry, the kernel's default
     * hung-task timeout (kernel/hung_task.c, CONFIG_DEFAULT_HUNG_TASK_TIMEOUT), is the task blocked
     * in the driver's teardown that a hung-task warning would report, and the model takes it so
     * ({@code task_blocked}, reason {@code traced}). A younger one may be still running; one after
     * whose entry the input lost events may have lost its return: each is said, not judged.
     */
    private void unreturnedDestroys() {
        if (!destroyReturns) {
            destroying.clear();
            return;
        }
        for (Map.Entry<Integer, Call> e : destroying.entrySet()) {
            int tid = e.getKey();
            Call c = e.getValue();
            String what = "uvm_va_space_destroy of va_space " + c.vaSpace + " on thread " + tid + " had not returned when the trace ended, "
                + seconds(lastNanos - c.a) + " after it began";
            // A switch expression (its value unused), so the compiler checks that every case is said.
            boolean said = switch (unreturned(c)) {
                case RETURNS_MISSED -> {
                    diagnostics.accept(Diagnostic.at(input, c.line, what + ": the kernel missed " + destroyReturnsMissed + " returns of "
                        + "uvm_va_space_destroy during the run (kprobe_profile), and this may be one of them: not judged"));
                    yield true;
                }
                case LOST_SINCE -> {
                    diagnostics.accept(Diagnostic.at(input, c.line, what + ": events were lost since, and its return may be among them: not judged"));
                    yield true;
                }
                case TOO_SOON -> {
                    diagnostics.accept(Diagnostic.at(input, c.line, what + ": a teardown still running, or one that hangs; too soon to tell "
                        + "(the kernel warns of a task blocked for 120 s)"));
                    yield true;
                }
                case HUNG -> {
                    out.accept(new TaskBlocked(time(lastNanos), source(c), tid, c.comm, BlockReason.traced, List.of(DESTROY_FRAME), c.process,
                        c.vaSpace));
                    yield true;
                }
            };
        }
        destroying.clear();
        tellHanging();
    }

    /** What an entry of {@code uvm_va_space_destroy} with no return yet says as of the trace's latest line. */
    private enum Unreturned {
        /** The kernel missed returns of the function: this may be one of them. */
        RETURNS_MISSED,
        /** Events were lost since its entry: its return may be among them. */
        LOST_SINCE,
        /** Less than the hung-task timeout since its entry. */
        TOO_SOON,
        /** The hung-task timeout or more since its entry, with nothing lost: blocked in the teardown. */
        HUNG
    }

    /** The one rule for an entry without its return, at the end of the input ({@link #unreturnedDestroys}) and as a live view asks ({@link #tellHanging}). */
    private Unreturned unreturned(Call c) {
        if (destroyReturnsMissed > 0) {
            return Unreturned.RETURNS_MISSED;
        }
        if (c.lossesBefore != losses) {
            return Unreturned.LOST_SINCE;
        }
        return lastNanos - c.a < TEARDOWN_HUNG_NANOS ? Unreturned.TOO_SOON : Unreturned.HUNG;
    }

    /**
     * Tells the listener which teardowns hang as of the trace's latest line (the rule of the end's judgement, {@link #unreturned}),
     * when that is not what it was told last; and when the next one would cross the timeout, so that each line needs one comparison
     * ({@link #event}). Only where the trace records returns.
     */
    private void tellHanging() {
        List<FtraceEventSource.HangingTeardown> now = new ArrayList<>();
        long next = Long.MAX_VALUE;
        if (destroyReturns) {
            for (Map.Entry<Integer, Call> e : destroying.entrySet()) {
                Call c = e.getValue();
                Unreturned u = unreturned(c);
                if (u == Unreturned.HUNG) {
                    now.add(new FtraceEventSource.HangingTeardown(e.getKey(), c.process, c.comm, c.vaSpace, c.a, lastNanos));
                } else if (u == Unreturned.TOO_SOON) {
                    next = Math.min(next, c.a + TEARDOWN_HUNG_NANOS);
                }
            }
        }
        hangingAt = next;
        List<Integer> tids = now.stream().map(FtraceEventSource.HangingTeardown::tid).toList();
        if (!tids.equals(toldHanging)) {
            toldHanging = tids;
            listener.hanging(List.copyOf(now));
        }
    }

    /**
     * A live run's count of the hits its probes missed ({@link ProbeProfile#MISSED_MARK}): the kernel reported none of them, and
     * the trace shows no loss marker for them. Each missed hit is a lost event of that probe, with no CPU and no time but "during
     * the run": a loss here, after the first event of every finding, makes each inferred. A missed return of
     * {@code uvm_va_space_destroy} may be the return of any entry still waiting for one, so none of them is judged.
     */
    private void marked(FtraceLine l) {
        Map<String, Long> missed = ProbeProfile.ofMark(l.payload());
        if (missed == null || missed.isEmpty()) {
            return;
        }
        long total = 0;
        StringJoiner each = new StringJoiner(", ");
        for (Map.Entry<String, Long> e : missed.entrySet()) {
            total = Sizes.saturatedSum(total, e.getValue());
            each.add(e.getKey() + " " + e.getValue());
        }
        pendingLosses.add(new EventsLost(null, source(l), null, total));
        Long returns = missed.get(TraceHeader.DESTROY_RETURN_PROBE);
        if (returns != null) {
            destroyReturnsMissed += returns;
            if (!toldHanging.isEmpty()) {
                tellHanging();
            }
        }
        diagnose(l, "the kernel missed " + total + " hits of uvmctl's probes during the run (kprobe_profile: " + each + "): what "
            + "they would have reported is missing, and the trace has no loss marker for it, so findings are inferred from an "
            + "incomplete history" + (returns == null ? "" : "; a teardown without its return is not judged, since the missed "
            + "returns of uvm_va_space_destroy may be its") + " (another probe's handler was running on that CPU, or a return probe "
            + "ran out of instances: raise its maxactive)");
    }

    /** Seconds to the millisecond, cut, not rounded: 119.9999 s is no 120 s. */
    private static String seconds(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.3f s", Math.floorDiv(nanos, 1_000_000L) / 1e3);
    }

    // --- ranges ------------------------------------------------------------------------------

    private void rangeMmap(FtraceLine l) {
        long start = l.number("start");
        long vmEnd = l.number("vm_end");
        if (!check(l, start % PAGE == 0 && vmEnd % PAGE == 0 && Long.compareUnsigned(vmEnd, start) > 0,
            () -> "start=" + Sizes.hex(start) + " vm_end=" + Sizes.hex(vmEnd) + " is no page-aligned vma")) {
            return;
        }
        long vas = l.number("vas");
        Call c = entry(mapping, l);
        c.vaSpace = Sizes.hex(vas);
        c.a = start;
        c.b = vmEnd;
    }

    private void rangeCreated(FtraceLine l) {
        Call c = mapping.remove(l.tid());
        // ret is read even when no call waits (its entry before the trace began, or lost): a garbled return is named, not dropped.
        long status = l.number("ret");
        if (c == null || status != 0) {
            return;
        }
        out.accept(new RangeCreated(time(l), source(c), c.vaSpace, null, c.a, c.b - 1, RangeType.managed, false));
    }

    private void rangeEvent(FtraceLine l) {
        long ev = l.number("ev");
        if (ev != RANGE_DESTROY && ev != RANGE_SHRINK) {
            return;
        }
        long start = l.number("start");
        long end = l.number("end");
        if (!check(l, start % PAGE == 0 && (end + 1) % PAGE == 0 && Long.compareUnsigned(end, start) > 0,
            () -> "start=" + Sizes.hex(start) + " end=" + Sizes.hex(end) + " is no page-aligned range")) {
            return;
        }
        long vasPointer = l.number("vas");
        String vas = Sizes.hex(vasPointer);
        learnEventsOffset(vasPointer, l.number(PEV));
        if (ev == RANGE_DESTROY) {
            out.accept(new RangeDestroyed(time(l), source(l), vas, start, false));
            TraceBlocks.VaSpace v = spaces.get(vas);
            if (v != null) {
                blocks.dropRange(v, start, end);
            }
        } else {
            out.accept(new RangeSplit(time(l), source(l), vas, start, end));
        }
    }

    // --- migrations and evictions ------------------------------------------------------------

    private void migrated(FtraceLine l) {
        // In the order the probe prints them (a lookup then starts where the last one ended).
        long pev = l.number(PEV);
        if (l.number(EV) != MIGRATION) {
            return;
        }
        l.numbers(MIGRATION_FIELDS, migration);
        long block = migration[0];
        blocks.touch(block);
        int dst = (int) migration[1];
        int src = (int) migration[2];
        long address = migration[3];
        long bytes = migration[4];
        long mode = migration[5];
        Long cause = cause(l);
        // ATS and pageable migrations (uvm_migrate_pageable.c) name no block and set no transfer mode.
        boolean blockMigration = block != 0;
        boolean ok = address % PAGE == 0 && bytes > 0 && bytes % PAGE == 0 && (!blockMigration || bytes <= BLOCK_BYTES)
            && (!blockMigration || mode == 1 || mode == 2) && (cause == null || cause >= 0 && cause < CAUSES.length)
            && dst >= 0 && dst <= 256 && src >= 0 && src <= 256;
        if (!settled(l, ok) && !check(l, ok,
            () -> "addr=" + Sizes.hex(address) + " bytes=" + bytes + " mode=" + mode + " cause=" + cause + " dst=" + dst + " src=" + src)) {
            return;
        }
        if (!blockMigration) {
            pageableMigrations++;
            return;
        }
        if (src == dst) {
            return;
        }
        TraceBlocks.VaSpace v = vaSpaceOfEvents(pev);
        if (v == null && (v = madeBefore(pev)) == null) {
            unknownEventPointers.merge(pev, 1L, Long::sum);
            return;
        }
        String vas = v.name;
        blocks.put(block, v, address, dst != 0 ? dst : src);
        Call eviction = evicting.isEmpty() ? null : evicting.get(l.tid());
        if (eviction != null && dst == 0 && (cause == null || cause.longValue() == CAUSE_EVICTION)) {
            // Part of the eviction on this thread: its bytes go with the eviction's own event.
            eviction.bytes += bytes;
            eviction.vaSpace = vas;
            eviction.address = eviction.address < 0 ? address : eviction.address;
            if (eviction.gpuPointer != 0 && eviction.gpu != src) {
                gpuOfPointer.put(TraceBlocks.key(eviction.gpuPointer), src);
            }
            eviction.gpu = src;
            return;
        }
        out.accept(new Migrated(time(l), source(l), vas, address, bytes, processor(src), processor(dst),
            cause == null ? null : CAUSES[cause.intValue()], mode == 2 ? TransferMode.copy : TransferMode.move));
    }

    /** The va_space whose perf-events pointer is {@code pev}, or null: {@link #vaSpaceOfEvents}, through {@link #recentEvents}. */
    private TraceBlocks.VaSpace vaSpaceOfEvents(long pev) {
        int i = recentSlot(pev);
        // A slot holds a pointer of its own with its va_space, or one of another slot (VACANT): no null to test.
        if (recentEvents[i] == pev) {
            return recentVaSpaces[i];
        }
        return vaSpaceOfEventsMissed(pev, i);
    }

    private TraceBlocks.VaSpace vaSpaceOfEventsMissed(long pev, int i) {
        TraceBlocks.VaSpace v = vaSpaceOfEvents.get(TraceBlocks.key(pev));
        if (v != null) {
            recentEvents[i] = pev;
            recentVaSpaces[i] = v;
        }
        return v;
    }

    private static int recentSlot(long pev) {
        return (int) ((pev * 0x9E3779B97F4A7C15L) >>> 56) & (RECENT - 1);
    }

    /** Called whenever {@link #vaSpaceOfEvents} changes for {@code pev}. */
    private void forgetRecentEvents(long pev) {
        int i = recentSlot(pev);
        if (recentEvents[i] == pev) {
            recentEvents[i] = VACANT[i];
            recentVaSpaces[i] = null;
        }
    }

    /**
     * The cause, from the field the release's layout puts it in. For a release that was not
     * known, {@code uvm_migrate_r23} reads both places the 550 and 580 layouts put it (offsets 52
     * and 56 of {@code uvm_perf_event_data_t}, uvm_perf_events.h): no value check tells them apart,
     * since the other field is usually 0, so the cause stays unknown until one of them shows 4
     * during an eviction, which can only be the eviction cause.
     */
    private Long cause(FtraceLine l) {
        if (!l.event().equals("uvm_migrate_r23")) {
            return l.number(CAUSE) & 0xffffffffL;
        }
        if (causeOffset == 0 && evicting.containsKey(l.tid()) && l.number("dst") == 0) {
            long at52 = l.number("cause");
            long at56 = l.number("cause_r3");
            if ((at52 == CAUSE_EVICTION) != (at56 == CAUSE_EVICTION)) {
                causeOffset = at52 == CAUSE_EVICTION ? 52 : 56;
                diagnose(l, "the migration layout is the " + (causeOffset == 52 ? "550.40.07..575" : "580.65.06 and later")
                    + " one: an eviction's migration showed cause 4 there; causes are read from here on");
            }
        }
        return causeOffset == 0 ? null : l.number(causeOffset == 52 ? "cause" : "cause_r3");
    }

    private void evictEntry(FtraceLine l) {
        long block = l.number("block");
        boolean named = l.has("gpu");
        long gpuPointer = named ? l.number("gpu") : 0;
        boolean rooted = l.has("root_pa");
        long root = rooted ? l.number("root_pa") : 0;
        Call c = entry(evicting, l);
        c.a = block;
        if (named) {
            c.gpuPointer = gpuPointer;
            Call pma = pmaEvicting.get(l.tid());
            if (pma != null) {
                gpuPointerOfPmm.put(TraceBlocks.key(pma.a), c.gpuPointer);
            }
        }
        if (rooted) {
            check(l, root % ROOT_CHUNK_BYTES == 0, () -> "root_pa=" + Sizes.hex(root) + " is no 2 MiB root chunk");
        }
    }

    /**
     * {@code uvm_va_block_evict_chunks} (uvm_va_block.c, 535..595) returned: NV_OK once the
     * block's pages in the root chunk are on the CPU (the migrations on this thread since the
     * entry moved them), an error otherwise. A failure names the root chunk it could not free
     * (2 MiB); the block's va_space and address come from its earlier migrations. A failure moved
     * nothing, whatever it had copied: {@code block_copy_resident_pages_between} notifies each
     * run it copies, but the pages become resident on the CPU and leave the GPU only in
     * {@code uvm_va_block_make_resident_finish}, which {@code uvm_va_block_make_resident} calls
     * only when the copy succeeded, and the chunks stay the block's ({@code uvm_pmm_gpu_mark_chunk_evicted}
     * is not reached): the bytes are still on the GPU (uvm_va_block.c, 535.43.02..595.45.04). Only an
     * HMM block with several policies may have moved the policy regions before the failing one
     * ({@code hmm_va_block_evict_chunks}, uvm_hmm.c, 580.95.05); which ones the trace does not say.
     */
    private void evictReturn(FtraceLine l) {
        Call c = evicting.remove(l.tid());
        // ret is read even when no call waits (its entry before the trace began, or lost): a garbled return is named, not dropped.
        long status = l.number("ret");
        if (c == null) {
            return;
        }
        TraceBlocks.Block block = blocks.get(c.a);
        String vas = c.vaSpace != null ? c.vaSpace : block == null ? null : block.vaSpace();
        Long address = c.address >= 0 ? Long.valueOf(c.address) : block == null ? null : block.address();
        int gpu = c.gpu >= 0 ? c.gpu : gpuOfPointer.getOrDefault(TraceBlocks.key(c.gpuPointer), block == null ? -1 : block.gpu());
        if (gpu <= 0) {
            diagnose(l, "an eviction " + (status == 0 ? "" : "that failed (" + statusName(status) + ") ")
                + "of block " + Sizes.hex(c.a) + " on a GPU the trace never named (no migration of that block or by that GPU): left out");
            return;
        }
        if (status == 0) {
            out.accept(new Evicted(time(l), source(l), processor(gpu), c.bytes, vas, address,
                EvictStatus.ok, null));
            return;
        }
        out.accept(new Evicted(time(l), joined(c, l), processor(gpu), ROOT_CHUNK_BYTES, vas,
            address, evictStatus(status), statusName(status)));
    }

    /** RM asked UVM to give memory back (uvm_pmm_gpu.c: uvm_pmm_gpu_pma_evict_pages_wrapper_entry, _range_wrapper_entry). */
    private void pmaEvictReturn(FtraceLine l) {
        Call c = pmaEvicting.remove(l.tid());
        long status = l.number("ret");
        if (c == null || status == 0) {
            return; // the evictions it made have their own lines
        }
        Long gpuPointer = gpuPointerOfPmm.get(TraceBlocks.key(c.a));
        Integer gpu = gpuPointer == null ? null : gpuOfPointer.get(TraceBlocks.key(gpuPointer));
        if (gpu == null) {
            diagnose(l, "RM's request to evict GPU memory failed (" + statusName(status) + ") on a GPU the trace never named: left out");
            return;
        }
        out.accept(new Evicted(time(l), joined(c, l), processor(gpu), ROOT_CHUNK_BYTES,
            null, null, evictStatus(status), statusName(status)));
    }

    /**
     * NV_ERR_BUSY_RETRY, NV_ERR_MORE_PROCESSING_REQUIRED and NV_ERR_IN_USE are the transient
     * statuses an eviction is retried on (uvm_pmm_gpu.c: pick_and_evict_root_chunk_retry,
     * uvm_hmm.c: uvm_hmm_pmm_gpu_evict_pfn; 535..595).
     */
    private static EvictStatus evictStatus(long status) {
        return status == 0 ? EvictStatus.ok : status == 0x03 || status == 0x4D || status == 0x17 ? EvictStatus.busy_retry : EvictStatus.error;
    }

    private static String statusName(long status) {
        String name = STATUS_NAMES.get(status);
        return name != null ? name : "NV_STATUS " + Sizes.hex(status);
    }

    // --- Xids --------------------------------------------------------------------------------

    /** {@code nv_log_error(nv, xid, fmt, ap)} (kernel-open/nvidia/nv.c): the GPU from {@code nv->pci_info}. */
    private void xidProbe(FtraceLine l) {
        if (!l.has("domain") && !l.has("bus") && !l.has("slot")) {
            // Defined by hand without the nv_state_t fields (xid= and fmt= alone): the Xid names no GPU.
            if (xidsWithoutGpu++ == 0) {
                diagnose(l, "uvm_xid names no GPU (its definition has no domain=, bus=, slot=, which 'uvmctl trace print-probes' "
                    + "gives): its Xids are left out; the kernel log's 'NVRM: Xid (PCI:...)' lines name the GPU");
            }
            return;
        }
        long domain = l.number("domain");
        long bus = l.number("bus");
        long slot = l.number("slot");
        // nv_pci_info_t's domain is a u32, bus a u8, slot (the PCI device) 5 bits (nv-ioctl.h): anything else was read at a wrong offset.
        if (!check(l, bus >= 0 && bus <= 0xff && slot >= 0 && slot <= 0x1f && domain >= 0 && domain <= 0xffffffffL,
                () -> "domain=" + domain + " bus=" + bus + " slot=" + slot)) {
            return;
        }
        String gpu = GpuKey.normalize(String.format("%04x:%02x:%02x.0", domain, bus, slot));
        out.accept(new Xid(time(l), source(l), gpu, (int) l.number("xid"), null, null, l.string("fmt")));
    }

    /** {@code nvidia:nvidia_dev_xid} (kernel-open/nvidia/nv-tracepoint.h, 575.51.02..595): {@code Xid (PCI:%s): %u, %s}. */
    private void xidTracepoint(FtraceLine l) {
        Matcher m = XID_TRACEPOINT.matcher(l.payload());
        String gpu = m.matches() ? PciAddress.parse(m.group(1)).map(GpuKey::of).orElse(null) : null;
        if (gpu == null) {
            diagnose(l, "nvidia_dev_xid: not 'Xid (PCI:dddd:bb:dd.f): N, text': '" + cut(l.payload()) + "'");
            return;
        }
        out.accept(new Xid(time(l), source(l), gpu, Integer.parseInt(m.group(2)), null, null, m.group(3)));
    }

    // --- processes ---------------------------------------------------------------------------

    /**
     * {@code sched:sched_process_fork} (include/trace/events/sched.h) fires for threads and
     * processes alike. {@code task:task_newtask}, just before it, gives the clone flags; without
     * it the child's first line tells: a thread shares its parent's tgid.
     */
    private void fork(FtraceLine l) {
        int child = (int) l.number("child_pid");
        int parent = process(l);
        Long flags = cloneFlags.remove(child);
        if (flags != null && (flags & CLONE_THREAD) != 0) {
            threads.put(child, parent);
        } else {
            threads.remove(child);
        }
        if (flags != null) {
            if ((flags & CLONE_THREAD) == 0) {
                forked(l, parent, child, l.string("child_comm"));
            }
            return;
        }
        Call c = new Call(l, where, where < 0);
        c.a = parent;
        c.vaSpace = l.string("child_comm");
        forks.put(child, c);
    }

    private void settleFork(FtraceLine l) {
        Call c = forks.get(l.tid());
        if (c == null || !l.hasTgidColumn() || l.tgid() == FtraceLine.NO_TGID) {
            return;
        }
        forks.remove(l.tid());
        if (l.tgid() == l.tid()) {
            forked(l, (int) c.a, l.tid(), c.vaSpace);
        }
    }

    /**
     * The process of the line's thread: its TGID column; where the line has none (record-tgid
     * off, or {@code (-------)}), the process whose {@code task_newtask} made the thread with
     * {@code CLONE_THREAD}, else the thread id itself (a thread born before the trace began is
     * taken for a process, as the diagnostic of a trace without TGIDs says).
     */
    private int process(FtraceLine l) {
        return l.tgid() != FtraceLine.NO_TGID ? l.tgid() : threads.getOrDefault(l.tid(), l.tid());
    }

    /**
     * The command of process {@code pid} as the line's task column names it: only when the line's
     * thread is the process's leader, whose name {@code /proc/PID/comm} and the process's own exit
     * give. Another thread's is its own (a CUDA program's cuda-EvtHandlr, PyTorch's pt_autograd_0),
     * and the model would read an end naming another command than the one it knew as a new process
     * on the same pid (model.LifetimeReplay). Null, too, where the kernel had no name for it ({@code <...>}).
     */
    private static String command(FtraceLine l, int pid) {
        return l.tid() == pid ? l.comm() : null;
    }

    /**
     * A new process (no thread): it holds every fd its parent had (kernel/fork.c: dup_fd), which
     * the model passes on from what it knows the parent held, whichever input told it (a process a
     * snapshot saw holding a va_space created before the trace began forks as one the trace saw
     * create its own).
     */
    private void forked(FtraceLine l, int parent, int child, String comm) {
        out.accept(new ProcessForked(time(l), source(l), child, parent, comm));
    }

    /**
     * {@code sched:sched_process_exit} fires for every thread (kernel/exit.c: do_exit); the
     * process is over when its group is. Newer kernels say so: {@code group_dead=true|false}
     * (include/trace/events/sched.h: {@code group_dead ? "true" : "false"}; in Linux 6.17's, not
     * in 6.14's, which print {@code comm=%s pid=%d prio=%d} alone), which also covers a leader
     * that ends before its other threads (false) and a last thread that is not the leader (true);
     * elsewhere the process is taken to end when its leader exits.
     */
    private void exit(FtraceLine l) {
        int pid = process(l);
        threads.remove(l.tid());
        String dead = l.string("group_dead");
        boolean groupDead;
        if (dead == null) {
            groupDead = l.tid() == pid;
        } else if (dead.equals("true") || dead.equals("1")) {
            groupDead = true;
        } else if (dead.equals("false") || dead.equals("0")) {
            groupDead = false;
        } else {
            diagnose(l, "sched_process_exit: group_dead=" + cut(dead) + " is neither true nor false: taken as " + (l.tid() == pid)
                + ", as the thread is " + (l.tid() == pid ? "" : "not ") + "its process's leader");
            groupDead = l.tid() == pid;
        }
        if (!groupDead) {
            return;
        }
        created.remove(pid);
        forks.remove(pid);
        if (oomVictims.remove(pid)) {
            return;
        }
        // The line names the exiting thread (its comm field, the task column): the process's command
        // only when that thread is the leader. A worker thread's name (pt_autograd_0, cuda-EvtHandlr) is
        // no command of the process, and an end naming another command says the pid was taken again.
        String field = l.string("comm");
        String comm = l.tid() != pid ? null : field != null ? field : l.comm();
        out.accept(new ProcessExited(time(l), source(l), pid, comm, ExitReason.exit, null, null));
    }

    /**
     * {@code oom:mark_victim} (mm/oom_kill.c: mark_oom_victim): the OOM killer chose the process; it
     * is killed with SIGKILL. Newer kernels print the victim's {@code uid=} in it too (include/trace/events/oom.h); older ones do not, and then no uid is known.
     */
    private void oomVictim(FtraceLine l) {
        int pid = (int) l.number("pid");
        oomVictims.add(pid);
        long uid = l.number("uid", -1);
        ProcessIdentity who = ProcessIdentity.of(uid < 0 || uid > Integer.MAX_VALUE ? null : (int) uid, null);
        out.accept(new ProcessExited(time(l), source(l), pid, l.string("comm"), ExitReason.oom_kill, 9, null, who));
    }

    // --- the rest ----------------------------------------------------------------------------

    /** The input lost events here: a teardown waiting for its return may have lost it, and is no longer told as hanging. */
    private void lossOfHistory() {
        losses++;
        if (!toldHanging.isEmpty()) {
            tellHanging();
        }
    }

    /** What a CPU's loss takes from the history, as its diagnostics say it. */
    private static final String MISSING_ON_THAT_CPU = "creations, migrations, evictions and destroys on that CPU are missing, so what "
        + "follows of them is inferred from an incomplete history";

    private void lost(FtraceLine l) {
        lossOfHistory();
        pendingLosses.add(new EventsLost(null, source(l), l.cpu(), l.lost() == FtraceLine.UNCOUNTED ? null : l.lost()));
        if (l.lost() == FtraceLine.UNCOUNTED) {
            lostPerCpu.put(l.cpu(), FtraceLine.UNCOUNTED);
            diagnose(l, "CPU " + l.cpu() + " lost events here, how many the kernel could not tell (the trace file was read while "
                + "tracing went on, and the ring buffer overwrote the page being read): " + MISSING_ON_THAT_CPU + " (read trace_pipe, as "
                + "'uvmctl trace record' does, or stop tracing before reading the trace file)");
            return;
        }
        lostPerCpu.compute(l.cpu(), (cpu, n) -> n == null ? l.lost() : n == FtraceLine.UNCOUNTED ? n : n + l.lost());
        diagnose(l, "CPU " + l.cpu() + " lost " + l.lost() + " events here (its ring buffer was full): " + MISSING_ON_THAT_CPU
            + " (raise the instance's buffer_size_kb)");
    }

    private void overwritten(FtraceLine l) {
        if (l.lost() == 0) {
            return;
        }
        overwritten += l.lost();
        lossOfHistory();
        pendingLosses.add(new EventsLost(null, source(l), null, l.lost()));
        diagnose(l, "the ring buffer overwrote " + l.lost() + " events before this trace was read (the header's entries-written "
            + "less entries-in-buffer): each full CPU kept only its newest events, so va_spaces and ranges created, migrated or "
            + "destroyed before its first line are missing, and what follows of them is inferred from an incomplete history (read "
            + "trace_pipe while tracing, as 'uvmctl trace record' does, or raise the instance's buffer_size_kb)");
    }

    /**
     * The kernel marks the first line of each CPU after the file's first with {@code ##### CPU N
     * buffer started ####} whenever the ring buffer had overruns at all (__tracing_open sets
     * TRACE_FILE_ANNOTATE from ring_buffer_overruns, the sum over CPUs; test_cpu_buff_start,
     * kernel/trace/trace.c): it proves that events were overwritten, not which CPU lost them. The
     * header counts them; without the header this is the only sign, said once. Each marks where
     * that CPU's history may begin, so each is a loss there (CPU N, uncounted): a va_space seen
     * created before it may have lost what CPU N did to it until then, though the file's first
     * line came earlier.
     */
    private void bufferStarted(FtraceLine l) {
        lossOfHistory();
        pendingLosses.add(new EventsLost(null, source(l), l.cpu(), null));
        if (!overrun && overwritten == 0) {
            diagnose(l, "the ring buffer overwrote events before this trace was read (the kernel marks each CPU's first line with "
                + "'##### CPU N buffer started ####' only then; how many, the file's header would have said): each full CPU kept "
                + "only its newest events, so what follows of the va_spaces and ranges before them is inferred from an incomplete "
                + "history");
        }
        overrun = true;
    }

    private void meta(FtraceLine l) {
        String value;
        if ((value = l.string("boot")) != null) {
            boot = value;
        }
        if ((value = l.string("clock")) != null) {
            clockCounts = value.equals("local") || value.equals("global") || value.equals("mono") || value.equals("boot")
                || value.equals("perf") || value.equals("mono_raw") || value.equals("tai");
            if (!value.equals("local") && !value.equals("global")) {
                diagnose(l, "the trace clock is '" + value + "', not the kernel log's ('local'): its times "
                    + (clockCounts ? "may not line up with the kernel log's" : "are no seconds and are left out"));
            }
        }
        if (l.has("gpu")) {
            // UVM's processor ids are 1..256 (what 'uvmctl trace record' read from UVM's procfs): anything else names no GPU.
            long id = l.number("gpu", -1);
            String name = l.string("pci") != null ? l.string("pci") : l.string("uuid");
            if (id <= 0 || id >= gpuNames.length) {
                diagnose(l, "the header's gpu= is no UVM GPU id: '" + cut(l.text()) + "': left out (that GPU is named uvm-gpuN)");
            } else {
                int n = (int) id;
                gpu(n, name);
                if (gpusUnnamed.contains(n) && !gpuNames[n].equals(GpuKey.uvmProcessor(n))) {
                    // Named after its migrations went out as uvm-gpuN (a live run that saw the GPU appear in UVM's procfs
                    // after the trace began): the model learns that both names are this GPU, and the bytes are one account.
                    gpusUnnamed.remove(n);
                    out.accept(new GpuRetained(time(lastNanos), source(l), gpuNames[n], GpuKey.normalize(l.string("uuid")), n, null));
                }
            }
        }
        if ("1".equals(l.string(TraceHeader.DESTROY_RETURNS))) {
            destroyReturns = true;
        }
        if ((value = l.string(TraceHeader.VA_SPACE_MM)) != null) {
            vaSpaceMm = switch (value) {
                case "0" -> Boolean.FALSE;
                case "1" -> Boolean.TRUE;
                default -> {
                    diagnose(l, "the header's " + TraceHeader.VA_SPACE_MM + "=" + cut(value) + " is neither 0 nor 1: whether "
                        + "UVM_MM_INITIALIZE made mm fds is unknown, so each is taken to make one, as the driver's default does");
                    yield null;
                }
            };
        }
        if ((value = l.string("missing")) != null) {
            String kinds = l.string("kinds");
            boolean misses = kinds != null && !kinds.isEmpty();
            // An Xid is no part of a va_space's history: without its probe the trace has no Xids, and no finding about
            // memory depends on one, so only a probe that gives more makes the findings inferred. Nor is a teardown's return
            // (task_blocked): without it a teardown that hangs goes unseen, as without a kernel log, and nothing seen is less
            // sure. Nor is uvm_mm_init's where the header says va_space_mm=0: UVM_MM_INITIALIZE then makes no mm fd
            // (mmInitialized), so it had none to give.
            boolean history = misses && !Arrays.stream(kinds.split(",")).allMatch(k -> k.equals(EventKind.xid.name())
                    || k.equals(EventKind.task_blocked.name()))
                && !(value.equals("uvm_mm_init") && Boolean.FALSE.equals(vaSpaceMm));
            diagnose(l, "probe " + value + " was not installed (" + (l.string("why") == null ? "no reason given" : l.string("why")) + ")"
                + (misses ? ": the model misses " + kinds.replace(",", ", ") + " it would have given"
                + (history ? ", so findings are inferred" : "") : ""));
            if (history && unprobed == null) {
                unprobed = source(l);
            }
        }
        if ((value = l.string("rejected")) != null) {
            rejected.putIfAbsent(value, source(l));
        }
    }

    /**
     * A probe's values checked against what the driver can hold. A failure among its first
     * {@link #CHECKED_FIRST} lines means its offsets are not this driver's layout: it is left out
     * from then on (and a live run removes it). Later, only that line is.
     */
    private boolean check(FtraceLine l, boolean ok, Supplier<String> values) {
        if (settled(l, ok)) {
            return true;
        }
        String probe = l.event();
        Integer before = checked.get(probe);
        int seen = before == null ? 1 : before + 1;
        if (seen <= CHECKED_FIRST + 1) {
            checked.put(probe, seen);
        } else {
            settledProbe = probe; // the parser gives a name as one string for the whole input
        }
        if (ok) {
            return true;
        }
        if (seen <= CHECKED_FIRST) {
            rejected.putIfAbsent(probe, source(l));
            String why = "values at the probe's offsets fail the layout checks (" + values.get() + "): the layout is not the one this driver has, "
                + "so the probe is left out and nothing it read reaches the model";
            diagnose(l, probe + ": " + why);
            listener.rejected(probe, why);
        } else {
            diagnose(l, probe + ": values fail the layout checks (" + values.get() + "): line left out");
        }
        return false;
    }

    /** The losses read since the last event line, at {@code time}: the next line's, or the last one's at the end. */
    private void lossesBefore(EventTime time) {
        for (EventsLost e : pendingLosses) {
            out.accept(new EventsLost(time, e.source(), e.cpu(), e.count()));
        }
        pendingLosses.clear();
    }

    /**
     * True when {@link #check} would pass the line without counting it: its values pass, and its probe is past
     * its first lines. The per-line readers test this first, so that the message's lambda is made only when counted.
     */
    private boolean settled(FtraceLine l, boolean ok) {
        return ok && l.event() == settledProbe;
    }

    /**
     * Where the first probe whose values failed the layout checks was left out, when the model
     * misses what it gave: a probe left out is one not set, for the history (its events are as
     * missing as a lost line's), so findings are inferred. Not an Xid probe's (no finding about
     * memory depends on an Xid), nor a migration layout rejected beside another that passed (a
     * driver of unknown release is traced with both, and one is meant to fail).
     */
    private Provenance blindedByLayout() {
        boolean migrationsRead = checked.keySet().stream().anyMatch(p -> MIGRATION_PROBES.contains(p) && !rejected.containsKey(p));
        for (Map.Entry<String, Provenance> r : rejected.entrySet()) {
            String probe = r.getKey();
            if (!probe.equals("uvm_xid") && !(migrationsRead && MIGRATION_PROBES.contains(probe))) {
                return r.getValue();
            }
        }
        return null;
    }

    /** Called at the end of the input: what the trace could not show, said once each. */
    void end() {
        unreturnedDestroys();
        Provenance blind = unprobed != null ? unprobed : blindedByLayout();
        if (blind != null) {
            // Every event a probe that was not set would have given is missing, from the first line to the last:
            // one loss after them all is after the first event of every finding (EvidenceChains), which makes each inferred.
            pendingLosses.add(new EventsLost(null, blind, null, null));
        }
        if (!pendingLosses.isEmpty()) {
            lossesBefore(time(lastNanos));
        }
        if (!lostPerCpu.isEmpty() || overwritten > 0 || overrun) {
            StringJoiner per = new StringJoiner(", ");
            long total = overwritten;
            boolean uncounted = overwritten == 0 && overrun;
            for (Map.Entry<Integer, Long> e : lostPerCpu.entrySet()) {
                boolean known = e.getValue() != FtraceLine.UNCOUNTED;
                per.add("CPU " + e.getKey() + ": " + (known ? e.getValue() : "uncounted"));
                total += known ? e.getValue() : 0;
                uncounted |= !known;
            }
            if (overwritten > 0) {
                per.add("overwritten before the trace was read: " + overwritten);
            } else if (overrun) {
                per.add("overwritten before the trace was read: uncounted");
            }
            String count = !uncounted ? total + " events" : total > 0 ? "at least " + total + " events" : "events";
            diagnostics.accept(Diagnostic.of(input, count + " lost (" + per + "): va_space and "
                + "range creations and destroys, migrations and evictions may be missing; findings that depend on them are inferred "
                + "from an incomplete history"));
        }
        if (!unknownEventPointers.isEmpty()) {
            long lines = unknownEventPointers.values().stream().mapToLong(Long::longValue).sum();
            diagnostics.accept(Diagnostic.of(input, Counted.of(lines, "migration") + " of " + unknownEventPointers.size() + " va_space(s) whose creation "
                + "the trace did not show (created before it began, or its uvm_vas_init line was lost) were left out"
                + (eventsOffset == NO_OFFSET ? " (no uvm_vas_init or uvm_range_ev line gave the offset that names a va_space by its perf "
                + "events)" : " (before a line gave the offset that names a va_space by its perf events)") + ": their bytes are not counted; "
                + "a trace begun before their processes started sees them whole"));
        }
        if (!placedBefore.isEmpty()) {
            diagnostics.accept(Diagnostic.of(input, Counted.of(placedBefore.size(), "va_space") + " the trace did not see made (created before "
                + "it began) " + (placedBefore.size() == 1 ? "is" : "are") + " named by the perf-events pointer of "
                + (placedBefore.size() == 1 ? "its" : "their") + " migrations less " + Sizes.hex(eventsOffset) + ", the offset of a "
                + "va_space's perf_events that its uvm_vas_init or uvm_range_ev lines showed (uvm_va_space_create passes "
                + "&va_space->perf_events, uvm_va_space.c): the ranges they migrate were made before the trace began, so their bytes "
                + "are not counted"));
        }
        if (!otherEvents.isEmpty()) {
            long lines = otherEventLines();
            List<String> names = new ArrayList<>(otherEvents.keySet());
            diagnostics.accept(Diagnostic.of(input, Counted.of(lines, "line") + " of other events ("
                + String.join(", ", names.subList(0, Math.min(8, names.size()))) + (names.size() > 8 ? ", ..." : "") + ") are not uvmctl's probes: skipped"));
        }
        if (functionCalls > 0) {
            diagnostics.accept(Diagnostic.at(input, firstFunctionCall, Counted.of(functionCalls, "line")
                + " of the function tracer ('func <-parent', the first here) skipped: a call without its arguments names no "
                + "va_space, range or block; uvmctl reads the events of its probes (uvmctl trace print-probes)"));
        }
        if (!gpusUnnamed.isEmpty()) {
            diagnostics.accept(Diagnostic.of(input, "UVM GPU id(s) " + gpusUnnamed + " have no PCI id or UUID in the trace (no "
                + "'# uvmctl-trace: gpu=' line, as 'uvmctl trace record' writes): they are named uvm-gpuN, unless a capture of the same "
                + "boot given beside the trace names them (UVM's procfs, /proc/driver/nvidia-uvm/gpus/*/info: 'GPU ID N')"));
        }
        if (!forks.isEmpty()) {
            diagnostics.accept(Diagnostic.of(input, forks.size() + " fork(s) could not be told from thread creation (no task_newtask "
                + "line, and the child never showed its tgid): whatever fds their parents held are not counted as inherited"));
        }
        if (xidsWithoutGpu > 1) {
            diagnostics.accept(Diagnostic.of(input, Counted.of(xidsWithoutGpu, "uvm_xid line") + " named no GPU: left out"));
        }
        if (pageableMigrations > 0) {
            diagnostics.accept(Diagnostic.of(input, Counted.of(pageableMigrations, "migration") + " of pageable (ATS/HMM) memory outside any "
                + "va_range were not counted"));
        }
    }

    private String processor(int id) {
        if (id == 0) {
            return GpuKey.CPU;
        }
        String name = gpuNames[id];
        if (name == null) {
            gpusUnnamed.add(id);
            name = GpuKey.uvmProcessor(id);
            gpuNames[id] = name;
        }
        return name;
    }

    private EventTime time(FtraceLine l) {
        return time(l.nanos());
    }

    /** The time of a line whose timestamp is {@code nanos} ({@link FtraceLine#NO_TIME} when it has none). */
    private EventTime time(long nanos) {
        return new EventTime(boot, clockCounts && nanos != FtraceLine.NO_TIME ? nanos : EventTime.UNKNOWN, EventTime.UNKNOWN);
    }

    private Provenance source(FtraceLine l) {
        return where < 0 ? new Provenance(input, l.number(), l.text()) : Provenance.at(input, l.number(), again, where);
    }

    /** The line a call entered on. */
    private Provenance source(Call c) {
        return c.text != null ? new Provenance(input, c.line, c.text) : Provenance.at(input, c.line, again, c.where);
    }

    /** A call's entry and its return, as one text: {@code ENTRY / RETURN}. */
    private Provenance joined(Call c, FtraceLine l) {
        if (c.text != null || where < 0) {
            return new Provenance(input, c.line, source(c).text() + " / " + l.text());
        }
        Provenance.Lines lines = again;
        long entry = c.where;
        return Provenance.at(input, c.line, returned -> lines.text(entry) + " / " + lines.text(returned), where);
    }

    private void diagnose(FtraceLine l, String message) {
        diagnostics.accept(Diagnostic.at(input, l.number(), message));
    }

    private static String cut(String text) {
        return text.length() <= 160 ? text : text.substring(0, 157) + "...";
    }
}
