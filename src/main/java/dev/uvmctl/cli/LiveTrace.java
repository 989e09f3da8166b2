package dev.uvmctl.cli;

import dev.uvmctl.event.EventTime;
import dev.uvmctl.finding.Ages;
import dev.uvmctl.ingest.FtraceEventSource;
import dev.uvmctl.params.DriverVersion;
import dev.uvmctl.render.TerminalText;
import dev.uvmctl.source.SysRoot;
import dev.uvmctl.tracefs.DirectoryTracefsWrites;
import dev.uvmctl.tracefs.DriverRelease;
import dev.uvmctl.tracefs.GpuIds;
import dev.uvmctl.tracefs.ProbeProfile;
import dev.uvmctl.tracefs.ProbeTable;
import dev.uvmctl.tracefs.TraceHeader;
import dev.uvmctl.tracefs.TraceLock;
import dev.uvmctl.tracefs.Tracefs;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A live run's probes, from setting them up to taking them down: the set {@code trace start}
 * left when there is one (read, and left in place), else a set of its own, removed when the run
 * ends, normally, on Ctrl-C or SIGTERM (a shutdown hook), or after {@code --duration}.
 */
final class LiveTrace implements AutoCloseable {
    private final CliContext context;
    private final Tracefs tracefs;
    private final Tracefs.Setup setup;
    private final List<String> header;
    /** The UUID each UVM processor id was last named with, in the header or after it ({@link NewGpus}). */
    private final Map<Integer, String> named;
    private final Thread hook;
    private final InputStream pipe;
    /** The probes' counts as the run began ({@code kprobe_profile}; null: not readable), against which its misses are counted. */
    private final Map<String, ProbeProfile.Counts> profiled;
    private volatile boolean ended;
    /** The end is marked in the trace, and the reader reads on to the mark. */
    private volatile boolean ending;
    private final CountDownLatch markRead = new CountDownLatch(1);
    /** The pipe gave its end of file (a stand-in's trace_pipe file): there is nothing to mark. */
    private volatile boolean drained;
    /** How long the end waits for the reader to reach its mark. */
    static final long MARK_WAIT_MS = 1000;
    private static final String MARK_LINE = "tracing_mark_write: " + Tracefs.END_MARK;
    private boolean closed;

    private LiveTrace(CliContext context, Tracefs tracefs, Tracefs.Setup setup, List<String> header, Map<Integer, String> named,
                      Map<String, ProbeProfile.Counts> profiled, InputStream pipe) {
        this.context = context;
        this.tracefs = tracefs;
        this.setup = setup;
        this.header = header;
        this.named = named;
        this.pipe = pipe;
        this.profiled = profiled;
        this.hook = new Thread(this::close, "uvmctl-trace-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** The tracefs of the command's root, written through the root directory. */
    static Tracefs tracefs(CliContext c) {
        // A --root that is neither a directory nor a bundle is refused as every command refuses it, before it is called an archive.
        SysRoot root = c.sysRoot();
        Path dir = c.rootDirectory();
        if (dir == null) {
            throw UvmctlException.usage("--root " + c.rootArgument() + ": a bundle archive has no tracefs to set probes in "
                + "(give the live system, or a directory that stands in for it)");
        }
        return new Tracefs(root, new DirectoryTracefsWrites(dir, c.live()));
    }

    static TraceLock.Owner owner(CliContext c, Tracefs t, String command) {
        int pid = (int) c.pid();
        return new TraceLock.Owner(pid, t.started(pid), command);
    }

    /** The probes for the root's driver; none when it is older than the table covers. */
    static ProbeTable.Selection selection(CliContext c, ProbeTable table) {
        DriverVersion release = DriverRelease.of(c.sysRoot()).orElse(null);
        ProbeTable.Selection s = table.select(release, TracePrintProbesCommand.arch(c, null, table));
        if (s.probes().isEmpty()) {
            throw UvmctlException.incomplete("nvidia_uvm " + release + " is older than the probes cover (" + table.first()
                + " and later): 'uvmctl trace print-probes --release " + table.first() + "' shows what they would be");
        }
        return s;
    }

    /** Sets the probes up (or attaches to those {@code trace start} left) and opens the instance's {@code trace_pipe}. */
    static LiveTrace open(CliContext c, String command, int bufferKb, Duration duration) {
        Tracefs t = tracefs(c);
        ProbeTable table = ProbeTable.load();
        TraceLock.Owner owner = owner(c, t, command);
        Tracefs.Setup setup;
        try {
            Optional<Tracefs.Setup> attached = t.attach(table, owner);
            setup = attached.isPresent() ? attached.get() : t.start(selection(c, table), owner, c.clock().instant(), bufferKb);
        } catch (Tracefs.Unavailable | Tracefs.Busy e) {
            throw UvmctlException.incomplete(e.getMessage());
        }
        Map<Integer, GpuIds.Gpu> gpus = TraceHeader.gpus(c.sysRoot(), setup);
        Map<Integer, String> named = new HashMap<>();
        gpus.forEach((id, g) -> named.put(id, g.uuid()));
        List<String> header = TraceHeader.lines(c.sysRoot(), setup, c.clock().instant(), gpus);
        // The counts before the first line is read: misses from here on are the run's.
        Map<String, ProbeProfile.Counts> profiled = t.profile(setup);
        InputStream pipe;
        try {
            pipe = c.sysRoot().open(setup.pipe());
        } catch (IOException e) {
            release(t, setup, (int) c.pid());
            throw UvmctlException.incomplete("cannot read " + setup.pipe() + ": " + dev.uvmctl.source.IoErrors.describe(e));
        }
        // Before any snapshot the command takes: the trace began no later than it (false: an older kernel's instance has no marker,
        // and the trace then begins at its first line).
        t.mark(setup, Tracefs.START_MARK);
        LiveTrace live = new LiveTrace(c, t, setup, header, named, profiled, pipe);
        if (duration != null) {
            Thread timer = new Thread(() -> {
                try {
                    Thread.sleep(duration.toMillis());
                    live.end();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "uvmctl-trace-duration");
            timer.setDaemon(true);
            timer.start();
        }
        return live;
    }

    /**
     * A teardown the live trace shows hanging ({@link FtraceEventSource.Listener#hanging}): who, which va_space, how long. The
     * judgement itself comes when the run ends.
     */
    static String describe(FtraceEventSource.HangingTeardown t) {
        String who = t.comm() == null ? "thread " + t.tid() : "thread " + t.tid() + " (" + t.comm() + ")";
        // Both times, not "before the latest line": watch --trace keeps the line on screen while later lines come.
        return who + " of process " + t.process() + " entered uvm_va_space_destroy of va_space " + t.vaSpace() + " at ["
            + EventTime.kernelLogSeconds(t.enteredNanos()) + "] and had not returned " + Ages.human(t.latestNanos() - t.enteredNanos())
            + " later, at [" + EventTime.kernelLogSeconds(t.latestNanos()) + "]: blocked in the driver's teardown, as a hung-task "
            + "warning would say, unless it returns";
    }

    /**
     * Each teardown that hangs said once on standard error as it crosses the hung-task timeout, for {@link #listener(Consumer)}:
     * {@code leaks --trace} reports it when it ends.
     */
    static Consumer<List<FtraceEventSource.HangingTeardown>> sayingHangs(CliContext c) {
        Set<Integer> said = new HashSet<>();
        return teardowns -> {
            for (FtraceEventSource.HangingTeardown t : teardowns) {
                if (said.add(t.tid())) {
                    c.notices().println("uvmctl: " + TerminalText.escape(describe(t)) + " (judged when the run ends)");
                }
            }
            c.notices().flush();
        };
    }

    /** How often {@link #heartbeat} marks the trace. */
    static final long HEARTBEAT_MS = 5000;

    /**
     * For a live view ({@code watch --trace}, {@code leaks --trace}): marks the trace every {@link #HEARTBEAT_MS} until the run ends
     * ({@link Tracefs#HEARTBEAT_MARK}), so that the trace's time, which the reader knows only from its lines, keeps up with the
     * clock on a quiet node, where the only probe line may be a teardown's entry that never returns.
     */
    void heartbeat() {
        Thread beat = new Thread(() -> beat(() -> !ended && !ending && !drained, () -> tracefs.mark(setup, Tracefs.HEARTBEAT_MARK),
            HEARTBEAT_MS), "uvmctl-trace-heartbeat");
        beat.setDaemon(true);
        beat.start();
    }

    /** Calls {@code mark} every {@code everyMs} while {@code reading} holds, and not once it no longer does. */
    static void beat(BooleanSupplier reading, Runnable mark, long everyMs) {
        try {
            while (reading.getAsBoolean()) {
                Thread.sleep(everyMs);
                if (reading.getAsBoolean()) {
                    mark.run();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    Tracefs.Setup setup() {
        return setup;
    }

    List<String> header() {
        return header;
    }

    String name() {
        return setup.pipe();
    }

    /**
     * The trace as a saved one reads: uvmctl's header lines, then the instance's lines as they come, with a
     * {@code gpu=} line for each GPU that UVM's procfs names after the header; it ends when the run does.
     */
    InputStream input() {
        byte[] head = (String.join("\n", header) + "\n").getBytes(StandardCharsets.UTF_8);
        SysRoot root = context.sysRoot();
        Clock clock = context.clock();
        return new SequenceInputStream(new ByteArrayInputStream(head),
            new NewGpus(pipe(), named, () -> TraceHeader.gpus(root, setup), () -> clock.millis()));
    }

    /**
     * Names the GPUs UVM registers while the run goes on. A GPU's directory in UVM's procfs is made only
     * when a va_space first registers it (uvm_gpu.c, 535.43.02 to 580.95.05), so on a node that was idle when the
     * run began the header names none, and every migration would say {@code uvm-gpuN}. Between two lines, at
     * most once a second, the directory (and the core driver's, for the PCI bus ids) is read again, and a
     * {@code # uvmctl-trace: gpu=} line goes into the trace for each GPU not named yet: a saved trace keeps it,
     * and the reader tells the model that what went out as {@code uvm-gpuN} before the line is that GPU
     * (FtraceEvents). An id is also named again when it names another GPU: UVM gives a GPU the first free id
     * when it is registered, and frees it when the GPU is released (uvm_gpu.c, 580.95.05: find_unused_gpu_id),
     * so a job on another GPU after the last one ended gets the same id.
     */
    static final class NewGpus extends ChunkFilterInputStream {
        static final long EVERY_MS = 1000;
        private final Map<Integer, String> named;
        private final Supplier<Map<Integer, GpuIds.Gpu>> gpus;
        private final LongSupplier millis;
        private byte[] pending = new byte[0];
        private int at;
        /** Whether the last byte read was a newline (or none was read): a line may be put here. */
        private boolean lineStart = true;
        private long lookedAt;

        NewGpus(InputStream in, Map<Integer, String> named, Supplier<Map<Integer, GpuIds.Gpu>> gpus, LongSupplier millis) {
            super(in);
            this.named = named;
            this.gpus = gpus;
            this.millis = millis;
            this.lookedAt = millis.getAsLong();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            long now = at == pending.length && lineStart ? millis.getAsLong() : lookedAt;
            if (now - lookedAt >= EVERY_MS) {
                lookedAt = now;
                StringBuilder lines = new StringBuilder();
                for (GpuIds.Gpu g : gpus.get().values()) {
                    if (!g.uuid().equals(named.put(g.id(), g.uuid()))) {
                        lines.append(TraceHeader.gpuLine(g)).append('\n');
                    }
                }
                pending = lines.toString().getBytes(StandardCharsets.UTF_8);
                at = 0;
            }
            if (at < pending.length) {
                int n = Math.min(len, pending.length - at);
                System.arraycopy(pending, at, b, off, n);
                at += n;
                return n;
            }
            int n = in.read(b, off, len);
            if (n > 0) {
                lineStart = b[off + n - 1] == '\n';
            }
            return n;
        }
    }

    /** The instance's lines alone; a read that the end of the run interrupts is the end of the input. */
    InputStream pipe() {
        return new ChunkFilterInputStream(pipe) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (ended) {
                    return -1;
                }
                try {
                    int n = in.read(b, off, len);
                    if (n < 0) {
                        drained = true;
                    } else if (n > 0 && ending && new String(b, off, n, StandardCharsets.ISO_8859_1).contains(MARK_LINE)) {
                        markRead.countDown();
                    }
                    return n;
                } catch (ClosedChannelException e) {
                    if (ended) {
                        return -1;
                    }
                    throw e;
                }
            }
        };
    }

    /** Removes a probe whose values show a layout that is not this driver's; the run goes on with the others. */
    FtraceEventSource.Listener listener() {
        return listener(teardowns -> { });
    }

    /** As {@link #listener()}, with {@code hanging} told of the teardowns that hang as the trace goes on (a live view). */
    FtraceEventSource.Listener listener(Consumer<List<FtraceEventSource.HangingTeardown>> hanging) {
        return new FtraceEventSource.Listener() {
            @Override
            public void rejected(String probe, String why) {
                if (!setup.own()) {
                    return;
                }
                Tracefs.Teardown t = tracefs.remove(setup.tracefs(), probe);
                context.notices().println("uvmctl: " + probe + ": " + (t.problems().isEmpty() ? "removed" : "could not be removed: "
                    + String.join("; ", t.problems())) + " (" + TerminalText.escape(why) + ")");
                context.notices().flush();
            }

            @Override
            public void hanging(List<FtraceEventSource.HangingTeardown> teardowns) {
                hanging.accept(teardowns);
            }
        };
    }

    /**
     * Ends the run's reading. The end is marked in the trace first ({@link Tracefs#markEnd}): the reader reads
     * on to that line, stamped with the trace clock, so the trace's end is the run's, not its last probe
     * line's (what a teardown that never returned is judged against: FtraceEvents). After at most
     * {@link #MARK_WAIT_MS}, or at once when the mark could not be written, the pipe reads as ended.
     */
    void end() {
        if (!ended && !ending && !drained) {
            ending = true;
            markMisses();
            if (tracefs.markEnd(setup)) {
                try {
                    markRead.await(MARK_WAIT_MS, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        ended = true;
        try {
            pipe.close();
        } catch (IOException e) {
            // closed already
        }
    }

    /**
     * Says in the trace, before its end, which probes missed hits during the run: the kernel counts them in {@code kprobe_profile}
     * but the trace itself shows no loss for them, so without this line a saved trace would read as whole. The reader takes them as
     * losses, and a missed return of {@code uvm_va_space_destroy} as a reason not to judge a teardown without its return.
     */
    private void markMisses() {
        Map<String, ProbeProfile.Counts> now = tracefs.profile(setup);
        if (now == null) {
            return;
        }
        Map<String, Long> missed = ProbeProfile.missedSince(profiled, now);
        if (!missed.isEmpty()) {
            tracefs.mark(setup, ProbeProfile.mark(missed));
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        end();
        for (String problem : release(tracefs, setup, (int) context.pid())) {
            context.err().println("uvmctl: " + TerminalText.escape(problem));
        }
        context.err().flush();
        if (Thread.currentThread() != hook) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down: the hook is this very cleanup
            }
        }
    }

    /** Takes the run's probes down (or leaves those of 'trace start'); what could not be undone, said. */
    private static List<String> release(Tracefs t, Tracefs.Setup setup, int pid) {
        if (!setup.own()) {
            t.detach();
            return List.of();
        }
        try {
            return t.stop(pid).problems();
        } catch (Tracefs.Unavailable | Tracefs.Busy e) {
            return List.of("the probes were not removed (" + e.getMessage() + "): 'uvmctl trace stop' removes them");
        }
    }
}
