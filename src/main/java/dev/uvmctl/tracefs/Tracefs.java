package dev.uvmctl.tracefs;

import dev.uvmctl.source.SysRoot;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sets uvmctl's probes up in tracefs and takes them down again, the way the kernel requires
 * (kernel/trace/trace_kprobe.c, trace_dynevent.c, trace.c): definitions appended to
 * {@code kprobe_events} one per write, under uvmctl's own group; a trace instance of its own,
 * {@code instances/uvmctl}, with filters and enables under its {@code events/}, never the
 * top-level ones, so other users of tracefs are not disturbed. Teardown disables them in the
 * instance, removes each probe with {@code -:uvmctl/NAME} (refused with EBUSY while enabled
 * anywhere), then removes the instance (refused with EBUSY while its {@code trace_pipe} is open).
 * A lock file names the process that holds the set, so that no second run removes a live one's
 * probes, and a set whose owner died is removed by the next start or stop.
 */
public final class Tracefs {
    /**
     * The instance's options that shape its lines, set as the reader needs them: an instance takes the top level's options as
     * they are when it is made (kernel/trace/trace.c: trace_array_create copies global_trace.trace_flags, less
     * ZEROED_TRACE_FLAGS; none of these is top-level only), so a user's {@code echo 0 > options/context-info} at the top would
     * reach uvmctl's instance. Each: the option, its value, what the trace loses when it cannot be set.
     */
    private static final List<OutputOption> OUTPUT_OPTIONS = List.of(
        new OutputOption("context-info", "1", "lines may have no TASK-PID, CPU and time columns (trace_print_context), and no event is "
            + "read from them"),
        new OutputOption("latency-format", "0", "lines may have the latency columns (trace_print_lat_context) instead of the usual ones"),
        new OutputOption("raw", "0", "events may print as raw numbers, which are no fields"),
        new OutputOption("hex", "0", "events may print in hex, which is no text"),
        new OutputOption("bin", "0", "events may print in binary, which is no text"),
        new OutputOption("sym-addr", "0", "probe locations may carry their address"),
        new OutputOption("markers", "1", "writes to trace_marker may be refused (tracing_mark_write: EINVAL), and with them the marks of a "
            + "live run's end and of its probes' misses"));

    /** An option of {@link #OUTPUT_OPTIONS}: its file under {@code options/}, the value the reader needs, what is lost without it. */
    private record OutputOption(String name, String value, String lost) {
    }

    /** Where tracefs is mounted: its own mount point, else under debugfs. */
    public static final List<String> DIRECTORIES = List.of("/sys/kernel/tracing", "/sys/kernel/debug/tracing");
    public static final String INSTANCE = "uvmctl";
    public static final String LOCK = "/run/uvmctl/trace.lock";
    static final String LOCKDOWN = "/sys/kernel/security/lockdown";
    static final String KALLSYMS = "/proc/kallsyms";
    /** Per CPU: a node migrating hundreds of thousands of 2 MiB blocks a second fills a few MiB a second per busy CPU. */
    public static final int DEFAULT_BUFFER_KB = 16384;
    /** The lock's line that says a stop could not remove the whole set, and what was left. */
    public static final String UNFINISHED = "unfinished";
    private static final Pattern OURS = Pattern.compile("^[pr]\\d*:" + ProbeTable.GROUP + "/(\\S+)\\s.*");

    /** What stops a trace from being set up or read at all: the command exits 3 with what to do. */
    public static final class Unavailable extends Exception {
        private static final long serialVersionUID = 1L;

        Unavailable(String message) {
            super(message);
        }
    }

    /** Another live uvmctl holds the probe set. */
    public static final class Busy extends Exception {
        private static final long serialVersionUID = 1L;

        Busy(String message) {
            super(message);
        }
    }

    /** What became of one probe. */
    public enum State {
        installed, missing, refused
    }

    public record Result(Probe probe, State state, String why) {

        /**
         * The event kinds the model misses, in whole or in part, because this probe is not set: those it feeds,
         * unless its function is absent from a driver built without the code it needs ({@link Probe#hmmOnly}):
         * with no HMM there is no HMM memory, so nothing of it to miss.
         */
        public List<String> misses() {
            return state == State.installed || state == State.missing && probe.hmmOnly() ? List.of() : probe.feeds();
        }
    }

    /**
     * A probe set ready to be read. {@code own}: this run installed it and removes it at its end;
     * false when it reads a set {@code trace start} left.
     */
    public record Setup(String tracefs, ProbeTable.Selection selection, List<Result> results, List<String> notes, boolean own) {
        public List<Probe> installed() {
            return results.stream().filter(r -> r.state() == State.installed).map(Result::probe).toList();
        }

        /** The probes that could not be set, each with why and the event kinds it would have given. */
        public List<Result> notInstalled() {
            return results.stream().filter(r -> r.state() != State.installed).toList();
        }

        public String pipe() {
            return tracefs + "/instances/" + INSTANCE + "/trace_pipe";
        }
    }

    /** What a teardown did, and what it could not. */
    public record Teardown(List<String> removed, List<String> problems) {
    }

    /**
     * What is installed now, by whom; {@code profile}: the hits and misses of each of uvmctl's probes in {@code kprobe_events}
     * ({@link ProbeProfile}), null when {@code kprobe_profile} cannot be read.
     */
    public record Status(String tracefs, TraceLock lock, boolean ownerAlive, List<String> probes, boolean instance,
                         Map<String, ProbeProfile.Counts> profile) {
    }

    private final SysRoot root;
    private final TracefsWrites writes;

    public Tracefs(SysRoot root, TracefsWrites writes) {
        this.root = root;
        this.writes = writes;
    }

    /** The tracefs directory, once the kernel's lockdown allows it. */
    public String directory() throws Unavailable {
        if (root.exists(LOCKDOWN)) {
            try {
                if (root.readString(LOCKDOWN).contains("[confidentiality]")) {
                    throw new Unavailable("the kernel is locked down in confidentiality mode (" + root.tried(LOCKDOWN) + "), which forbids kprobes "
                        + "and tracefs: boot with lockdown=integrity (or none) to trace the driver; uvmctl leaks still reads the kernel log "
                        + "and /proc without it");
                }
            } catch (IOException e) {
                // unreadable lockdown: the writes below tell
            }
        }
        for (String d : DIRECTORIES) {
            if (root.exists(d + "/kprobe_events")) {
                return d;
            }
        }
        // kprobe_events is not seen where tracefs is mounted when the directory cannot be read (tracefs is 0700,
        // root's), or when the kernel has no kprobe events: each is said as it is, not as tracefs unmounted.
        for (String d : DIRECTORIES) {
            if (!root.isDirectory(d)) {
                continue;
            }
            try {
                if (!root.list(d).isEmpty()) {
                    throw new Unavailable(root.tried(d) + " is tracefs without kprobe_events: the kernel was built without "
                        + "CONFIG_KPROBE_EVENTS=y, which probing the driver needs");
                }
            } catch (AccessDeniedException e) {
                throw new Unavailable("no permission to read " + root.tried(d) + ": run as root (tracefs is root's alone)");
            } catch (IOException e) {
                // unreadable for another reason: the next directory, else said as not mounted
            }
        }
        List<String> tried = new ArrayList<>();
        for (String d : DIRECTORIES) {
            tried.add(root.tried(d));
        }
        // Named as tried (under --root, the directory's own path), not as on the live system.
        throw new Unavailable("no tracefs with kprobe_events at " + String.join(" or ", tried) + ": mount it (mount -t tracefs "
            + "nodev /sys/kernel/tracing); the kernel needs CONFIG_KPROBE_EVENTS=y");
    }

    public Optional<TraceLock> lock() throws Unavailable {
        return Optional.ofNullable(lockText()).map(TraceLock::parse);
    }

    /**
     * The lock file's text as it is now, or null when there is none. One that is there but cannot be
     * read (a directory in its place, no permission) is said: taken for none, every start would call
     * it another run's lock, which no run ever lets go of, and status would say nothing holds the probes.
     */
    private String lockText() throws Unavailable {
        if (!root.exists(LOCK)) {
            return null;
        }
        try {
            return root.readString(LOCK);
        } catch (IOException e) {
            throw new Unavailable("cannot read the lock " + LOCK + " (" + describe(e) + ")" + (e instanceof AccessDeniedException
                ? ": run as root" : ": it is not the file uvmctl writes; remove it once no 'uvmctl trace' runs"));
        }
    }

    /**
     * Takes the lock: creates it with {@code text} when {@code read} is null (there was none), else
     * takes it over while it still holds {@code read} ({@link TracefsWrites#claim}). {@code busy}
     * is what to say when another run took or changed it first; {@code cannot}, when it could not be
     * written (with the reason, and "run as root" where permission was refused).
     */
    private void take(String read, String text, String busy, String cannot) throws Busy, Unavailable {
        try {
            if (read == null) {
                writes.create(LOCK, text);
            } else {
                writes.claim(LOCK, read, text);
            }
        } catch (FileAlreadyExistsException e) {
            throw new Busy(busy);
        } catch (IOException e) {
            throw new Unavailable(cannot + " (" + describe(e) + ")" + (e instanceof AccessDeniedException ? ": run as root" : ""));
        }
    }

    /** The start time of process {@code pid} ({@code /proc/PID/stat} field 22), or null when it is not running. */
    public Long started(int pid) {
        String path = "/proc/" + pid + "/stat";
        if (!root.exists(path)) {
            return null;
        }
        try {
            String stat = root.readString(path);
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
            return Long.valueOf(f[19]);
        } catch (IOException | RuntimeException e) {
            return -1L;
        }
    }

    /** True while the owner runs: its pid exists, with the start time the lock has (a reused pid is another process). */
    public boolean alive(TraceLock.Owner o) {
        Long now = started(o.pid());
        return now != null && (o.started() == null || now.equals(-1L) || now.equals(o.started()));
    }

    /**
     * Installs {@code selection} for {@code owner} ({@code null}: for {@code trace start}, kept until
     * {@code trace stop}): checks each function in the kernel's symbols, appends what exists,
     * creates the instance and enables what was accepted there.
     *
     * @throws Busy        when a live uvmctl, or a set {@code trace start} left, holds the probes
     * @throws Unavailable when tracefs cannot be written at all
     */
    public Setup start(ProbeTable.Selection selection, TraceLock.Owner owner, Instant now, int bufferKb) throws Unavailable, Busy {
        String dir = directory();
        List<String> notes = new ArrayList<>();
        List<TraceLock.Fact> facts = new ArrayList<>();
        facts.add(new TraceLock.Fact("tracefs", dir));
        String mine = new TraceLock(owner, now.toString(), facts).format();
        // The lock is taken before anything is removed: a second run that found the same leftovers then
        // finds this run's live lock, and cannot remove what this run installs after its clean-up.
        String text = lockText();
        if (text != null) {
            TraceLock l = TraceLock.parse(text);
            refuseIfHeld(l);
            take(text, mine, "another uvmctl took the probes of the run that ended a moment ago (" + LOCK + " changed)",
                "cannot take over the lock " + LOCK + " of a run that ended");
            Teardown t = teardown(dir, l);
            notes.add("removed the probes of " + who(l) + ", which ended without removing them" + problems(t));
        } else {
            take(null, mine, "another uvmctl took the probes a moment ago (" + LOCK + " exists)", "cannot write the lock " + LOCK);
            if (!ours(dir).isEmpty() || root.exists(instance(dir))) {
                Teardown t = teardown(dir, null);
                notes.add("removed probes of uvmctl's group that no lock accounted for" + problems(t));
            }
        }
        Set<String> symbols = symbols(dir);
        if (symbols == null) {
            notes.add("neither " + KALLSYMS + " nor available_filter_functions could be read: each probe was tried as it is");
        }
        List<Result> results = new ArrayList<>();
        for (Probe p : selection.probes()) {
            try {
                results.add(define(dir, p, symbols));
            } catch (Unavailable e) {
                // Refused a permission midway: what this start defined, and its lock, go with it.
                release(dir, results);
                throw e;
            }
        }
        if (results.stream().noneMatch(r -> r.state() == State.installed && r.probe().kind() == Probe.Kind.kprobe)) {
            release(dir, results);
            throw new Unavailable("no probe could be set on this driver: " + summary(results));
        }
        String inst = instance(dir);
        try {
            writes.mkdir(inst);
        } catch (IOException e) {
            release(dir, results);
            throw new Unavailable("cannot create the trace instance " + inst + " (" + describe(e) + ")");
        }
        setting(inst + "/options/record-tgid", "1", notes, "no record-tgid option: trace lines name threads, which are taken as processes");
        for (OutputOption o : OUTPUT_OPTIONS) {
            setting(inst + "/options/" + o.name(), o.value(), notes, "the option " + o.name() + " could not be set to " + o.value() + ": "
                + o.lost());
        }
        setting(inst + "/trace_clock", "local", notes, "the trace clock could not be set to 'local', the kernel log's");
        setting(inst + "/buffer_size_kb", Integer.toString(bufferKb), notes, "the instance's buffer stays at the kernel's default size");
        for (int i = 0; i < results.size(); i++) {
            Result r = results.get(i);
            if (r.state() == State.installed) {
                results.set(i, enable(inst, r.probe()));
            }
        }
        facts.add(new TraceLock.Fact("release", selection.release() == null ? "unknown" : selection.release().toString()));
        facts.add(new TraceLock.Fact("arch", selection.arch()));
        facts.add(new TraceLock.Fact("layout", selection.layout()));
        for (Result r : results) {
            String key = r.state() != State.installed ? r.state().name() : r.probe().kind() == Probe.Kind.kprobe ? "probe" : "tracepoint";
            facts.add(new TraceLock.Fact(key, r.state() == State.installed ? r.probe().eventDirectory() : r.probe().name() + "\t" + r.why()));
        }
        try {
            writes.replace(LOCK, new TraceLock(owner, now.toString(), facts).format());
        } catch (IOException e) {
            notes.add("the lock could not be updated with what was installed (" + describe(e) + ")");
        }
        return new Setup(dir, selection, List.copyOf(results), List.copyOf(notes), true);
    }

    /**
     * Reads the set {@code trace start} left, for {@code reader}, without taking it over: the set
     * stays when the reader ends. Empty when no such set is there.
     */
    public Optional<Setup> attach(ProbeTable table, TraceLock.Owner reader) throws Unavailable, Busy {
        String dir = directory();
        String text = lockText();
        if (text == null) {
            return Optional.empty();
        }
        TraceLock l = TraceLock.parse(text);
        refuseIfUnfinished(l);
        if (l.owner() != null) {
            if (alive(l.owner())) {
                refuseIfHeld(l);
            }
            return Optional.empty();
        }
        TraceLock.Owner other = reader(l);
        if (other != null && alive(other)) {
            throw new Busy("the probes 'uvmctl trace start' installed are being read by pid " + other.pid() + ": a trace_pipe has one reader");
        }
        List<TraceLock.Fact> facts = new ArrayList<>(l.facts().stream().filter(f -> !f.key().equals("reader")).toList());
        Long started = reader.started();
        facts.add(new TraceLock.Fact("reader", reader.pid() + (started == null ? "" : " " + started)));
        // Only while the lock is still the one read: a 'trace stop' may have taken it (and the set) since.
        take(text, new TraceLock(null, l.since(), facts).format(), "the probes 'uvmctl trace start' installed changed hands a moment ago ("
            + LOCK + " changed): 'uvmctl trace status' says who", "cannot write the lock " + LOCK);
        ProbeTable.Selection s = table.select(l.first("release") == null || l.first("release").equals("unknown") ? null
            : dev.uvmctl.params.DriverVersion.parse(l.first("release")).orElse(null), l.first("arch") == null ? "x86_64" : l.first("arch"));
        List<Result> results = new ArrayList<>();
        Set<String> installed = new HashSet<>(l.all("probe"));
        installed.addAll(l.all("tracepoint"));
        java.util.Map<String, Result> notSet = new java.util.HashMap<>();
        for (State state : new State[] {State.missing, State.refused}) {
            for (String m : l.all(state.name())) {
                int tab = m.indexOf('\t');
                String name = tab < 0 ? m : m.substring(0, tab);
                notSet.put(name, new Result(null, state, tab < 0 ? "not installed" : m.substring(tab + 1)));
            }
        }
        for (Probe p : s.probes()) {
            Result r = notSet.get(p.name());
            results.add(installed.contains(p.eventDirectory()) ? new Result(p, State.installed, null)
                : r != null ? new Result(p, r.state(), r.why()) : new Result(p, State.refused, "not installed by 'uvmctl trace start'"));
        }
        return Optional.of(new Setup(dir, s, List.copyOf(results), List.of("reading the probes 'uvmctl trace start' installed at "
            + l.since() + "; they stay until 'uvmctl trace stop'"), false));
    }

    /** Ends a reader's hold on a set {@code trace start} left. */
    public void detach() {
        Optional<TraceLock> held;
        try {
            held = lock();
        } catch (Unavailable e) {
            return; // nothing of this reader's to take out of it
        }
        held.ifPresent(l -> {
            List<TraceLock.Fact> facts = l.facts().stream().filter(f -> !f.key().equals("reader")).toList();
            try {
                writes.replace(LOCK, new TraceLock(l.owner(), l.since(), facts).format());
            } catch (IOException e) {
                // the next attach finds the reader gone
            }
        });
    }

    /**
     * The text of the line that ends a live run's trace: written into the instance's
     * {@code trace_marker}, the kernel prints it as {@code tracing_mark_write: uvmctl: end of the run},
     * stamped with the trace clock (kernel/trace/trace.c: tracing_mark_write), so that a trace whose
     * last probe line is old still says when it ended.
     */
    public static final String END_MARK = "uvmctl: end of the run";

    /**
     * The line a live run writes into the instance's {@code trace_marker} once it reads the trace, before it takes a snapshot of a
     * root given with it: the trace's first line is then no later than that snapshot, which names the va_spaces made before the
     * trace began that the trace shows in use without their holders ({@link dev.uvmctl.event.UnseenHolders}).
     */
    public static final String START_MARK = "uvmctl: start of the run";

    /**
     * What a live view writes into the instance's {@code trace_marker} now and then while it reads: the trace's time then goes on
     * on a node where nothing else is traced, so that a teardown that hangs there is seen to hang.
     */
    public static final String HEARTBEAT_MARK = "uvmctl: still reading";

    /**
     * Writes {@link #END_MARK} into the instance's {@code trace_marker} (appended, with its newline:
     * the kernel prints each write as one line). False when it could not be written (an older kernel's instances have
     * none, or the instance is gone): the trace then ends at its last line.
     */
    public boolean markEnd(Setup setup) {
        return mark(setup, END_MARK);
    }

    /** Writes {@code text} into the instance's {@code trace_marker}, as one line of the trace; false when it could not. */
    public boolean mark(Setup setup, String text) {
        try {
            writes.append(setup.tracefs() + "/instances/" + INSTANCE + "/trace_marker", text);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The hits and misses of the set's kprobes now ({@code kprobe_profile}, {@link ProbeProfile}); null when the file cannot be
     * read (a kernel without it, or lockdown's confidentiality mode refusing it): the misses are then unknown.
     */
    public Map<String, ProbeProfile.Counts> profile(Setup setup) {
        return profile(setup.tracefs(), setup.installed().stream().filter(p -> p.kind() == Probe.Kind.kprobe).map(Probe::name).toList());
    }

    private Map<String, ProbeProfile.Counts> profile(String dir, List<String> names) {
        try {
            return ProbeProfile.parse(root.readString(dir + "/kprobe_profile"), names);
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Removes the probe set: {@code self} is the process asking (a run removing its own set, or
     * {@code trace stop}, which may remove a set whose owner is gone or that {@code trace start} left).
     *
     * @throws Busy when a live process other than {@code self} holds or reads it
     */
    public Teardown stop(Integer self) throws Unavailable, Busy {
        String dir = directory();
        String text = lockText();
        Optional<TraceLock> held = Optional.ofNullable(text).map(TraceLock::parse);
        boolean mine = false;
        if (held.isPresent()) {
            TraceLock l = held.get();
            mine = l.owner() != null && self != null && l.owner().pid() == self;
            if (!mine && l.owner() != null && alive(l.owner())) {
                refuseIfHeld(l);
            }
            TraceLock.Owner reader = reader(l);
            if (!mine && reader != null && alive(reader) && (self == null || reader.pid() != self)) {
                throw new Busy("pid " + reader.pid() + " is reading the probes' trace_pipe: end it first (it leaves the probes in place)");
            }
        }
        boolean took = !mine && self != null;
        if (took) {
            // A set that is not this run's: the lock is taken (over) before anything is removed, as start does, so
            // that a start that took it a moment ago keeps what it installs.
            String stopping = new TraceLock(new TraceLock.Owner(self, started(self), "trace stop"), held.map(TraceLock::since).orElse(""),
                held.map(TraceLock::facts).orElse(List.of())).format();
            take(text, stopping, "another uvmctl took the probes a moment ago (" + LOCK + " changed): 'uvmctl trace status' says who",
                "cannot take the lock " + LOCK);
        }
        Teardown t = teardown(dir, held.orElse(null));
        try {
            if (held.isEmpty()) {
                // No run's set: the lock this stop took goes; one it did not take is another run's, made since.
                if (took) {
                    writes.delete(LOCK);
                }
            } else if (t.problems().isEmpty()) {
                writes.delete(LOCK);
            } else {
                // Kept, for the next stop to finish, and marked: its probes may be gone, so it is no set to read.
                List<TraceLock.Fact> facts = new ArrayList<>(held.get().facts().stream().filter(f -> !f.key().equals(UNFINISHED)).toList());
                facts.add(new TraceLock.Fact(UNFINISHED, String.join("; ", t.problems())));
                writes.replace(LOCK, new TraceLock(null, held.get().since(), facts).format());
            }
        } catch (IOException e) {
            t.problems().add("the lock " + LOCK + " could not be removed (" + describe(e) + ")");
        }
        return t;
    }

    /** Disables and removes one probe while the others run on: its values showed a layout that is not this driver's. */
    public Teardown remove(String dir, String name) {
        List<String> removed = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        String enable = instance(dir) + "/events/" + ProbeTable.GROUP + "/" + name + "/enable";
        try {
            if (root.exists(enable)) {
                writes.write(enable, "0");
            }
            writes.append(dir + "/kprobe_events", "-:" + ProbeTable.GROUP + "/" + name);
            removed.add(name);
        } catch (IOException e) {
            problems.add(name + ": " + describe(e));
        }
        return new Teardown(removed, problems);
    }

    public Status status() throws Unavailable {
        String dir = directory();
        Optional<TraceLock> l = lock();
        List<String> probes = ours(dir);
        return new Status(dir, l.orElse(null), l.isPresent() && l.get().owner() != null && alive(l.get().owner()), probes,
            root.exists(instance(dir)), profile(dir, probes));
    }

    // --- the steps ---------------------------------------------------------------------------

    private void refuseIfHeld(TraceLock l) throws Busy {
        refuseIfUnfinished(l);
        if (l.owner() == null) {
            throw new Busy("probes are installed by 'uvmctl trace start' since " + l.since() + ": 'uvmctl trace record' reads them, "
                + "'uvmctl trace stop' removes them");
        }
        if (alive(l.owner())) {
            throw new Busy("uvmctl " + (l.owner().command() == null ? "" : l.owner().command() + " ") + "(pid " + l.owner().pid()
                + ") has held the probes since " + l.since() + ": it removes them when it ends (Ctrl-C, or kill " + l.owner().pid() + ")");
        }
    }

    /** A set a stop could not remove whole is nobody's to read or install over until a stop finishes it. */
    private static void refuseIfUnfinished(TraceLock l) throws Busy {
        String left = l.first(UNFINISHED);
        if (left != null) {
            throw new Busy("the removal of the probes installed at " + l.since() + " did not finish (" + left + "): 'uvmctl trace stop' "
                + "removes the rest once that is done");
        }
    }

    private Result define(String dir, Probe p, Set<String> symbols) throws Unavailable {
        if (p.kind() == Probe.Kind.tracepoint) {
            return root.exists(dir + "/events/" + p.definition()) ? new Result(p, State.installed, null)
                : new Result(p, State.missing, "no tracepoint " + p.definition() + " in this kernel or driver");
        }
        String symbol = p.symbol();
        if (symbols != null && !symbols.contains(symbol)) {
            return new Result(p, State.missing, symbol + " is not in the kernel's symbols (inlined or not built in this driver)");
        }
        List<String> logged = errorLog(dir);
        try {
            writes.append(dir + "/kprobe_events", p.definition());
            return new Result(p, State.installed, null);
        } catch (AccessDeniedException e) {
            throw new Unavailable("no permission to write " + dir + "/kprobe_events: run as root (CAP_SYS_ADMIN)");
        } catch (IOException e) {
            return new Result(p, State.refused, "the kernel refused it (" + describe(e) + ")" + newError(dir, logged));
        }
    }

    private Result enable(String inst, Probe p) {
        String events = inst + "/events/" + p.eventDirectory();
        try {
            if (p.filter() != null) {
                writes.write(events + "/filter", p.filter());
            }
            writes.write(events + "/enable", "1");
            return new Result(p, State.installed, null);
        } catch (IOException e) {
            return new Result(p, State.refused, "it could not be enabled in the instance (" + describe(e) + ")");
        }
    }

    private void setting(String path, String value, List<String> notes, String otherwise) {
        try {
            writes.write(path, value);
        } catch (IOException e) {
            notes.add(otherwise + " (" + describe(e) + ")");
        }
    }

    /** Undoes a start that got no further than its definitions. */
    private void release(String dir, List<Result> results) {
        for (Result r : results) {
            if (r.state() == State.installed && r.probe().kind() == Probe.Kind.kprobe) {
                try {
                    writes.append(dir + "/kprobe_events", "-:" + ProbeTable.GROUP + "/" + r.probe().name());
                } catch (IOException e) {
                    // nothing enabled it: this does not fail
                }
            }
        }
        try {
            writes.delete(LOCK);
        } catch (IOException e) {
            // the next start finds its owner gone
        }
    }

    private Teardown teardown(String dir, TraceLock l) {
        List<String> removed = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        String inst = instance(dir);
        // What kprobe_events lists is what there is to remove: a probe the lock names that is not listed is gone already
        // (a stop that did not finish removed it), and the kernel would refuse its removal with ENOENT.
        List<String> listed = listed(dir);
        Set<String> names = new LinkedHashSet<>(listed == null ? List.of() : listed);
        if (l != null && listed == null) {
            for (String p : l.all("probe")) {
                names.add(p.substring(p.indexOf('/') + 1));
            }
        }
        if (root.exists(inst)) {
            for (String name : names) {
                disable(inst + "/events/" + ProbeTable.GROUP + "/" + name + "/enable", problems);
            }
            if (l != null) {
                for (String tp : l.all("tracepoint")) {
                    disable(inst + "/events/" + tp + "/enable", problems);
                }
            }
        }
        for (String name : names) {
            try {
                writes.append(dir + "/kprobe_events", "-:" + ProbeTable.GROUP + "/" + name);
                removed.add(name);
            } catch (IOException e) {
                problems.add("probe " + name + " could not be removed (" + describe(e) + "): it is still enabled somewhere else "
                    + "(the top-level events/ or another instance); disable it there and run 'uvmctl trace stop' again");
            }
        }
        if (root.exists(inst)) {
            try {
                writes.rmdir(inst);
                removed.add("instances/" + INSTANCE);
            } catch (IOException e) {
                problems.add("the instance " + inst + " could not be removed (" + describe(e) + "): its trace_pipe is still open; "
                    + "end what reads it and run 'uvmctl trace stop' again");
            }
        }
        return new Teardown(removed, problems);
    }

    private void disable(String enable, List<String> problems) {
        if (!root.exists(enable)) {
            return;
        }
        try {
            writes.write(enable, "0");
        } catch (IOException e) {
            problems.add(enable + " could not be written (" + describe(e) + ")");
        }
    }

    /** uvmctl's probes as {@code kprobe_events} lists them now; none when it cannot be read. */
    private List<String> ours(String dir) {
        List<String> listed = listed(dir);
        return listed == null ? List.of() : listed;
    }

    /** uvmctl's probes as {@code kprobe_events} lists them now, or null when it cannot be read. */
    private List<String> listed(String dir) {
        List<String> out = new ArrayList<>();
        try {
            for (String line : root.readString(dir + "/kprobe_events").split("\n")) {
                Matcher m = OURS.matcher(line);
                if (m.matches()) {
                    out.add(m.group(1));
                }
            }
        } catch (IOException e) {
            return null;
        }
        return out;
    }

    /** {@code module:function} of the drivers' symbols, from /proc/kallsyms, else available_filter_functions; null when neither reads. */
    private Set<String> symbols(String dir) {
        for (String path : new String[] {KALLSYMS, dir + "/available_filter_functions"}) {
            if (!root.exists(path)) {
                continue;
            }
            Set<String> out = new HashSet<>();
            try (InputStream in = root.open(path);
                 BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    int open = line.lastIndexOf("[nvidia");
                    if (open < 0 || !line.endsWith("]")) {
                        continue;
                    }
                    String module = line.substring(open + 1, line.length() - 1);
                    String[] words = line.substring(0, open).trim().split("\\s+");
                    out.add(module + ":" + words[words.length - 1]);
                }
                return out;
            } catch (IOException e) {
                // the next source
            }
        }
        return null;
    }

    /**
     * The entries of {@code error_log} (kernel/trace/trace.c: tracing_log_err), each a line
     * {@code [TIMESTAMP] SUBSYSTEM: error: WHAT} and the lines after it up to the next; empty when it
     * cannot be read (kernels before 5.4 have none).
     */
    private List<String> errorLog(String dir) {
        List<String> entries = new ArrayList<>();
        try {
            StringBuilder entry = null;
            for (String line : root.readString(dir + "/error_log").lines().filter(l -> !l.isBlank()).toList()) {
                if (line.startsWith("[") || entry == null) {
                    if (entry != null) {
                        entries.add(entry.toString());
                    }
                    entry = new StringBuilder(line.strip());
                } else {
                    entry.append(" / ").append(line.strip());
                }
            }
            if (entry != null) {
                entries.add(entry.toString());
            }
        } catch (IOException e) {
            // none to say
        }
        return entries;
    }

    /**
     * What the kernel logged for the definition it just refused: the entries of {@code error_log} that
     * were not there before it ({@code before}), the newest. Not every refusal logs one (ENOMEM,
     * EEXIST, trace_kprobe.c: __trace_kprobe_create), and the log keeps other tools' errors too, so
     * an older entry is never taken for this refusal's.
     */
    private String newError(String dir, List<String> before) {
        List<String> added = errorLog(dir).stream().filter(e -> !before.contains(e)).toList();
        return added.isEmpty() ? "" : "; error_log: " + added.get(added.size() - 1);
    }

    static String instance(String dir) {
        return dir + "/instances/" + INSTANCE;
    }

    /**
     * The process a lock names as reading the set ({@code reader=PID START}), or null when none, or
     * when no pid can be read there (a lock edited by hand): no live process reads through such a line.
     */
    private static TraceLock.Owner reader(TraceLock l) {
        String r = l.first("reader");
        if (r == null) {
            return null;
        }
        String[] w = r.split(" ");
        try {
            Long start;
            try {
                start = w.length > 1 ? Long.valueOf(w[1]) : null;
            } catch (NumberFormatException e) {
                start = null;
            }
            return new TraceLock.Owner(Integer.parseInt(w[0]), start, null);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String who(TraceLock l) {
        return l.owner() == null ? "'uvmctl trace start'" : "pid " + l.owner().pid() + (l.owner().command() == null ? "" : " (" + l.owner().command() + ")");
    }

    private static String problems(Teardown t) {
        return t.problems().isEmpty() ? "" : "; not all: " + String.join("; ", t.problems());
    }

    private static String summary(List<Result> results) {
        List<String> out = new ArrayList<>();
        for (Result r : results) {
            out.add(r.probe().name() + ": " + r.why());
        }
        return String.join("; ", out.subList(0, Math.min(4, out.size()))) + (out.size() > 4 ? "; ..." : "");
    }

    /** An I/O failure as the kernel's errno words ({@code Device or resource busy}), without Java's class names. */
    static String describe(IOException e) {
        String m = e.getMessage();
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return m == null ? e.getClass().getSimpleName() : m.replaceFirst("^.*?: ", "");
    }
}
