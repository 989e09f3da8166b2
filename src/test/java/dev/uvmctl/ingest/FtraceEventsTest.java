package dev.uvmctl.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uvmctl.cli.CliRun;
import dev.uvmctl.event.Event;
import dev.uvmctl.event.EventKind;
import dev.uvmctl.event.EventTime;
import dev.uvmctl.event.GpuRetained;
import dev.uvmctl.event.EventsLost;
import dev.uvmctl.event.EventReader;
import dev.uvmctl.event.EvictStatus;
import dev.uvmctl.event.Evicted;
import dev.uvmctl.event.FdHeld;
import dev.uvmctl.event.Migrated;
import dev.uvmctl.event.ProcessExited;
import dev.uvmctl.event.ProcessForked;
import dev.uvmctl.event.RangeCreated;
import dev.uvmctl.event.RangeSplit;
import dev.uvmctl.event.TaskBlocked;
import dev.uvmctl.event.BlockReason;
import dev.uvmctl.event.TransferMode;
import dev.uvmctl.event.VaSpaceCreated;
import dev.uvmctl.event.VaSpaceDestroyed;
import dev.uvmctl.event.Xid;
import dev.uvmctl.shared.Diagnostic;
import dev.uvmctl.shared.GpuKey;
import dev.uvmctl.source.InputFile;
import dev.uvmctl.testing.Golden;
import dev.uvmctl.tracefs.ProbeProfile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * UVM traces as events (the lines in src/test/resources/ftrace, written by
 * src/test/fixtures/make-ftrace.py as the kernel prints them): what the driver did, joined across
 * entry and return, and what a trace cannot show said as diagnostics.
 */
class FtraceEventsTest {
    private static final String DIR = "src/test/resources/ftrace/";
    private static final String GPU = "0000:3b:00.0";
    /** The bundled example of a trace (README.md, "Examples"). */
    private static final String TRACE_HELD = "examples/trace-held/uvm.trace";

    private final List<Diagnostic> diagnostics = new ArrayList<>();
    private final List<String> rejected = new ArrayList<>();

    private List<Event> events(String name) throws IOException {
        try (InputStream in = Files.newInputStream(Path.of(DIR + name))) {
            return read(in, name);
        }
    }

    private List<Event> read(InputStream in, String name) throws IOException {
        List<Event> out = new ArrayList<>();
        try (EventReader r = new FtraceEventSource((probe, why) -> rejected.add(probe)).open(in, name, diagnostics::add)) {
            for (Event e = r.next(); e != null; e = r.next()) {
                out.add(e);
            }
        }
        return out;
    }

    private List<String> messages() {
        return diagnostics.stream().map(Diagnostic::toString).toList();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"oom-worker-holds", "saved-by-hand", "pid-reuse", "wrong-layout", "unknown-release", "pipe-lost"})
    void theEventsOfARecordedTraceAreExactlyTheExpectedOnes(String name) {
        CliRun.Result r = new CliRun().run("events", DIR + name + ".trace", "-o", "ndjson");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        Golden.assertMatches(r.out(), "expected/events/ftrace-" + name + ".ndjson");
    }

    /**
     * Read from a file, events keep where their lines are and read them again when asked (a pipe
     * keeps the text): the same events, texts and diagnostics either way, failed evictions'
     * entry and return joined too.
     */
    @ParameterizedTest
    @ValueSource(strings = {"oom-worker-holds.trace", "pid-reuse.trace", "saved-by-hand.trace", "unknown-release.trace",
        "wrong-layout.trace", "pipe-lost.trace", "top-level-file.trace", "teardown-hangs.trace"})
    void eventsReadFromAFileAreThoseReadFromAPipe(String name) throws Exception {
        List<Event> piped = events(name);
        List<Diagnostic> pipedDiagnostics = List.copyOf(diagnostics);
        diagnostics.clear();
        List<Event> fromFile = new ArrayList<>();
        InputFile file = InputFile.of(name, Path.of(DIR), null);
        try (EventReader r = EventInputs.open(file, List.of(new FtraceEventSource()), diagnostics::add).reader()) {
            for (Event e = r.next(); e != null; e = r.next()) {
                fromFile.add(e);
            }
        }
        assertThat(fromFile).isEqualTo(piped).isNotEmpty();
        assertThat(diagnostics).isEqualTo(pipedDiagnostics);
        for (int i = 0; i < piped.size(); i++) {
            assertThat(fromFile.get(i).source().text()).isEqualTo(piped.get(i).source().text()).isNotEmpty();
        }
    }

    /**
     * {@code trace-cmd report} of the same probes: its header lines, no flags column, the event
     * name padded to a column, each location the probe's bare address (libtraceevent prints the
     * kprobe's print fmt, {@code (%lx)}, {@code (%lx <- %lx)} for a return). The same events, no
     * diagnostic but those of the original, and the input is recognized as a trace by content.
     */
    @Test
    void traceCmdReportOfAProbeSetGivesTheEventsOfTheKernelsText(@TempDir Path dir) throws IOException {
        String name = "oom-worker-holds.trace";
        List<String> kernel = withoutSource(events(name));
        List<String> kernelDiagnostics = messages().stream().map(m -> m.replaceAll(":\\d+: ", ": ")).toList();
        diagnostics.clear();
        StringBuilder report = new StringBuilder("version = 6\nCPU 0 is empty\ncpus=16\n");
        for (String line : Files.readAllLines(Path.of(DIR + name))) {
            report.append(line.startsWith("#") ? line : line
                .replaceFirst("\\] \\.\\.\\.\\.\\. ", "]  ")
                .replaceFirst(": \\(\\S+ \\[nvidia_uvm\\] <- [^)]*\\)", ": (ffffffffc0b3a2f0 <- ffffffffc0b10000)")
                .replaceFirst(": \\([a-z_]+\\+[^)]*\\)", ": (ffffffffc0b3a2f0)")
                .replaceFirst("(: [a-z_]+:) ", "$1          ")).append('\n');
        }
        assertThat(report).contains("uvm_vas_create_r:          (ffffffffc0b3a2f0 <- ffffffffc0b10000) ret=0x0");
        Path file = dir.resolve("uvm.report");
        Files.writeString(file, report);
        assertThat(new FtraceEventSource().recognizes(report.toString())).isTrue();
        List<Event> fromReport;
        try (InputStream in = Files.newInputStream(file)) {
            fromReport = read(in, name);
        }
        assertThat(withoutSource(fromReport)).isEqualTo(kernel).isNotEmpty();
        assertThat(messages().stream().map(m -> m.replaceAll(":\\d+: ", ": ")).toList()).isEqualTo(kernelDiagnostics);
    }

    /**
     * {@code perf script} of the same events ({@code perf record -e 'uvmctl:*' -e sched:... }):
     * {@code COMM TID [CPU] TIME: GROUP:NAME: fields}, the locations bare addresses as in
     * trace-cmd report; with {@code -F +pid} {@code COMM PID/TID}, the process id the TGID column
     * gives. The same events; without the process id, the one diagnostic of a trace without TGIDs.
     */
    @Test
    void perfScriptOfAProbeSetGivesTheEventsOfTheKernelsText(@TempDir Path dir) throws IOException {
        String name = "oom-worker-holds.trace";
        List<String> kernel = withoutSource(events(name));
        List<String> kernelDiagnostics = messages().stream().map(m -> m.replaceAll(":\\d+: ", ": ")).toList();
        java.util.regex.Pattern line = java.util.regex.Pattern.compile(
            "^( *)(.+)-(\\d+) +\\( *(\\d+)\\) \\[(\\d+)\\] \\.\\.\\.\\.\\. +([\\d.]+): ([a-z_]+): (.*)$");
        for (boolean withPid : new boolean[] {false, true}) {
            diagnostics.clear();
            StringBuilder script = new StringBuilder();
            for (String l : Files.readAllLines(Path.of(DIR + name))) {
                java.util.regex.Matcher m = line.matcher(l);
                if (!m.matches()) {
                    script.append(l).append('\n');
                    continue;
                }
                String event = m.group(7);
                String group = event.startsWith("uvm_") ? "uvmctl" : event.startsWith("sched_") ? "sched"
                    : event.equals("task_newtask") ? "task" : "oom";
                String payload = m.group(8).replaceFirst("^\\(\\S+ \\[nvidia_uvm\\] <- [^)]*\\)", "(ffffffffc0b3a2f0 <- ffffffffc0b10000)")
                    .replaceFirst("^\\([a-z_]+\\+[^)]*\\)", "(ffffffffc0b3a2f0)");
                script.append(m.group(1)).append(m.group(2)).append(' ').append(withPid ? m.group(4) + "/" : "").append(m.group(3))
                    .append(" [").append(m.group(5)).append("] ").append(m.group(6)).append(": ").append(group).append(':')
                    .append(event).append(": ").append(payload).append('\n');
            }
            assertThat(script).contains(withPid ? "python 4242/4242 [003] 1520.301356: uvmctl:uvm_vas_create_r: (ffffffffc0b3a2f0 <- "
                : "UVM GPU1 BH 1187 [011] 1521.010000: uvmctl:uvm_migrate: (ffffffffc0b3a2f0) pev=");
            assertThat(new FtraceEventSource().recognizes(script.toString())).isTrue();
            List<Event> fromScript = read(new ByteArrayInputStream(script.toString().getBytes(StandardCharsets.UTF_8)), name);
            assertThat(withoutSource(fromScript)).as(withPid ? "-F +pid" : "the default fields").isEqualTo(kernel).isNotEmpty();
            List<String> said = messages().stream().map(m -> m.replaceAll(":\\d+: ", ": ")).toList();
            if (withPid) {
                assertThat(said).isEqualTo(kernelDiagnostics);
            } else {
                assertThat(said).containsAll(kernelDiagnostics).hasSize(kernelDiagnostics.size() + 1)
                    .anySatisfy(m -> assertThat(m).contains("no TGID column"));
            }
        }
    }

    /** Each event as its kind and fields, where it was read left out. */
    private static List<String> withoutSource(List<Event> events) {
        return events.stream().map(e -> java.util.Arrays.stream(e.getClass().getRecordComponents())
            .filter(c -> !c.getName().equals("source")).map(c -> {
                try {
                    return c.getName() + "=" + c.getAccessor().invoke(e);
                } catch (ReflectiveOperationException x) {
                    throw new AssertionError(x);
                }
            }).collect(java.util.stream.Collectors.joining(", ", e.kind() + "[", "]"))).toList();
    }

    @Test
    void aProcessLifeJoinsEntriesAndReturnsByThread() throws IOException {
        List<Event> events = events("oom-worker-holds.trace");
        assertThat(events).extracting(Event::kind).containsExactly(EventKind.va_space_created, EventKind.range_created,
            EventKind.migrated, EventKind.migrated, EventKind.migrated, EventKind.migrated, EventKind.migrated, EventKind.range_split,
            EventKind.evicted, EventKind.evicted, EventKind.evicted, EventKind.process_forked, EventKind.process_exited,
            EventKind.range_destroyed, EventKind.range_destroyed);
        VaSpaceCreated created = (VaSpaceCreated) events.get(0);
        assertThat(created.vaSpace()).isEqualTo("0xffff8f01c2a40000");
        assertThat(created.pid()).isEqualTo(4242);
        assertThat(created.sharing()).isFalse();
        assertThat(created.observed()).isFalse();
        assertThat(created.source().text()).as("the line that names the va_space proves it").contains("uvm_vas_init");
        assertThat(created.time().monoNanos()).as("at the return, when it exists").isEqualTo(1_520_301_356_000L);
        assertThat(created.time().boot()).isEqualTo("6f1c2a9e-3b7d-4c5e-9a81-0d4e6f7a8b9c");
        RangeCreated range = (RangeCreated) events.get(1);
        assertThat(range.start()).isEqualTo(0x7f3a40000000L);
        assertThat(range.end()).as("vm_end is exclusive, a range end inclusive").isEqualTo(0x7f3a7fffffffL);
        Migrated first = (Migrated) events.get(2);
        assertThat(first.from()).isEqualTo("cpu");
        assertThat(first.to()).as("UVM's GPU 1 is the PCI id the trace's header gives").isEqualTo(GPU);
        assertThat(first.cause()).isEqualTo("replayable_fault");
        assertThat(first.mode()).isEqualTo(TransferMode.move);
        assertThat(((Migrated) events.get(6)).cause()).isEqualTo("user");
        RangeSplit split = (RangeSplit) events.get(7);
        assertThat(split.start()).isEqualTo(0x7f3a60000000L);
        assertThat(split.end()).isEqualTo(0x7f3a7fffffffL);
        Evicted ok = (Evicted) events.get(8);
        assertThat(ok.status()).isEqualTo(EvictStatus.ok);
        assertThat(ok.bytes()).as("the eviction's own migration, once").isEqualTo(2L << 20);
        assertThat(ok.address()).isEqualTo(0x7f3a40200000L);
        assertThat(ok.gpu()).isEqualTo(GPU);
        Evicted failed = (Evicted) events.get(9);
        assertThat(failed.status()).isEqualTo(EvictStatus.busy_retry);
        assertThat(failed.error()).isEqualTo("NV_ERR_MORE_PROCESSING_REQUIRED");
        assertThat(failed.vaSpace()).as("from the block's earlier migration").isEqualTo("0xffff8f01c2a40000");
        assertThat(failed.address()).isEqualTo(0x7f3a40400000L);
        ProcessForked forked = (ProcessForked) events.get(11);
        assertThat(forked.pid()).as("the forked process, not the thread 4250").isEqualTo(4301);
        assertThat(forked.ppid()).isEqualTo(4242);
        ProcessExited killed = (ProcessExited) events.get(12);
        assertThat(killed.reason()).isEqualTo(dev.uvmctl.event.ExitReason.oom_kill);
        assertThat(killed.pid()).isEqualTo(4242);
        assertThat(events).filteredOn(e -> e instanceof ProcessExited).as("the victim's own exit is not a second end").hasSize(1);
        assertThat(messages()).containsExactly("oom-worker-holds.trace:3: probe uvm_hmm_evict was not installed "
            + "(not in /proc/kallsyms (nvidia_uvm built without HMM))");
        assertThat(events).as("a driver without HMM has no HMM memory: nothing is missed").noneMatch(e -> e instanceof EventsLost);
    }

    @Test
    void aTraceSavedByHandSaysWhatItCouldNotShow() throws IOException {
        List<Event> events = events("saved-by-hand.trace");
        assertThat(events).extracting(Event::kind).containsExactly(EventKind.events_lost, EventKind.va_space_created, EventKind.events_lost,
            EventKind.range_created, EventKind.events_lost, EventKind.migrated, EventKind.events_lost, EventKind.migrated, EventKind.events_lost,
            EventKind.migrated, EventKind.migrated);
        assertThat(((Migrated) events.get(5)).to()).as("no header names the GPU").isEqualTo("uvm-gpu1");
        assertThat(events).filteredOn(e -> e instanceof EventsLost).extracting(e -> ((EventsLost) e).cpu())
            .as("the header's count (no CPU), then each buffer-started line's CPU and the uncounted marker's").containsExactly(null, 1, 9, 9, 4);
        assertThat(events.get(1).time().boot()).isNull();
        EventsLost overwritten = (EventsLost) events.get(0);
        assertThat(overwritten.count()).as("the header's written less in buffer").isEqualTo(4096L);
        assertThat(overwritten.cpu()).isNull();
        assertThat(overwritten.source().line()).isEqualTo(3);
        assertThat(overwritten.time().monoNanos()).as("before the first line, at its time").isEqualTo(300_000_100_000L);
        EventsLost uncounted = (EventsLost) events.get(6);
        assertThat(uncounted.cpu()).isEqualTo(9);
        assertThat(uncounted.count()).isNull();
        assertThat(uncounted.time().monoNanos()).as("the next line's time").isEqualTo(300_400_000_000L);
        assertThat(messages()).containsExactlyInAnyOrder(
            "saved-by-hand.trace:3: the ring buffer overwrote 4096 events before this trace was read (the header's entries-written "
                + "less entries-in-buffer): each full CPU kept only its newest events, so va_spaces and ranges created, migrated or "
                + "destroyed before its first line are missing, and what follows of them is inferred from an incomplete history (read "
                + "trace_pipe while tracing, as 'uvmctl trace record' does, or raise the instance's buffer_size_kb)",
            "saved-by-hand.trace:13: the trace has no TGID column (options/record-tgid was off, or perf script ran without -F +pid): thread ids are taken as process ids, "
                + "so a process's threads count as processes of their own, but for those the trace shows made (task_newtask "
                + "with CLONE_THREAD)",
            "saved-by-hand.trace:22: CPU 9 lost events here, how many the kernel could not tell (the trace file was read while "
                + "tracing went on, and the ring buffer overwrote the page being read): creations, migrations, evictions and destroys "
                + "on that CPU are missing, so what follows of them is inferred from an incomplete history (read trace_pipe, as "
                + "'uvmctl trace record' does, or stop tracing before reading the trace file)",
            "saved-by-hand.trace:26: cut short or garbled: no 'TIMESTAMP:' after the CPU column: '         python3-7001    [003] .....   300.5'",
            "saved-by-hand.trace:29: the last line ends without a newline, cut short (the trace was copied while it was being written?): "
                + "left out",
            "saved-by-hand.trace: at least 4096 events lost (CPU 9: uncounted, overwritten before the trace was read: 4096): va_space "
                + "and range creations and destroys, migrations and evictions may be missing; findings that depend on them are inferred "
                + "from an incomplete history",
            "saved-by-hand.trace: 2 lines of other events (myopen, sched_switch) are not uvmctl's probes: skipped",
            "saved-by-hand.trace: UVM GPU id(s) [1] have no PCI id or UUID in the trace (no '# uvmctl-trace: gpu=' line, as "
                + "'uvmctl trace record' writes): they are named uvm-gpuN, unless a capture of the same boot given beside the trace "
                + "names them (UVM's procfs, /proc/driver/nvidia-uvm/gpus/*/info: 'GPU ID N')");
    }

    /**
     * UVM gives a GPU the first free id when it is registered and frees it when the GPU is released (uvm_gpu.c,
     * 580.95.05: find_unused_gpu_id): a live run names the id again when it names another GPU, and the migrations
     * after that line are that GPU's, those before the first's; nothing ties the two GPUs together.
     */
    @Test
    void anIdNamedAgainNamesTheGpuOfTheLinesAfterIt() throws IOException {
        String pev = "0xffff8f0100016c58";
        String t = "# uvmctl-trace: gpu=1 uuid=GPU-5a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9 pci=0000:3b:00.0\n"
            + create(10, 1.0, "0xffff8f0100000000", pev)
            + migrate(1000, 2.0, pev, 0xffff9a9c00000040L, 0x7f0000000000L)
            + "# uvmctl-trace: gpu=1 uuid=GPU-6b2c3d4e-5f60-7182-93a4-b5c6d7e8f9a0 pci=0000:86:00.0\n"
            + migrate(1000, 3.0, pev, 0xffff9a9c00000080L, 0x7f0000200000L);
        List<Event> events = read(new ByteArrayInputStream(t.getBytes(StandardCharsets.UTF_8)), "t");
        assertThat(events).extracting(Event::kind).containsExactly(EventKind.va_space_created, EventKind.migrated, EventKind.migrated);
        assertThat(events).filteredOn(e -> e instanceof Migrated).extracting(e -> ((Migrated) e).to()).containsExactly(GPU, "0000:86:00.0");
        assertThat(diagnostics).isEmpty();
    }

    /**
     * A GPU appears in UVM's procfs only once a va_space registers it (uvm_gpu.c: its procfs directory is made with the
     * GPU and removed when retained_count drops to 0), so a live run begun on an idle node names it only later, with a
     * '# uvmctl-trace: gpu=' line in the middle of the trace: what went out as uvm-gpuN is then told to be that GPU,
     * and what follows is named so. A header line for an id no line used yet names it with no event.
     */
    @Test
    void aGpuNamedAfterItsMigrationsBeganIsTheSameGpu() throws IOException {
        String pev = "0xffff8f0100016c58";
        String t = "# uvmctl-trace: gpu=2 uuid=GPU-6b2c3d4e-5f60-7182-93a4-b5c6d7e8f9a0 pci=0000:5e:00.0\n"
            + create(10, 1.0, "0xffff8f0100000000", pev)
            + line(10, 1.5, "uvm_range_mmap", "uvm_va_range_create_mmap+0x0/0x1c0", "vas=0xffff8f0100000000 start=0x7f0000000000 vm_end=0x7f0000400000")
            + line(10, 1.5, "uvm_range_mmap_r", "uvm_mmap+0x2a4/0x5b0 [nvidia_uvm] <- uvm_va_range_create_mmap", "ret=0x0")
            + migrate(1000, 2.0, pev, 0xffff9a9c00000040L, 0x7f0000000000L)
            + "# uvmctl-trace: gpu=1 uuid=GPU-5a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9 pci=0000:3B:00.0\n"
            + migrate(1000, 3.0, pev, 0xffff9a9c00000080L, 0x7f0000200000L);
        List<Event> events = read(new ByteArrayInputStream(t.getBytes(StandardCharsets.UTF_8)), "t");
        assertThat(events).extracting(Event::kind).containsExactly(EventKind.va_space_created, EventKind.range_created, EventKind.migrated,
            EventKind.gpu_retained, EventKind.migrated);
        assertThat(((Migrated) events.get(2)).to()).isEqualTo("uvm-gpu1");
        GpuRetained named = (GpuRetained) events.get(3);
        assertThat(named.gpu()).isEqualTo(GPU);
        assertThat(named.uuid()).isEqualTo("GPU-5a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9");
        assertThat(named.uvmId()).isEqualTo(1);
        assertThat(named.count()).as("the link was read, not the count").isNull();
        assertThat(named.time().monoNanos()).as("at the last line's time").isEqualTo(2_000_000_000L);
        assertThat(named.source().line()).isEqualTo(8);
        assertThat(((Migrated) events.get(4)).to()).isEqualTo(GPU);
        assertThat(diagnostics).as("every id the trace used is named in the end").isEmpty();
        // Replayed, the two names are one GPU: 4 MiB on it, nothing left under uvm-gpu1.
        dev.uvmctl.model.ReclaimModel m = new dev.uvmctl.model.ReclaimModel(d -> { }, 0);
        events.forEach(m::apply);
        assertThat(m.processorNames()).containsExactlyInAnyOrder(GpuKey.CPU, GPU);
        assertThat(m.residentTotals()).containsEntry(GPU, 4L << 20);
    }

    /**
     * saved-by-hand.trace finds nothing in what it kept, but lost events in five places: "No
     * findings" says so, and the summary counts them, so that nothing is read as clean.
     */
    @Test
    void noFindingsInAHistoryWithHolesSaysSo() {
        CliRun.Result table = new CliRun().run("leaks", DIR + "saved-by-hand.trace");
        assertThat(table.exitCode()).as(table.toString()).isZero();
        assertThat(table.out()).startsWith("No findings: 6 events replayed, 1 va_space and 1 process at the end; but the inputs lost at "
            + "least 4096 events in 5 places, and what those would have shown is not judged (the diagnostics say where).");
        CliRun.Result json = new CliRun().run("leaks", DIR + "saved-by-hand.trace", "-o", "json");
        assertThat(json.out()).contains("\"lost\" : {\n      \"reports\" : 5,\n      \"counted\" : 4096,\n      \"uncounted\" : 4\n    }");
        CliRun.Result clean = new CliRun().run("leaks", DIR + "pid-reuse.trace");
        assertThat(clean.out()).startsWith("No findings: 8 events replayed, 1 va_space and 2 processes at the end.\n");
    }

    /**
     * pipe-lost.trace: the owner exits and CPU 3, where its release would have run, lost 512
     * events next: the leaked va_space is reported, inferred, with where the events were lost.
     */
    @Test
    void leaksOfATraceThatLostEventsSayTheFindingIsInferred() throws IOException {
        CliRun.Result json = new CliRun().run("leaks", DIR + "pipe-lost.trace", "-o", "json");
        assertThat(json.exitCode()).as(json.toString()).isEqualTo(1);
        assertThat(json.out()).contains("\"class\" : \"leaked\"", "\"inferred\" : true", "\"lost\" : [\n          {\n"
            + "            \"input\" : \"" + DIR + "pipe-lost.trace\",\n            \"line\" : 13,\n"
            + "            \"boot\" : \"6f1c2a9e-3b7d-4c5e-9a81-0d4e6f7a8b9c\",\n            \"time\" : 71.5,\n"
            + "            \"cpu\" : 3,\n            \"count\" : 512\n          }\n        ]");
        Golden.assertMatches(json.out(), "expected/leaks/ftrace-pipe-lost.json");
        CliRun.Result table = new CliRun().run("leaks", DIR + "pipe-lost.trace");
        assertThat(table.out()).contains("inferred: events were lost while this existed (512 events on CPU 3 at [71.5], " + DIR
            + "pipe-lost.trace:13)");
    }

    /**
     * The trace merges with the kernel log by time only on the kernel log's clock: 'local' (the default,
     * as 'uvmctl trace start' sets it) or 'global' are; another clock in seconds is said and kept; a
     * counter is no seconds, so its times are left out (the events stay, without a time).
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"local", "global", "boot", "counter"})
    void theTraceClockDecidesWhetherTimesAreTheKernelLogs(String clock) throws IOException {
        String trace = Files.readString(Path.of(TRACE_HELD)).replace(" clock=local ", " clock=" + clock + " ");
        List<Event> events = read(new ByteArrayInputStream(trace.getBytes(StandardCharsets.UTF_8)), "t");
        VaSpaceCreated created = (VaSpaceCreated) events.get(0);
        switch (clock) {
            case "local", "global" -> {
                assertThat(messages()).noneMatch(m -> m.contains("trace clock"));
                assertThat(created.time().monoNanos()).isEqualTo(1_520_301_356_000L);
            }
            case "boot" -> {
                assertThat(messages()).contains("t:1: the trace clock is 'boot', not the kernel log's ('local'): its times may not line "
                    + "up with the kernel log's");
                assertThat(created.time().monoNanos()).isEqualTo(1_520_301_356_000L);
            }
            default -> {
                assertThat(messages()).contains("t:1: the trace clock is 'counter', not the kernel log's ('local'): its times are no "
                    + "seconds and are left out");
                assertThat(created.time().monoNanos()).isEqualTo(EventTime.UNKNOWN);
            }
        }
    }

    /**
     * A probe that was not set misses its events from the first line to the last: without
     * uvm_vas_destroy the va_space of a process that ended looks held or leaked whether or not the
     * driver destroyed it. The finding is inferred, with the header line that says which probe was
     * missing as its place of loss. An HMM probe absent from a driver built without HMM misses
     * nothing (there is no HMM memory), and the same finding stands whole.
     */
    @Test
    void findingsOfATraceWithAProbeNotSetAreInferred(@TempDir Path dir) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(Path.of(TRACE_HELD)));
        lines.add(2, "# uvmctl-trace: missing=uvm_vas_destroy why=\"the kernel refused it (Invalid argument)\" kinds=va_space_destroyed");
        Path missing = Files.write(dir.resolve("missing.trace"), lines);
        lines.set(2, "# uvmctl-trace: missing=uvm_hmm_evict why=\"not in the kernel's symbols\" kinds=");
        Path noHmm = Files.write(dir.resolve("no-hmm.trace"), lines);

        CliRun.Result json = new CliRun().run("leaks", missing.toString(), "-o", "json");
        assertThat(json.exitCode()).as(json.toString()).isEqualTo(1);
        assertThat(json.out()).contains("\"class\" : \"held\"", "\"inferred\" : true", "\"line\" : 3,");
        CliRun.Result table = new CliRun().run("leaks", missing.toString());
        assertThat(table.out()).contains("inferred: events were lost while this existed (uncounted at [1524.02], " + missing + ":3)");
        assertThat(table.err()).contains(missing + ":3: probe uvm_vas_destroy was not installed (the kernel refused it (Invalid argument)): "
            + "the model misses va_space_destroyed it would have given, so findings are inferred");

        CliRun.Result whole = new CliRun().run("leaks", noHmm.toString(), "-o", "json");
        assertThat(whole.exitCode()).as(whole.toString()).isEqualTo(1);
        assertThat(whole.out()).contains("\"class\" : \"held\"", "\"inferred\" : false");

        // No Xid probe: the trace has no Xids, but no finding about memory depends on one.
        lines.set(2, "# uvmctl-trace: missing=uvm_xid why=\"nv_log_error is not in the kernel's symbols\" kinds=xid");
        Path noXid = Files.write(dir.resolve("no-xid.trace"), lines);
        CliRun.Result xid = new CliRun().run("leaks", noXid.toString(), "-o", "json");
        assertThat(xid.exitCode()).as(xid.toString()).isEqualTo(1);
        assertThat(xid.out()).contains("\"class\" : \"held\"", "\"inferred\" : false");
        assertThat(new CliRun().run("leaks", noXid.toString()).err()).contains(noXid + ":3: probe uvm_xid was not installed (nv_log_error is not in the kernel's symbols): "
            + "the model misses xid it would have given\n");
    }

    /**
     * A first line damaged (a copy begun mid-line, a stray byte) does not make the trace a kernel
     * log, which would read none of it: the lines after it decide, the header's comments saying
     * nothing either way; the damaged line is a diagnostic at line 1.
     */
    @Test
    void aTraceWhoseFirstLineIsDamagedIsRecognizedByTheLinesAfterIt() throws IOException {
        for (String name : List.of("oom-worker-holds.trace", "saved-by-hand.trace")) {
            List<String> lines = new ArrayList<>(Files.readAllLines(Path.of(DIR + name)));
            lines.set(0, "x\u0001 garbled");
            String text = String.join("\n", lines) + "\n";
            assertThat(new FtraceEventSource().recognizes(text.substring(0, Math.min(text.length(), 8192)))).as(name).isTrue();
            Path copy = Files.createTempDirectory("uvmctl").resolve(name);
            Files.writeString(copy, text);
            CliRun.Result r = new CliRun().run("events", copy.toString(), "-o", "ndjson");
            assertThat(r.out()).as(r.toString()).contains("\"line\":1,\"message\":\"not a line of ftrace text (no '[CPU]' column)", "\"type\":\"migrated\"");
        }
        String kernelLog = "x\n[ 1520.301337] NVRM: Xid (PCI:0000:3b:00): 79, pid=1, name=x\n"
            + "         python3-7001    [003] .....   300.000100: uvm_vas_create: (uvm_va_space_create+0x0/0x5d0 [nvidia_uvm]) flags=0x0\n"
            + "[ 1520.301338] NVRM: GPU at PCI:0000:3b:00: GPU-5a1b2c3d\n[ 1520.301339] NVRM: GPU Board Serial Number: 0\n";
        assertThat(new FtraceEventSource().recognizes(kernelLog)).as("one trace-like line among a kernel log's").isFalse();
        assertThat(new FtraceEventSource().recognizes("x\n# tracer: nop\n#\n#\n")).as("comments alone").isFalse();
    }

    /**
     * A trace recorded with options/stacktrace has a stack entry and its frames after each event:
     * none is an event or a diagnostic, and the events and the report are those of the same trace
     * without them.
     */
    @Test
    void stackTracesAfterTheEventsChangeNothing() throws IOException {
        String name = "pipe-lost.trace";
        List<String> with = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(DIR + name))) {
            with.add(line);
            int colon = line.indexOf(": uvm_");
            if (colon > 0) {
                with.add(line.substring(0, colon + 1) + " <stack trace>");
                with.add(" => uvm_perf_event_notify+0x5/0x90 [nvidia_uvm]");
                with.add(" => [FTRACE TRAMPOLINE]");
            }
        }
        Path copy = Files.createTempDirectory("uvmctl").resolve(name);
        Files.writeString(copy, String.join("\n", with) + "\n");
        CliRun.Result plain = new CliRun().run("leaks", DIR + name, "-o", "json");
        CliRun.Result stacked = new CliRun().run("leaks", copy.toString(), "-o", "json");
        assertThat(stacked.exitCode()).isEqualTo(plain.exitCode()).isEqualTo(1);
        assertThat(stacked.out().replace(copy.toString(), DIR + name).replaceAll("\"line\" : \\d+", "\"line\" : N"))
            .isEqualTo(plain.out().replaceAll("\"line\" : \\d+", "\"line\" : N"));
        assertThat(stacked.out()).doesNotContain("not a line of ftrace text", "garbled");
    }

    /**
     * The function tracer on beside the probes (a trace saved by hand from the top-level
     * instance): its lines are no events and no per-line diagnostics; one diagnostic at the first
     * says how many were skipped, and the events are those of the trace without them.
     */
    @Test
    void functionTracerLinesAreSkippedAndCountedOnce() throws IOException {
        String name = "pipe-lost.trace";
        List<String> plainLines = Files.readAllLines(Path.of(DIR + name));
        List<String> with = new ArrayList<>();
        int first = -1;
        for (String line : plainLines) {
            with.add(line);
            int colon = line.indexOf(": uvm_");
            if (colon > 0) {
                first = first < 0 ? with.size() + 1 : first;
                with.add(line.substring(0, colon + 1) + " uvm_perf_event_notify <-uvm_va_block_make_resident_finish");
            }
        }
        List<Event> plain = read(new java.io.ByteArrayInputStream((String.join("\n", plainLines) + "\n").getBytes(StandardCharsets.UTF_8)), name);
        List<String> plainMessages = messages();
        diagnostics.clear();
        List<Event> mixed = read(new java.io.ByteArrayInputStream((String.join("\n", with) + "\n").getBytes(StandardCharsets.UTF_8)), name);
        assertThat(mixed).extracting(Event::kind).isEqualTo(plain.stream().map(Event::kind).toList());
        long calls = with.size() - plainLines.size();
        assertThat(calls).isGreaterThan(5);
        assertThat(messages()).hasSize(plainMessages.size() + 1).contains(name + ":" + first + ": " + calls + " lines of the function tracer "
            + "('func <-parent', the first here) skipped: a call without its arguments names no va_space, range or block; uvmctl reads the "
            + "events of its probes (uvmctl trace print-probes)");
    }

    /**
     * A trace file read after overruns: CPU 11's lines begin only after the va_space was created
     * on CPU 3 (its older ones overwritten, whatever they did to it), so the leak is inferred; the
     * header's count, lost before the va_space's creation was seen, is not one of its gaps.
     */
    @Test
    void aVaSpaceCreatedBeforeACpusBufferStartedIsInferred() throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(Path.of(DIR + "pipe-lost.trace")));
        lines.removeIf(l -> l.startsWith("CPU:"));
        lines.add(7, "##### CPU 11 buffer started ####");
        lines.add(0, "# entries-in-buffer/entries-written: 12/612   #P:16");
        Path copy = Files.createTempDirectory("uvmctl").resolve("overrun.trace");
        Files.writeString(copy, String.join("\n", lines) + "\n");
        CliRun.Result r = new CliRun().run("leaks", copy.toString(), "-o", "json");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).contains("\"class\" : \"leaked\"", "\"inferred\" : true", "\"line\" : 9,\n            \"boot\" : "
            + "\"6f1c2a9e-3b7d-4c5e-9a81-0d4e6f7a8b9c\",\n            \"time\" : 70.2,\n            \"cpu\" : 11,\n            \"count\" : null")
            .doesNotContain("\"count\" : 600");
    }

    /**
     * Newer kernels print {@code group_dead=true|false} on sched_process_exit (include/trace/events/sched.h):
     * it decides when the process ends, whichever thread exits last; it was read as a number, so
     * every exit line of such a kernel was left out. Without the field, the leader's exit ends it.
     */
    @Test
    void aProcessEndsWhenItsThreadGroupDoes() throws IOException {
        String head = String.join("\n", Files.readAllLines(Path.of(DIR + "pipe-lost.trace")).subList(0, 11)) + "\n";
        String leader = "          python-7300    (   7300) [003] .....    71.000000: sched_process_exit: comm=python pid=7300 prio=120";
        String thread = "  cuda-EvtHandlr-7301    (   7300) [005] .....    71.000000: sched_process_exit: comm=cuda-EvtHandlr pid=7301 prio=120";
        for (String[] c : List.of(
            new String[] {leader, "exits"},
            new String[] {leader + " group_dead=true", "exits"},
            new String[] {leader + " group_dead=false", "lives", "its other threads still run"},
            new String[] {thread + " group_dead=true", "exits", "the last thread was not the leader"},
            new String[] {thread, "lives"},
            new String[] {leader + " group_dead=maybe", "exits"})) {
            diagnostics.clear();
            List<Event> events = read(new ByteArrayInputStream((head + c[0] + "\n").getBytes(StandardCharsets.UTF_8)), "t");
            List<ProcessExited> ended = events.stream().filter(e -> e instanceof ProcessExited).map(e -> (ProcessExited) e).toList();
            assertThat(ended).as(c[0]).extracting(ProcessExited::pid).isEqualTo(c[1].equals("exits") ? List.of(7300) : List.of());
            // The process's command is its leader's; a worker thread's name is none (an end naming another command is another process).
            if (!ended.isEmpty()) {
                assertThat(ended.get(0).comm()).as(c[0]).isEqualTo(c[0].startsWith(thread) ? null : "python");
            }
        }
        assertThat(messages()).containsExactly("t:12: sched_process_exit: group_dead=maybe is neither true nor false: taken as true, "
            + "as the thread is its process's leader");
    }

    /**
     * A pid missing from the kernel's table of names prints as {@code <...>} (kernel/trace/trace.c:
     * trace_find_cmdline; saved_cmdlines keeps 128 by default): that is no command, so the events
     * name none (a later name, from a snapshot or the exit, is taken), and the model never reads a
     * change of command, and so a new process on the same pid, into it.
     */
    @Test
    void aTaskTheKernelCouldNotNameNamesNoCommand() throws IOException {
        String trace = Files.readString(Path.of(DIR + "saved-by-hand.trace")).replace("python3-7001   ", "<...>-7001     ");
        assertThat(trace).contains("<...>-7001      [003] .....   300.000119: uvm_vas_create_r:");
        List<Event> events = read(new ByteArrayInputStream(trace.getBytes(StandardCharsets.UTF_8)), "t");
        VaSpaceCreated created = events.stream().filter(e -> e instanceof VaSpaceCreated).map(e -> (VaSpaceCreated) e).findFirst().orElseThrow();
        assertThat(created.pid()).isEqualTo(7001);
        assertThat(created.comm()).isNull();
        List<Event> named = events("saved-by-hand.trace");
        assertThat(named.stream().filter(e -> e instanceof VaSpaceCreated).map(e -> ((VaSpaceCreated) e).comm())).containsExactly("python3");
        assertThat(events).hasSameSizeAs(named);
    }

    /**
     * A trace line names its thread; the process's command is its leader's. A va_space created from
     * another thread (cuInit on a worker) names no command, so that the leader's exit, naming the
     * program, is not read as the end of another process that took the pid.
     */
    @Test
    void aVaSpaceCreatedByAWorkerThreadNamesNoCommandOfItsProcess() throws IOException {
        List<String> lines = Files.readAllLines(Path.of(DIR + "pipe-lost.trace")).subList(0, 12);
        String head = String.join("\n", lines.subList(0, 2)) + "\n";
        String worker = String.join("\n", lines.subList(2, 5)).replace("          python-7300    (   7300)", "  cuda-EvtHandlr-7304    (   7300)");
        List<Event> events = read(new ByteArrayInputStream((head + worker + "\n" + lines.get(11) + "\n").getBytes(StandardCharsets.UTF_8)), "t");
        assertThat(events).hasSize(2);
        VaSpaceCreated created = (VaSpaceCreated) events.get(0);
        assertThat(created.pid()).isEqualTo(7300);
        assertThat(created.comm()).isNull();
        assertThat(((ProcessExited) events.get(1)).comm()).isEqualTo("python");
    }

    /** A trace file of nothing but its header's overruns holds no events: nothing to judge (exit 3), never "no findings". */
    @Test
    void aTraceOfLossesAloneIsNothingToJudge() throws IOException {
        Path copy = Files.createTempDirectory("uvmctl").resolve("lost.trace");
        Files.writeString(copy, "# tracer: nop\n#\n# entries-in-buffer/entries-written: 0/300   #P:16\n#\n");
        CliRun.Result r = new CliRun().run("leaks", copy.toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
        assertThat(r.out()).contains("the inputs hold no events");
        assertThat(r.err()).contains("300 events lost (overwritten before the trace was read: 300)");
    }

    /**
     * A trace that gave no event says what it held instead (EventReader.heldInstead), for the answer that there is nothing to judge:
     * a live run's header and end mark alone (the driver did nothing the probes see while it ran), or another tool's events (the
     * first names by count, the rest together). One event anywhere, and it says nothing.
     */
    @Test
    void aTraceThatGaveNoEventSaysWhatItHeld() throws IOException {
        String header = "# uvmctl-trace: version=1 release=580.95.05 arch=x86_64 clock=local boot=6f1c2a9e-3b7d-4c5e-9a81-0d4e6f7a8b9c "
            + "layout=580.65.06.. instance=uvmctl started=2026-11-27T11:00:00Z destroy_returns=1\n";
        String mark = "          uvmctl-7000    (   7000) [001] ..... 10300.000500: tracing_mark_write: uvmctl: end of the run\n";
        assertThat(heldInstead(header + mark)).isEqualTo("uvmctl's trace header and 1 line written into trace_marker, and no line of a "
            + "probe: the probes saw nothing while it was recorded");
        assertThat(heldInstead(header)).isEqualTo("uvmctl's trace header, and no line of a probe: the probes saw nothing while it was "
            + "recorded");
        StringBuilder others = new StringBuilder(mark);
        for (String name : new String[] {"sched_switch", "sched_switch", "a1", "a2", "a3", "a4", "a5", "a6", "a7"}) {
            others.append("            bash-1234    (   1234) [001] ..... 100.000100: ").append(name).append(": x=1\n");
        }
        assertThat(heldInstead(others.toString())).isEqualTo("9 event lines (sched_switch 2, a1 1, a2 1, a3 1, a4 1, a5 1, other 2) and "
            + "none the model replays ('uvmctl trace print-probes' lists the probes it reads)");
        // Begun mid-run: migrations of a va_space whose creation the trace did not show are uvmctl's lines that gave nothing.
        String migration = "     UVM GPU1 BH-1101    (   1101) [014] ..... 1000.011906: uvm_migrate: (uvm_perf_event_notify+0x0/0x90 "
            + "[nvidia_uvm]) pev=0xffff8f0105616c58 ev=7 block=0xffff9a9d9802fb00 dst=1 src=0 dst_nid=-1 src_nid=-1 addr=0x7f0036800000 "
            + "bytes=2097152 mode=1 cause=0\n";
        String other = "            bash-1234    (   1234) [001] ..... 1000.000100: sched_switch: x=1\n";
        assertThat(heldInstead(header + migration + other + migration)).isEqualTo("3 event lines (uvm_migrate 2, sched_switch 1), 1 of "
            + "them other tools' events and none of uvmctl's probes' lines an event the model could place (the diagnostics say why)");
        assertThat(heldInstead(header + migration)).isEqualTo("1 event line (uvm_migrate 1), none of uvmctl's probes' lines an event "
            + "the model could place (the diagnostics say why)");
        assertThat(heldInstead(header + mark + Files.readString(Path.of(DIR + "oom-worker-holds.trace")).lines()
            .filter(l -> !l.startsWith("#")).reduce("", (a, b) -> a + b + "\n"))).as("events came").isNull();
        assertThat(heldInstead("")).as("nothing at all").isNull();
    }

    /**
     * A trace begun mid-run: migrations of two va_spaces made before it began, before any line gave the offset of a va_space's
     * perf events (pev = &va_space->perf_events), are left out; once a uvm_vas_init line of the same build has given it, the
     * destroy of one of them in the trace is matched, and only the other is in use with no event and no holder the trace can
     * name. Without a line that gives the offset, a destroy cannot be matched: both are named by their perf-events pointer.
     */
    @Test
    void aTraceBegunMidRunNamesTheVaSpacesItSawInUseAndNeverSawMadeOrDestroyed() throws IOException {
        assertThat(unseen(HEADER + FIRST + SECOND + DESTROY_FIRST + INIT)).isEqualTo("the trace shows 1 va_space in use "
            + "(0xffff8f0104200000) that was made before it began and not destroyed in it: none of its lines says which process holds "
            + "it, so whether that memory should have been released is not judged; a snapshot taken while the trace ran (a system "
            + "root, 'uvmctl capture', 'uvmctl leaks --trace /') names the holders");
        assertThat(unseen(HEADER + FIRST + SECOND + DESTROY_FIRST)).startsWith("the trace shows 2 va_spaces in use (pev "
            + "0xffff8f0105616c58, pev 0xffff8f0104216c58) that were made before it began");
        // For the verdict: when it began, as its first line says (a trace that gave no event has no place in replay).
        assertThat(readToTheEnd(HEADER + FIRST + SECOND).began())
            .isEqualTo(new EventTime("6f1c2a9e-3b7d-4c5e-9a81-0d4e6f7a8b9c", 100_000_100_000L, EventTime.UNKNOWN));
        // Two builds' offsets in one trace: none is trusted, even when the first comes again.
        String other = INIT.replace("0xffff8f0200000000", "0xffff8f0300000000").replace("0xffff8f0200016c58", "0xffff8f0300016c60");
        assertThat(unseen(HEADER + FIRST + SECOND + DESTROY_FIRST + INIT + other + INIT)).contains("2 va_spaces");
        assertThat(unseen(HEADER + INIT + DESTROY_FIRST)).as("nothing in use that was made before").isNull();
    }

    /**
     * Once the offset is known, a va_space made before the trace is named by its migrations' pointer less it, and they are given
     * as events (the model takes it to exist; no holder is known), the destroy ends it, and its pointer's events after that are
     * no va_space's. A uvm_range_ev line gives the offset too.
     */
    @Test
    void aVaSpaceMadeBeforeTheTraceIsNamedByItsPerfEventsLessTheOffsetOnceALineGaveIt() throws IOException {
        String text = HEADER + INIT + FIRST + DESTROY_FIRST + FIRST.replace("100.000100", "100.000400");
        List<Event> events = read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "t");
        assertThat(events).extracting(e -> e.kind() + " " + (e instanceof Migrated m ? m.vaSpace() : e instanceof VaSpaceDestroyed d
            ? d.vaSpace() : "")).containsExactly("migrated 0xffff8f0105600000", "va_space_destroyed 0xffff8f0105600000");
        assertThat(messages()).contains("t: 1 va_space the trace did not see made (created before it began) is named by the "
            + "perf-events pointer of its migrations less 0x16c58, the offset of a va_space's perf_events that its uvm_vas_init or "
            + "uvm_range_ev lines showed (uvm_va_space_create passes &va_space->perf_events, uvm_va_space.c): the ranges they migrate "
            + "were made before the trace began, so their bytes are not counted");
        assertThat(unseen(text)).isNull();
        assertThat(unseen(HEADER + FIRST + INIT + FIRST.replace("100.000100", "100.000400"))).as("left out, then given: the model's")
            .isNull();
        String rangeEv = "           bench-5000    (   5000) [003] .....   100.000050: uvm_range_ev: (uvm_perf_event_notify+0x0/0x90 "
            + "[nvidia_uvm]) pev=0xffff8f0200016c58 ev=3 vas=0xffff8f0200000000 start=0x7f0000000000 end=0x7f0001ffffff\n";
        assertThat(read(new ByteArrayInputStream((HEADER + rangeEv + SECOND).getBytes(StandardCharsets.UTF_8)), "t"))
            .filteredOn(e -> e instanceof Migrated).extracting(e -> ((Migrated) e).vaSpace()).containsExactly("0xffff8f0104200000");
    }

    private static final String HEADER = "# uvmctl-trace: version=1 release=580.95.05 arch=x86_64 clock=local "
        + "boot=6f1c2a9e-3b7d-4c5e-9a81-0d4e6f7a8b9c layout=580.65.06.. instance=uvmctl started=2026-11-27T11:00:00Z\n";
    private static final String INIT = "           bench-5000    (   5000) [003] .....   100.000004: uvm_vas_init: "
        + "(uvm_perf_init_va_space_events+0x0/0x130 [nvidia_uvm]) vas=0xffff8f0200000000 pev=0xffff8f0200016c58\n";
    private static final String FIRST = migration("100.000100", "0xffff8f0105616c58");
    private static final String SECOND = migration("100.000200", "0xffff8f0104216c58");
    private static final String DESTROY_FIRST = "           train-4100    (   4100) [002] .....   100.000300: uvm_vas_destroy: "
        + "(uvm_va_space_destroy+0x0/0x6a0 [nvidia_uvm]) vas=0xffff8f0105600000\n";

    private static String migration(String time, String pev) {
        return "     UVM GPU1 BH-1101    (   1101) [014] ..... " + time + ": uvm_migrate: (uvm_perf_event_notify+0x0/0x90 [nvidia_uvm]) pev="
            + pev + " ev=7 block=0xffff9a9d9802fb00 dst=1 src=0 dst_nid=-1 src_nid=-1 addr=0x7f0036800000 bytes=2097152 mode=1 cause=0\n";
    }

    private String unseen(String text) throws IOException {
        return readToTheEnd(text).unseenHolders();
    }

    private EventReader readToTheEnd(String text) throws IOException {
        try (EventReader r = new FtraceEventSource((probe, why) -> { }).open(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
            "t", d -> { })) {
            while (r.next() != null) {
                // read to the end, where what it showed without holders is known
            }
            return r;
        }
    }

    private String heldInstead(String text) throws IOException {
        try (EventReader r = new FtraceEventSource((probe, why) -> { }).open(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
            "t", d -> { })) {
            while (r.next() != null) {
                // read to the end, where what it held is known
            }
            return r.heldInstead();
        }
    }

    @Test
    void eventsTracePipeCountedAsLostAreSummedPerCpu() throws IOException {
        String lost = String.join("\n", Files.readAllLines(Path.of(DIR + "pipe-lost.trace"))) + "\nCPU:3 [LOST 8 EVENTS]\nCPU:5 [LOST 1 EVENTS]\n";
        read(new ByteArrayInputStream(lost.getBytes(StandardCharsets.UTF_8)), "t");
        assertThat(messages()).contains("t:13: CPU 3 lost 512 events here (its ring buffer was full): creations, migrations, evictions "
            + "and destroys on that CPU are missing, so what follows of them is inferred from an incomplete history (raise the "
            + "instance's buffer_size_kb)", "t: 521 events lost (CPU 3: 520, CPU 5: 1): va_space and range creations and destroys, "
            + "migrations and evictions may be missing; findings that depend on them are inferred from an incomplete history");
    }

    /**
     * A {@code trace} file whose header was cut off: the kernel's {@code ##### CPU N buffer
     * started ####} lines, printed only after overruns (test_cpu_buff_start), are then the only
     * sign that events were overwritten; said once, however many CPUs they mark, and uncounted.
     */
    @Test
    void bufferStartedLinesWithoutTheHeaderSayEventsWereOverwrittenOnce() throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(Path.of(DIR + "saved-by-hand.trace")));
        lines.subList(0, 12).clear();
        read(new ByteArrayInputStream((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8)), "t");
        assertThat(messages()).filteredOn(m -> m.contains("buffer started")).containsExactly("t:4: the ring buffer overwrote events "
            + "before this trace was read (the kernel marks each CPU's first line with '##### CPU N buffer started ####' only then; "
            + "how many, the file's header would have said): each full CPU kept only its newest events, so what follows of the "
            + "va_spaces and ranges before them is inferred from an incomplete history");
        assertThat(messages()).contains("t: events lost (CPU 9: uncounted, overwritten before the trace was read: uncounted): va_space "
            + "and range creations and destroys, migrations and evictions may be missing; findings that depend on them are inferred "
            + "from an incomplete history");
    }

    @Test
    void aReusedPidIsANewProcessThatInheritsOnlyItsOwnVaSpace() throws IOException {
        List<Event> events = events("pid-reuse.trace");
        assertThat(fds(events)).containsExactly("5002 forked 5000");
        // The kernel's order: sched_process_exit in do_exit before exit_files, whose last close of the va_space fd
        // destroys it (uvm_release -> uvm_va_space_destroy), which then destroys its ranges.
        assertThat(events).extracting(Event::kind).containsSubsequence(EventKind.process_exited, EventKind.va_space_destroyed,
            EventKind.range_destroyed, EventKind.va_space_created, EventKind.process_forked);
        assertThat(messages()).isEmpty();
        // The model gives the child what the pid's second process holds, not the first's destroyed va_space.
        CliRun.Result json = new CliRun().run("leaks", DIR + "pid-reuse.trace", "--all", "-o", "json");
        assertThat(json.out()).contains("\"va_space\" : \"0xffff8f0300000000\"").doesNotContain("\"va_space\" : \"0xffff8f0200000000\"")
            .contains("\"pid\" : 5002,\n          \"comm\" : \"bench2\"");
    }

    /**
     * top-level-file.trace: {@code cat /sys/kernel/tracing/trace} of probes set up by hand under a
     * group of their own (the top-level buffer: the header's comments, no TGID column, probes
     * uvmctl does not read such as {@code uvm_api_migrate}, {@code uvm_xid} with {@code xid=} alone,
     * {@code <idle>-0} as a task), with a process's end in the driver's order: the va_space's
     * destroy, then its range's, which {@code uvm_va_space_destroy} makes after its own entry.
     * That is one teardown: no finding, and nothing said of a range outliving its va_space.
     */
    @Test
    void aTopLevelTraceFileReadsAndAVaSpacesEndInTheDriversOrderIsOneTeardown() throws IOException {
        List<Event> events = events("top-level-file.trace");
        assertThat(events).extracting(Event::kind).containsExactly(EventKind.va_space_created, EventKind.range_created,
            EventKind.migrated, EventKind.migrated, EventKind.migrated, EventKind.migrated, EventKind.va_space_destroyed,
            EventKind.range_destroyed);
        assertThat(messages()).hasSize(3).anyMatch(m -> m.contains("the trace has no TGID column"))
            .anyMatch(m -> m.contains("uvm_xid names no GPU")).anyMatch(m -> m.contains("UVM GPU id(s) [1] have no PCI id"));
        CliRun.Result r = new CliRun().run("leaks", DIR + "top-level-file.trace", "-o", "json");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("\"events\" : 8,").doesNotContain("already destroyed").doesNotContain("not destroyed");
    }

    /**
     * teardown-hangs.trace (a uvmctl recording with uvm_va_space_destroy's return probe set): 6100
     * exits at 10100 s and its thread enters uvm_va_space_destroy, which never returns; 6200's
     * destroy at 10240 s returns 51 ms later, and the trace ends. 140 s without a return is more
     * than the kernel's hung-task timeout: the thread is blocked in the teardown.
     */
    @Test
    void aVaSpaceDestroyThatNeverReturnedIn120SecondsIsATaskBlockedInTheTeardown() throws IOException {
        List<Event> events = events("teardown-hangs.trace");
        List<TaskBlocked> blocked = events.stream().filter(e -> e instanceof TaskBlocked).map(e -> (TaskBlocked) e).toList();
        assertThat(blocked).hasSize(1);
        TaskBlocked b = blocked.get(0);
        assertThat(b.pid()).isEqualTo(6100);
        assertThat(b.tgid()).isEqualTo(6100);
        assertThat(b.comm()).isEqualTo("python");
        assertThat(b.reason()).isEqualTo(BlockReason.traced);
        assertThat(b.frames()).containsExactly("uvm_va_space_destroy [nvidia_uvm]");
        assertThat(b.vaSpace()).isEqualTo("0xffff9a2b41c00000");
        assertThat(b.source().line()).as("the entry's line, which names the va_space").isEqualTo(16);
        assertThat(b.time().monoNanos()).as("the trace's end").isEqualTo(10_240_051_000_000L);
        assertThat(events).extracting(Event::kind).as("each va_space destroyed at its entry, as before")
            .filteredOn(k -> k == EventKind.va_space_destroyed).hasSize(2);
        assertThat(messages()).isEmpty();
        CliRun.Result r = new CliRun().run("leaks", DIR + "teardown-hangs.trace", "-o", "json");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).contains("\"class\" : \"stuck\"", "6100 (python) exited but has not finished exiting",
            "\"since\" : 10100.0002", "\"va_space\" : \"0xffff9a2b41c00000\"");
    }

    /** The return probe's location and end of line, as the kernel prints a return of uvm_va_space_destroy. */
    private static final String DESTROY_RETURNED = "(uvm_release_va_space+0x5a/0x110 [nvidia_uvm] <- uvm_va_space_destroy [nvidia_uvm])\n";

    private static String teardownHangs() throws IOException {
        return Files.readString(Path.of(DIR + "teardown-hangs.trace"));
    }

    /** {@code text} without the lines {@code drop} matches. */
    private static String without(String text, java.util.function.Predicate<String> drop) {
        return text.lines().filter(drop.negate()).reduce("", (a, l) -> a + l + "\n");
    }

    /** The events of ftrace text {@code text}, read as input {@code name}. */
    private List<Event> read(String text, String name) throws IOException {
        return read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), name);
    }

    /** The trace before uvmctl set uvm_va_space_destroy's return probe: no header key and no return line, so no entry says anything. */
    @Test
    void withoutTheReturnProbeADestroysEntryAloneSaysNothingMore() throws IOException {
        String text = without(teardownHangs().replace(" destroy_returns=1", ""), l -> l.contains("uvm_vas_destroy_r:"));
        List<Event> events = read(text, "old.trace");
        assertThat(events).noneMatch(e -> e instanceof TaskBlocked);
        assertThat(messages()).isEmpty();
    }

    /** The header's destroy_returns=1 says the probe is set though no return came at all: both entries are judged. */
    @Test
    void theHeaderSaysTheReturnProbeIsSetWhenNoReturnCame() throws IOException {
        String text = without(teardownHangs(), l -> l.contains("uvm_vas_destroy_r:"));
        List<Event> events = read(text, "no-return.trace");
        assertThat(events).filteredOn(e -> e instanceof TaskBlocked).extracting(e -> ((TaskBlocked) e).pid()).containsExactly(6100);
        assertThat(messages()).singleElement().asString().startsWith("no-return.trace:19: uvm_va_space_destroy of va_space 0xffff9a2b62800000 "
            + "on thread 6200 had not returned when the trace ended, 0.000 s after it began: a teardown still running");
    }

    /** Set up by hand (no header): the first return seen shows the probe is set, and the entry without one is judged. */
    @Test
    void aReturnLineShowsTheProbeIsSetWithoutTheHeader() throws IOException {
        String text = without(teardownHangs(), l -> l.startsWith("#"));
        List<Event> events = read(text, "by-hand.trace");
        assertThat(events).filteredOn(e -> e instanceof TaskBlocked).extracting(e -> ((TaskBlocked) e).pid()).containsExactly(6100);
    }

    /** A destroy that began 119.9 s before the trace's end may still be running: said, not judged. */
    @Test
    void aDestroyYoungerThanTheHungTaskTimeoutAtTheEndIsSaidNotJudged() throws IOException {
        String text = teardownHangs().replace("10240.051000:", "10220.000399:");
        List<Event> events = read(text, "young.trace");
        assertThat(events).noneMatch(e -> e instanceof TaskBlocked);
        assertThat(messages()).containsExactly("young.trace:16: uvm_va_space_destroy of va_space 0xffff9a2b41c00000 on thread 6100 had "
            + "not returned when the trace ended, 119.999 s after it began: a teardown still running, or one that hangs; too soon to tell "
            + "(the kernel warns of a task blocked for 120 s)");
        String exactly = teardownHangs().replace("10240.051000:", "10220.000400:");
        diagnostics.clear();
        assertThat(read(exactly, "at.trace"))
            .as("120 s to the nanosecond is the timeout").anyMatch(e -> e instanceof TaskBlocked);
    }

    /** Events lost after the entry may include its return: said, not judged. */
    @Test
    void aDestroyWhoseReturnMayHaveBeenLostIsSaidNotJudged() throws IOException {
        String text = teardownHangs().replace(
            "          python-6200    (   6200) [004] ..... 10240.000200", "CPU:2 [LOST 3 EVENTS]\n          python-6200    (   6200) [004] ..... 10240.000200");
        List<Event> events = read(text, "lost.trace");
        assertThat(events).noneMatch(e -> e instanceof TaskBlocked);
        assertThat(messages()).anyMatch(m -> m.startsWith("lost.trace:16: uvm_va_space_destroy of va_space 0xffff9a2b41c00000 on thread 6100 "
            + "had not returned when the trace ended, 140.050 s after it began: events were lost since, and its return may be among them"));
    }

    /** The return on the entry's thread ends the wait; a return on another thread does not. */
    @Test
    void aReturnEndsOnlyItsOwnThreadsDestroy() throws IOException {
        String text = teardownHangs();
        String returned = text + "          python-6100    (   6100) [002] ..... 10240.060000: uvm_vas_destroy_r: " + DESTROY_RETURNED;
        assertThat(read(returned, "returned.trace")).noneMatch(e -> e instanceof TaskBlocked);
        String elsewhere = text + "          python-6101    (   6100) [002] ..... 10240.060000: uvm_vas_destroy_r: " + DESTROY_RETURNED;
        assertThat(read(elsewhere, "elsewhere.trace")).anyMatch(e -> e instanceof TaskBlocked);
    }

    /**
     * What a live view is told of the teardowns that hang, call by call, as {@code text} is read to its end: each call as the
     * number of events read before it, then each teardown.
     */
    private static List<String> hangingAsRead(String text) throws IOException {
        List<String> told = new ArrayList<>();
        int[] read = {0};
        FtraceEventSource.Listener listener = new FtraceEventSource.Listener() {
            @Override
            public void rejected(String probe, String why) {
            }

            @Override
            public void hanging(List<FtraceEventSource.HangingTeardown> teardowns) {
                told.add(read[0] + ":" + teardowns.stream().map(t -> " " + t.tid() + "/" + t.process() + " " + t.comm() + " " + t.vaSpace()
                    + " " + (t.latestNanos() - t.enteredNanos())).reduce("", String::concat));
            }
        };
        try (EventReader r = new FtraceEventSource(listener).open(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "live",
                d -> { })) {
            while (r.next() != null) {
                read[0]++;
            }
        }
        return told;
    }

    /**
     * A live view is told a teardown hangs by the first line 120 s or more after its entry (the end's rule, as of that line), and
     * told again when that changes: its return, a loss, a missed return, or the end of the input, which judges it.
     */
    @Test
    void aLiveViewIsToldOfATeardownAsItHangsAndWhenItNoLongerDoes() throws IOException {
        // The trace's 8 events before 6200's exit at 10240.0002 s, the first line past the timeout; 10 in all, and the end judges.
        String hangs = " 6100/6100 python 0xffff9a2b41c00000 139999800000";
        assertThat(hangingAsRead(teardownHangs())).containsExactly("8:" + hangs, "10:");
        // 6100's return right after that line: told at once, before 6200's destroy is read.
        String between = "          python-6200    (   6200) [004] ..... 10240.000300";
        String returned = teardownHangs().replace(between, "          python-6100    (   6100) [002] ..... 10240.000250: uvm_vas_destroy_r: "
            + DESTROY_RETURNED + between);
        assertThat(hangingAsRead(returned)).containsExactly("8:" + hangs, "9:");
        String lost = teardownHangs().replace(between, "CPU:2 [LOST 3 EVENTS]\n" + between);
        assertThat(hangingAsRead(lost)).containsExactly("8:" + hangs, "9:");
        String missed = teardownHangs().replace(between, missedMark("uvm_vas_destroy_r=1").replace("10240.052000", "10240.000250") + between);
        assertThat(hangingAsRead(missed)).containsExactly("8:" + hangs, "9:");
        String young = teardownHangs().replace("10240.", "10219.");
        assertThat(hangingAsRead(young)).as("119.9 s at the last line: never told").isEmpty();
        String noReturns = without(teardownHangs().replace(" destroy_returns=1", ""), l -> l.contains("uvm_vas_destroy_r:"));
        assertThat(hangingAsRead(noReturns)).as("no return probe: nothing to tell").isEmpty();
    }

    /** A live run's line of its probes' misses, as the kernel prints what LiveTrace writes into trace_marker before the end mark. */
    private static String missedMark(String pairs) {
        return "          uvmctl-7000    (   7000) [001] ..... 10240.052000: tracing_mark_write: " + ProbeProfile.MISSED_MARK + " " + pairs + "\n";
    }

    /**
     * The kernel missed two returns of uvm_va_space_destroy during the run (kprobe_profile): 6100's may be one of them, so its
     * teardown is not judged; the misses are a loss, counted, at the mark, and said once.
     */
    @Test
    void missedReturnsOfTheDestroyLeaveATeardownWithoutItsReturnUnjudged(@TempDir Path dir) throws IOException {
        String text = teardownHangs() + missedMark("uvm_vas_destroy_r=2");
        List<Event> events = read(text, "missed.trace");
        assertThat(events).noneMatch(e -> e instanceof TaskBlocked);
        List<EventsLost> lost = events.stream().filter(e -> e instanceof EventsLost).map(e -> (EventsLost) e).toList();
        assertThat(lost).singleElement().satisfies(e -> {
            assertThat(e.count()).isEqualTo(2L);
            assertThat(e.cpu()).isNull();
            assertThat(e.source().line()).isEqualTo(21);
            assertThat(e.time().monoNanos()).isEqualTo(10_240_052_000_000L);
        });
        assertThat(messages()).containsExactly(
            "missed.trace:21: the kernel missed 2 hits of uvmctl's probes during the run (kprobe_profile: uvm_vas_destroy_r 2): what "
                + "they would have reported is missing, and the trace has no loss marker for it, so findings are inferred from an "
                + "incomplete history; a teardown without its return is not judged, since the missed returns of uvm_va_space_destroy "
                + "may be its (another probe's handler was running on that CPU, or a return probe ran out of instances: raise its maxactive)",
            "missed.trace:16: uvm_va_space_destroy of va_space 0xffff9a2b41c00000 on thread 6100 had not returned when the trace ended, "
                + "140.051 s after it began: the kernel missed 2 returns of uvm_va_space_destroy during the run (kprobe_profile), and "
                + "this may be one of them: not judged");
        CliRun.Result r = new CliRun().run("leaks", Files.writeString(dir.resolve("missed.trace"), text).toString(), "-o", "json");
        assertThat(r.out()).as(r.toString()).doesNotContain("\"class\" : \"stuck\"");
    }

    /**
     * Misses of other probes are losses, counted, but none of them is a return of the destroy: the teardown is still judged, and its
     * finding is not inferred.
     */
    @Test
    void missedHitsOfOtherProbesAreALossThatLeavesTheTeardownJudged(@TempDir Path dir) throws IOException {
        String text = teardownHangs() + missedMark("uvm_migrate=5 uvm_evict_r=1");
        List<Event> events = read(text, "others.trace");
        assertThat(events).filteredOn(e -> e instanceof TaskBlocked).extracting(e -> ((TaskBlocked) e).pid()).containsExactly(6100);
        assertThat(events).filteredOn(e -> e instanceof EventsLost).extracting(e -> ((EventsLost) e).count()).containsExactly(6L);
        assertThat(messages()).singleElement().asString().startsWith("others.trace:21: the kernel missed 6 hits of uvmctl's probes "
            + "during the run (kprobe_profile: uvm_migrate 5, uvm_evict_r 1): what they would have reported is missing")
            .doesNotContain("teardown");
        CliRun.Result r = new CliRun().run("leaks", Files.writeString(dir.resolve("others.trace"), text).toString(), "-o", "json");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        // The teardown's finding stands on its entry and the return probe's silence, which no miss of another probe weakens.
        assertThat(r.out()).contains("\"class\" : \"stuck\"", "\"inferred\" : false", "\"counted\" : 6,");
    }

    /** A user's own note in trace_marker, or a mark of uvmctl's with nothing counted, is no loss. */
    @Test
    void otherMarksAreNoLoss() throws IOException {
        String text = teardownHangs() + "          bash-7100    (   7100) [001] ..... 10240.052000: tracing_mark_write: uvm_migrate=5 before the job\n"
            + missedMark("").stripTrailing() + "\n";
        List<Event> events = read(text, "notes.trace");
        assertThat(events).noneMatch(e -> e instanceof EventsLost);
        assertThat(events).anyMatch(e -> e instanceof TaskBlocked);
        assertThat(messages()).isEmpty();
    }

    @Test
    void valuesAtTheWrongOffsetsNeverReachTheModel() throws IOException {
        List<Event> events = events("wrong-layout.trace");
        // A probe left out is as blind as one not set: its events are missing from the history, so
        // findings are inferred and "no findings" says what was not judged.
        assertThat(events).extracting(Event::kind).containsExactly(EventKind.va_space_created, EventKind.range_created,
            EventKind.range_destroyed, EventKind.events_lost);
        EventsLost blind = (EventsLost) events.get(3);
        assertThat(blind.count()).isNull();
        assertThat(blind.source().line()).isEqualTo(8);
        assertThat(rejected).containsExactly("uvm_migrate");
        assertThat(messages()).hasSize(1);
        assertThat(messages().get(0)).startsWith("wrong-layout.trace:8: uvm_migrate: values at the probe's offsets fail the layout "
            + "checks (addr=0x7f1000000000 bytes=2097152 mode=1 cause=2445093880 dst=1 src=0)");
    }

    @Test
    void withTheReleaseUnknownTheLayoutIsTrustedOnlyOnceAnEvictionShowedCauseFour() throws IOException {
        List<Event> events = events("unknown-release.trace");
        assertThat(rejected).containsExactly("uvm_migrate_r1");
        List<Migrated> migrated = events.stream().filter(e -> e instanceof Migrated).map(e -> (Migrated) e).toList();
        assertThat(migrated).extracting(Migrated::cause).as("unknown before the eviction, read from +56 after")
            .containsExactly(null, null, "user");
        assertThat(migrated).extracting(Migrated::bytes).containsOnly(2L << 20);
        Evicted evicted = events.stream().filter(e -> e instanceof Evicted).map(e -> (Evicted) e).findFirst().orElseThrow();
        assertThat(evicted.status()).isEqualTo(EvictStatus.ok);
        assertThat(evicted.bytes()).isEqualTo(2L << 20);
        assertThat(messages()).anyMatch(m -> m.contains("the migration layout is the 580.65.06 and later one"));
        assertThat(events).as("one of the two layouts is meant to fail: nothing is missing").noneMatch(e -> e instanceof EventsLost);
    }

    /**
     * uvm_xid defined by hand without the GPU's PCI address (xid= and fmt= alone, as a probe written
     * from nv_log_error's signature would be): its Xids name no GPU, so they are left out, said once
     * at the first and counted at the end, not one diagnostic per line of an Xid storm.
     */
    @Test
    void anXidProbeDefinedWithoutThePciAddressIsSaidOnceAndCounted() throws IOException {
        String trace = Files.readString(Path.of(DIR + "xids-beside-journal.trace")).replaceAll("domain=\\d+ bus=\\d+ slot=\\d+ ", "");
        assertThat(trace).contains("uvm_xid: (nv_log_error+0x0/0x120 [nvidia]) xid=31 fmt=").doesNotContain("domain=");
        long lines = trace.lines().filter(x -> x.contains(" uvm_xid: ")).count();
        assertThat(lines).isGreaterThan(2);
        List<Event> events = read(new ByteArrayInputStream(trace.getBytes(StandardCharsets.UTF_8)), "t");
        assertThat(events).noneMatch(e -> e instanceof Xid || e instanceof EventsLost);
        assertThat(messages()).filteredOn(m -> m.contains("uvm_xid")).hasSize(2);
        assertThat(messages()).anyMatch(m -> m.contains(": uvm_xid names no GPU (its definition has no domain=, bus=, slot="))
            .contains("t: " + lines + " uvm_xid lines named no GPU: left out");
        assertThat(rejected).isEmpty();
    }

    /**
     * A trace saved with a clock that counts (trace_clock counter or x86-tsc) prints its timestamps as
     * integers, up to 20 digits (kernel/trace/trace_output.c: %12llu where the clock is not in
     * nanoseconds): the same events in the same order, with no kernel time, said once. Before, a
     * TSC count of more than 12 digits made no line an event line, and the file was taken for a
     * kernel log with no line in it.
     */
    @Test
    void aTraceWhoseClockCountsGivesTheSameEventsWithoutTimes() throws IOException {
        String trace = Files.readString(Path.of(DIR + "pid-reuse.trace")).lines().filter(x -> !x.startsWith("#"))
            .map(x -> x.replaceFirst(" (\\d+)\\.(\\d{6}):", " 4812345$1$2123:")).reduce("", (a, b) -> a + b + "\n");
        assertThat(trace).contains(" 4812345100000000123: uvm_vas_create:");
        assertThat(new FtraceEventSource().recognizes(trace)).isTrue();
        List<Event> counted = read(new ByteArrayInputStream(trace.getBytes(StandardCharsets.UTF_8)), "t");
        assertThat(counted).isNotEmpty().allMatch(e -> e.time().monoNanos() == EventTime.UNKNOWN);
        assertThat(messages()).filteredOn(m -> m.contains("the timestamps are counts")).hasSize(1);
        diagnostics.clear();
        List<Event> timed = events("pid-reuse.trace");
        assertThat(counted).extracting(Event::kind).isEqualTo(timed.stream().map(Event::kind).toList());
    }

    /**
     * Without task_newtask, a fork is told from a thread's creation by the child's first line (its
     * TGID); a child that never shows one is said at the end, and nothing is passed on to it. Once
     * it shows its own TGID, it is a process, and the fork is given.
     */
    @Test
    void aForkThatCannotBeToldFromAThreadIsSaidAndAChildThatShowsItsTgidIsAProcess() throws IOException {
        String head = String.join("\n", Files.readAllLines(Path.of(DIR + "pipe-lost.trace")).subList(0, 7)) + "\n";
        String fork = "          python-7300    (   7300) [003] .....    70.500000: sched_process_fork: comm=python pid=7300 "
            + "child_comm=python child_pid=7310\n";
        List<Event> unsettled = read(new ByteArrayInputStream((head + fork).getBytes(StandardCharsets.UTF_8)), "t");
        assertThat(unsettled).noneMatch(e -> e instanceof ProcessForked);
        assertThat(messages()).contains("t: 1 fork(s) could not be told from thread creation (no task_newtask line, and the child "
            + "never showed its tgid): whatever fds their parents held are not counted as inherited");
        diagnostics.clear();
        String child = "          python-7310    (   7310) [005] .....    70.600000: sched_process_exit: comm=python pid=7310 prio=120\n";
        List<Event> settled = read(new ByteArrayInputStream((head + fork + child).getBytes(StandardCharsets.UTF_8)), "t");
        assertThat(fds(settled)).containsExactly("7310 forked 7300");
        assertThat(messages()).noneMatch(m -> m.contains("could not be told"));
    }

    /** An Xid is no part of a va_space's history: its probe left out makes no finding inferred. */
    @Test
    void anXidProbeLeftOutLeavesTheHistoryWhole() throws IOException {
        String trace = Files.readString(Path.of(DIR + "xids-beside-journal.trace"));
        List<Event> whole = read(new ByteArrayInputStream(trace.getBytes(StandardCharsets.UTF_8)), "t");
        String garbled = trace.replaceFirst("domain=0 bus=59", "domain=0 bus=-1");
        assertThat(garbled).isNotEqualTo(trace);
        List<Event> events = read(new ByteArrayInputStream(garbled.getBytes(StandardCharsets.UTF_8)), "t");
        assertThat(rejected).containsExactly("uvm_xid");
        assertThat(events).noneMatch(e -> e instanceof Xid || e instanceof EventsLost).hasSizeLessThan(whole.size());
    }

    @Test
    void aSplitRangeIsTwoRangesAndTheWorkerHoldsWhatTheOwnerLeft() {
        CliRun.Result r = new CliRun().run("leaks", DIR + "oom-worker-holds.trace", "-o", "json");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).contains("\"class\" : \"held\"").contains("\"pid\" : 4301");
        assertThat(r.out()).as("the driver's own destroys of the ranges the OOM kill took down (exit_mmap) confirm the model")
            .doesNotContain("no live range starts at");
    }

    /**
     * nv_pci_info_t's domain is a u32, its bus a u8 and its slot 5 bits (nv-ioctl.h): an Xid whose address is out of
     * those (a negative number, read at a wrong offset or garbled) fails the layout check, never the reader. Among
     * the probe's first lines that takes the probe out; once its layout has held, the line alone.
     */
    @Test
    void anXidWhosePciAddressIsOutOfItsFieldsRangesIsSaidAndLeftOut() throws IOException {
        String head = "          python-4242    (   4242) [003] .....  1522.500007: uvm_xid: (nv_log_error+0x0/0x120 [nvidia]) ";
        String good = head + "domain=0 bus=59 slot=0 xid=31 fmt=\"%s\"\n";
        String bad = head + "domain=-1 bus=59 slot=0 xid=31 fmt=\"%s\"\n"
            + head + "domain=0 bus=-3 slot=0 xid=31 fmt=\"%s\"\n"
            + head + "domain=0 bus=59 slot=32 xid=31 fmt=\"%s\"\n";
        List<Event> first = read(new ByteArrayInputStream((bad + good).getBytes(StandardCharsets.UTF_8)), "x.trace");
        assertThat(first).isEmpty();
        assertThat(rejected).containsExactly("uvm_xid");
        diagnostics.clear();
        List<Event> settled = read(new ByteArrayInputStream((good.repeat(FtraceEvents.CHECKED_FIRST + 1) + bad + good)
            .getBytes(StandardCharsets.UTF_8)), "y.trace");
        assertThat(settled).hasSize(FtraceEvents.CHECKED_FIRST + 2)
            .allSatisfy(e -> assertThat(e).isInstanceOfSatisfying(Xid.class, x -> assertThat(x.gpu()).isEqualTo(GPU)));
        assertThat(messages()).hasSize(3).allMatch(m -> m.contains("values fail the layout checks") && m.contains("line left out"));
    }

    @Test
    void aTraceMergesWithTheKernelLogOfItsBootByKernelTime(@TempDir Path root) throws IOException {
        Files.createDirectories(root.resolve("proc/sys/kernel/random"));
        Files.createDirectories(root.resolve("dev"));
        Files.writeString(root.resolve("proc/sys/kernel/random/boot_id"), "6f1c2a9e-3b7d-4c5e-9a81-0d4e6f7a8b9c\n");
        Files.writeString(root.resolve("dev/kmsg"),
            "3,812,1522050000,-;NVRM: Xid (PCI:0000:3b:00): 31, pid=4242, name=python, Ch 00000010, intr 10000000. MMU Fault\n");
        CliRun.Result r = new CliRun().run("events", root.toString(), DIR + "oom-worker-holds.trace", "-o", "ndjson");
        // The root has a kernel log and no process table (/proc/PID): incomplete, its events all written.
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
        List<String> types = r.out().lines().filter(l -> !l.contains("\"schema\"") && !l.contains("\"diagnostic\""))
            .map(l -> l.replaceAll(".*\"type\":\"([a-z_]+)\".*", "$1")).toList();
        int xid = types.indexOf("xid");
        assertThat(types.subList(xid - 2, xid + 2)).containsExactly("range_split", "evicted", "xid", "evicted");
    }

    /**
     * examples/trace-held/uvm.trace, the way CUDA leaves memory behind on 535 and later: the process makes its
     * va_space's mm fd (UVM_MM_INITIALIZE, uvm_api_mm_initialize, uvm.c: mmget_not_zero on its mm),
     * forks a child that inherits both fds (dup_fd), and is OOM-killed. The child's mm fd keeps the
     * dead owner's mm, so exit_mmap does not run: no range destroy follows the exit, and the managed
     * range with its 6 MiB on the GPU is held by the child.
     */
    @Test
    void anInheritedMmFdKeepsTheDeadOwnersRangesAndTheirBytes() throws IOException {
        List<Event> events = read(Files.newInputStream(Path.of(TRACE_HELD)), "uvm.trace");
        assertThat(events).extracting(Event::kind).containsExactly(EventKind.va_space_created, EventKind.fd_held, EventKind.range_created,
            EventKind.migrated, EventKind.migrated, EventKind.migrated, EventKind.process_forked, EventKind.process_exited);
        // The fork passes on both of the parent's fds (the model copies them: dup_fd).
        assertThat(fds(events)).containsExactly("4242 mm null", "4250 forked 4242");
        assertThat(((FdHeld) events.get(1)).vaSpace()).isEqualTo("0xffff8f01c2a40000");
        assertThat(diagnostics).isEmpty();
        CliRun.Result json = new CliRun().run("leaks", TRACE_HELD, "-o", "json");
        assertThat(json.exitCode()).as(json.toString()).isEqualTo(1);
        assertThat(json.out()).contains("\"class\" : \"held\"", "\"0000:3b:00.0\" : 6291456", "\"pid\" : 4250",
            "\"bytes_at_least\" : true");
        CliRun.Result table = new CliRun().run("leaks", TRACE_HELD);
        // The trace never showed the CPU's first touch of what moved to the GPU: what it shows is a lower bound.
        assertThat(table.out()).contains("4250 python (mm fd)").contains("An inherited mm fd also keeps the dead owner's mm")
            .contains("\u2265 6 MiB").contains("These bytes are a lower bound");
    }

    /** Without an mm fd (the same trace, no UVM_MM_INITIALIZE) the owner's exit_mmap destroys its managed ranges: the child holds an empty va_space. */
    @Test
    void withoutAnMmFdTheOwnersRangesDieWithIt(@TempDir Path dir) throws IOException {
        Path trace = dir.resolve("no-mm.trace");
        Files.write(trace, Files.readAllLines(Path.of(TRACE_HELD)).stream().filter(l -> !l.contains("uvm_mm_init")).toList());
        CliRun.Result table = new CliRun().run("leaks", trace.toString());
        assertThat(table.exitCode()).as(table.toString()).isEqualTo(1);
        assertThat(table.out()).contains("(no ranges left)").doesNotContain("mm fd");
    }

    /**
     * When the child exits, its files go (exit_files, after the sched_process_exit tracepoint): the
     * mm fd's release drops the owner's mm (uvm_release_mm: mmput), exit_mmap destroys the range
     * (the driver's own destroy, which the trace shows), and the va_space fd's release destroys the
     * va_space: nothing is left, and nothing is said about a destroy the model did not expect.
     */
    @Test
    void theChildsExitReleasesWhatItsMmFdKept(@TempDir Path dir) throws IOException {
        Path trace = dir.resolve("exit.trace");
        String child = "          python-4250    (   4250) [005] .....  ";
        Files.writeString(trace, Files.readString(Path.of(TRACE_HELD))
            + child + "1530.000000: sched_process_exit: comm=python pid=4250 prio=120\n"
            + child + "1530.000050: uvm_mm_unreg: (uvm_va_space_mm_unregister+0x0/0x170 [nvidia_uvm]) vas=0xffff8f01c2a40000\n"
            + child + "1530.000100: uvm_range_ev: (uvm_perf_event_notify+0x0/0x90 [nvidia_uvm]) pev=0xffff8f01c2a56c58 ev=3 "
            + "vas=0xffff8f01c2a40000 start=0x7f3a40000000 end=0x7f3a7fffffff\n"
            + child + "1530.000200: uvm_fd_release: (uvm_release_entry+0x0/0x90 [nvidia_uvm]) filp=0xffff8f0199e5a300\n"
            + child + "1530.000300: uvm_vas_destroy: (uvm_va_space_destroy+0x0/0x6a0 [nvidia_uvm]) vas=0xffff8f01c2a40000\n");
        CliRun.Result table = new CliRun().run("leaks", trace.toString());
        assertThat(table.exitCode()).as(table.toString()).isZero();
        assertThat(table.out()).startsWith("No findings: ");
        assertThat(table.err()).isEmpty();
    }

    /**
     * uvm_mm_init installed by hand without its filter records every ioctl of /dev/nvidia-uvm
     * (uvm_unlocked_ioctl_entry): only command 75, UVM_MM_INITIALIZE, makes an mm fd; the others are
     * no fd of any kind, and a reader that took them for one would pin the owner's ranges for ever.
     */
    @Test
    void onlyUvmMmInitializeMakesAnMmFd() throws IOException {
        String trace = create(4242, 10.0, "0xffff8f01c2a40000", "0xffff8f01c2a56c58")
            + line(4242, 10.1, "uvm_mm_init", "uvm_unlocked_ioctl_entry+0x0/0x40", "cmd=74")
            + line(4242, 10.2, "uvm_mm_init", "uvm_unlocked_ioctl_entry+0x0/0x40", "cmd=805306369")
            + line(4242, 10.3, "uvm_mm_init", "uvm_unlocked_ioctl_entry+0x0/0x40", "cmd=75");
        List<Event> events = read(new ByteArrayInputStream(trace.getBytes(StandardCharsets.UTF_8)), "t");
        assertThat(events).filteredOn(e -> e instanceof FdHeld).extracting(e -> ((FdHeld) e).fd() + " " + e.source().line())
            .containsExactly("mm 6");
        assertThat(diagnostics).isEmpty();
    }

    /** An UVM_MM_INITIALIZE by a process the trace saw create no va_space names none: said, and nothing is made up. */
    @Test
    void anMmFdOfAnUnknownVaSpaceIsSaid() throws IOException {
        List<Event> events = read(new ByteArrayInputStream(line(77, 10.0, "uvm_mm_init", "uvm_unlocked_ioctl_entry+0x0/0x40", "cmd=75")
            .getBytes(StandardCharsets.UTF_8)), "t");
        assertThat(events).isEmpty();
        assertThat(messages()).containsExactly("t:1: UVM_MM_INITIALIZE by process 77, which the trace saw create no va_space without an "
            + "mm fd (it began later, or the creation was lost): whose mm it pins is unknown");
    }

    /** examples/trace-held/uvm.trace with {@code key=value} added to its first header line, as 'trace record' writes it. */
    private static Path withHeaderKey(Path dir, String key) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(Path.of(TRACE_HELD)));
        assertThat(lines.get(0)).contains(" instance=uvmctl ");
        lines.set(0, lines.get(0).replace(" instance=uvmctl ", " " + key + " instance=uvmctl "));
        return Files.write(dir.resolve("uvm.trace"), lines);
    }

    /** The fds the trace showed made, and the forks that pass them on. */
    private List<String> fds(List<Event> events) {
        return events.stream().filter(e -> e instanceof FdHeld || e instanceof ProcessForked).map(e -> e instanceof FdHeld h
            ? h.pid() + " " + h.fd() + " " + h.inheritedFrom() : ((ProcessForked) e).pid() + " forked " + ((ProcessForked) e).ppid()).toList();
    }

    /**
     * With uvm_enable_va_space_mm=0 the driver makes no mm fd: uvm_api_mm_initialize (uvm.c,
     * 535.43.02 and 580.95.05) returns NV_WARN_NOTHING_TO_DO when uvm_va_space_mm_enabled is false
     * (uvm_va_space_mm.c: UVM_CAN_USE_MMU_NOTIFIERS() && uvm_enable_va_space_mm), before it makes
     * the file an mm fd or takes mmget_not_zero. The child of examples/trace-held inherits the
     * va_space fd, not an mm fd: the OOM-killed owner's exit_mmap takes its managed range and its
     * 6 MiB, and the child holds an empty va_space. Said once, at the UVM_MM_INITIALIZE line.
     */
    @Test
    void withVaSpaceMmZeroNoFdKeepsTheDeadOwnersRanges(@TempDir Path dir) throws IOException {
        Path trace = withHeaderKey(dir, "va_space_mm=0");
        List<Event> events = read(Files.newInputStream(trace), "uvm.trace");
        assertThat(fds(events)).containsExactly("4250 forked 4242");
        assertThat(messages()).containsExactly("uvm.trace:6: uvm_enable_va_space_mm=0: UVM_MM_INITIALIZE makes no mm fd "
            + "(uvm_api_mm_initialize answers NV_WARN_NOTHING_TO_DO), so no process keeps another's managed memory through one");
        CliRun.Result json = new CliRun().run("leaks", trace.toString(), "-o", "json");
        assertThat(json.exitCode()).as(json.toString()).isEqualTo(1);
        assertThat(json.out()).contains("\"class\" : \"held\"", "\"pid\" : 4250").doesNotContain("6291456").doesNotContain("\"mm\"");
        CliRun.Result table = new CliRun().run("leaks", trace.toString());
        assertThat(table.out()).contains("(no ranges left)").doesNotContain("mm fd").doesNotContain("6 MiB");
    }

    /**
     * A trace recorded without uvm_mm_init misses the mm fds it would have given, so its findings are
     * inferred; not where the header says va_space_mm=0, where there were none to give.
     */
    @Test
    void aMissingMmInitProbeMissesNothingWhereTheDriverMakesNoMmFd(@TempDir Path dir) throws IOException {
        for (String mm : List.of("va_space_mm=0", "va_space_mm=1")) {
            List<String> lines = new ArrayList<>(Files.readAllLines(withHeaderKey(dir, mm)));
            lines.add(1, "# uvmctl-trace: missing=uvm_mm_init why=\"not in the kernel's symbols\" kinds=fd_held");
            lines.removeIf(l -> l.contains(" uvm_mm_init: "));
            Path trace = Files.write(dir.resolve("no-mm-init.trace"), lines);
            CliRun.Result json = new CliRun().run("leaks", trace.toString(), "-o", "json");
            assertThat(json.exitCode()).as(json.toString()).isEqualTo(1);
            assertThat(json.out()).as(mm).contains("\"class\" : \"held\"", mm.endsWith("0") ? "\"inferred\" : false" : "\"inferred\" : true");
        }
    }

    /** Said once however many processes call UVM_MM_INITIALIZE: each is answered the same. */
    @Test
    void withVaSpaceMmZeroTheMissingMmFdsAreSaidOnce() throws IOException {
        String trace = "# uvmctl-trace: version=1 release=580.95.05 arch=x86_64 clock=local va_space_mm=0 instance=uvmctl\n"
            + create(4242, 10.0, "0xffff8f01c2a40000", "0xffff8f01c2a56c58")
            + line(4242, 10.1, "uvm_mm_init", "uvm_unlocked_ioctl_entry+0x0/0x40", "cmd=75")
            + create(4343, 11.0, "0xffff8f01c2b40000", "0xffff8f01c2b56c58")
            + line(4343, 11.1, "uvm_mm_init", "uvm_unlocked_ioctl_entry+0x0/0x40", "cmd=75");
        List<Event> events = read(new ByteArrayInputStream(trace.getBytes(StandardCharsets.UTF_8)), "t");
        assertThat(fds(events)).isEmpty();
        assertThat(messages()).hasSize(1).allMatch(m -> m.startsWith("t:5: uvm_enable_va_space_mm=0: "));
    }

    /** va_space_mm=1 (the default) reads as a trace without the key does: the inherited mm fd keeps the owner's range. */
    @Test
    void withVaSpaceMmOneTheInheritedMmFdStillKeepsTheRanges(@TempDir Path dir) throws IOException {
        Path trace = withHeaderKey(dir, "va_space_mm=1");
        List<Event> events = read(Files.newInputStream(trace), "uvm.trace");
        assertThat(fds(events)).containsExactly("4242 mm null", "4250 forked 4242");
        assertThat(diagnostics).isEmpty();
        assertThat(new CliRun().run("leaks", trace.toString(), "-o", "json").out()).contains("\"0000:3b:00.0\" : 6291456");
    }

    /** A value 'trace record' never writes is no answer: said at its line, and the calls are read as without the key. */
    @Test
    void aGarbledVaSpaceMmIsSaidAndTakenAsUnknown(@TempDir Path dir) throws IOException {
        Path trace = withHeaderKey(dir, "va_space_mm=off");
        List<Event> events = read(Files.newInputStream(trace), "uvm.trace");
        assertThat(fds(events)).containsExactly("4242 mm null", "4250 forked 4242");
        assertThat(messages()).containsExactly("uvm.trace:1: the header's va_space_mm=off is neither 0 nor 1: whether "
            + "UVM_MM_INITIALIZE made mm fds is unknown, so each is taken to make one, as the driver's default does");
    }

    @Test
    void anEmptyOrCommentOnlyTraceGivesNothing() throws IOException {
        assertThat(read(new ByteArrayInputStream("# tracer: nop\n#\n".getBytes(StandardCharsets.UTF_8)), "t")).isEmpty();
        assertThat(diagnostics).isEmpty();
    }

    private static String line(int pid, double seconds, String event, String probe, String fields) {
        return String.format("          python-%d    (%7d) [001] ..... %.6f: %s: (%s [nvidia_uvm]) %s%n", pid, pid, seconds, event, probe, fields);
    }

    private static String create(int pid, double t, String vas, String pev) {
        return line(pid, t, "uvm_vas_create", "uvm_va_space_create+0x0/0x5d0", "flags=0x0")
            + line(pid, t, "uvm_vas_init", "uvm_perf_init_va_space_events+0x0/0x130", "vas=" + vas + " pev=" + pev)
            + line(pid, t, "uvm_vas_create_r", "uvm_ioctl+0x7c1/0x1a60 [nvidia_uvm] <- uvm_va_space_create", "ret=0x0");
    }

    private static String migrate(int pid, double t, String pev, long block, long addr) {
        return line(pid, t, "uvm_migrate", "uvm_perf_event_notify+0x0/0x90", "pev=" + pev + " ev=7 block=0x" + Long.toHexString(block)
            + " dst=1 src=0 dst_nid=-1 src_nid=-1 addr=0x" + Long.toHexString(addr) + " bytes=2097152 mode=1 cause=0");
    }

    /**
     * uvm_va_block_evict_chunks (uvm_va_block.c, 535..595) that fails after its copy began moved
     * nothing: block_copy_resident_pages_between notified the run it copied, but the residency
     * changes only in uvm_va_block_make_resident_finish, which runs only after a successful copy,
     * and the GPU chunks stay the block's. So the block's 2 MiB are still on the GPU: no migration
     * to the CPU comes out of it, only the failed eviction. The same copy in an eviction that
     * succeeds is the eviction's bytes.
     */
    @Test
    void anEvictionThatFailsAfterItsCopyBeganMovesNothing() throws IOException {
        String evictedBlock = "block=0xffff9a9c00000040 gpu=0xffff8f0200000000 root_pa=0x3e400000";
        String copied = "pev=0xffff8f0100016c58 ev=7 block=0xffff9a9c00000040 dst=0 src=1 dst_nid=-1 src_nid=-1 addr=0x7f0000000000 "
            + "bytes=2097152 mode=1 cause=4";
        String t = create(10, 1.0, "0xffff8f0100000000", "0xffff8f0100016c58")
            + migrate(1000, 2.0, "0xffff8f0100016c58", 0xffff9a9c00000040L, 0x7f0000000000L)
            + line(11, 3.0, "uvm_evict", "uvm_va_block_evict_chunks+0x0/0x3f0", evictedBlock)
            + line(11, 3.01, "uvm_migrate", "uvm_perf_event_notify+0x0/0x90", copied)
            + line(11, 3.02, "uvm_evict_r", "evict_root_chunk+0x1b4/0x410 [nvidia_uvm] <- uvm_va_block_evict_chunks", "ret=0x51")
            + line(11, 4.0, "uvm_evict", "uvm_va_block_evict_chunks+0x0/0x3f0", evictedBlock)
            + line(11, 4.01, "uvm_migrate", "uvm_perf_event_notify+0x0/0x90", copied)
            + line(11, 4.02, "uvm_evict_r", "evict_root_chunk+0x1b4/0x410 [nvidia_uvm] <- uvm_va_block_evict_chunks", "ret=0x0");
        List<Event> events = read(new ByteArrayInputStream(t.getBytes(StandardCharsets.UTF_8)), "t");
        assertThat(events).extracting(Event::kind).containsExactly(EventKind.va_space_created, EventKind.migrated, EventKind.evicted,
            EventKind.evicted);
        Migrated in = (Migrated) events.get(1);
        assertThat(in.to()).as("the block went to the GPU before").isNotEqualTo(GpuKey.CPU);
        Evicted failed = (Evicted) events.get(2);
        assertThat(failed.status()).isEqualTo(EvictStatus.error);
        assertThat(failed.error()).isEqualTo("NV_ERR_NO_MEMORY");
        assertThat(failed.gpu()).isEqualTo(in.to());
        assertThat(failed.address()).isEqualTo(0x7f0000000000L);
        Evicted ok = (Evicted) events.get(3);
        assertThat(ok.status()).isEqualTo(EvictStatus.ok);
        assertThat(ok.bytes()).as("the successful eviction's own copy, once").isEqualTo(2L << 20);
    }

    /**
     * A perf-events pointer is a kernel allocation: once its va_space is destroyed it may be another's.
     * Migrations of interleaved va_spaces go each to its own, and after a destroy to the new owner of the pointer.
     */
    @Test
    void migrationsGoToTheVaSpaceThatHoldsTheirPerfEventsPointerNow() throws IOException {
        StringBuilder t = new StringBuilder();
        t.append(create(10, 1.0, "0xffff8f0100000000", "0xffff8f0100016c58"));
        t.append(create(11, 1.1, "0xffff8f0100100000", "0xffff8f0100116c58"));
        for (int i = 0; i < 6; i++) {
            t.append(migrate(1000, 2 + i * 0.01, i % 2 == 0 ? "0xffff8f0100016c58" : "0xffff8f0100116c58", 0xffff9a9c00000040L + 64L * i,
                0x7f0000000000L + (2L << 20) * i));
        }
        t.append(line(10, 3.0, "uvm_vas_destroy", "uvm_va_space_destroy+0x0/0x5d0", "vas=0xffff8f0100000000"));
        t.append(migrate(1000, 3.1, "0xffff8f0100016c58", 0xffff9a9c00001000L, 0x7f0000000000L));
        t.append(create(12, 4.0, "0xffff8f0100200000", "0xffff8f0100016c58"));
        t.append(migrate(1000, 4.1, "0xffff8f0100016c58", 0xffff9a9c00001040L, 0x7f0000200000L));
        List<Event> events = read(new ByteArrayInputStream(t.toString().getBytes(StandardCharsets.UTF_8)), "t");
        List<String> migrated = events.stream().filter(e -> e instanceof Migrated).map(e -> ((Migrated) e).vaSpace()).toList();
        assertThat(migrated).containsExactly("0xffff8f0100000000", "0xffff8f0100100000", "0xffff8f0100000000", "0xffff8f0100100000",
            "0xffff8f0100000000", "0xffff8f0100100000", "0xffff8f0100200000");
        assertThat(messages()).anyMatch(m -> m.contains("1 migration of 1 va_space(s) whose creation the trace did not show"));
    }

    /**
     * The reader keeps the va_spaces of recent perf-events pointers in slots by the pointer's hash; an empty slot
     * holds a pointer of another slot, so that no pointer is found where none was put: not 0, nor any other.
     */
    @Test
    void aPerfEventsPointerOfAnyValueFindsItsVaSpaceAndNoOther() throws IOException {
        StringBuilder t = new StringBuilder();
        t.append(create(10, 1.0, "0xffff8f0100000000", "0x0"));
        t.append(migrate(1000, 2.0, "0x0", 0xffff9a9c00000040L, 0x7f0000000000L));
        for (long pev = 1; pev < 4; pev++) {
            t.append(migrate(1000, 2.0 + pev * 0.01, "0x" + Long.toHexString(pev), 0xffff9a9c00000080L, 0x7f0000200000L));
        }
        t.append(line(10, 3.0, "uvm_vas_destroy", "uvm_va_space_destroy+0x0/0x5d0", "vas=0xffff8f0100000000"));
        t.append(migrate(1000, 3.1, "0x0", 0xffff9a9c00001000L, 0x7f0000000000L));
        List<Event> events = read(new ByteArrayInputStream(t.toString().getBytes(StandardCharsets.UTF_8)), "t");
        assertThat(events.stream().filter(e -> e instanceof Migrated).map(e -> ((Migrated) e).vaSpace()).toList())
            .containsExactly("0xffff8f0100000000");
        assertThat(messages()).anyMatch(m -> m.contains("4 migrations of 4 va_space(s) whose creation the trace did not show"));
    }

    /**
     * A call's entry line with a field garbled is left out, as its diagnostic says: no call waits
     * for its return, which would otherwise make an event of what the line could not tell (a range
     * of no va_space was an internal error; an eviction of block 0).
     */
    @Test
    void anEntryLineLeftOutForAGarbledFieldLeavesNoCallForItsReturn() throws IOException {
        StringBuilder t = new StringBuilder();
        t.append(create(10, 1.0, "0xffff8f0100000000", "0xffff8f0100016c58"));
        t.append(line(10, 2.0, "uvm_range_mmap", "uvm_va_range_create_mmap+0x0/0x1c0", "vas=0xffff8f01000g0000 start=0x7fe000000000 vm_end=0x7fe004000000"));
        t.append(line(10, 2.1, "uvm_range_mmap_r", "uvm_mmap+0x2a4/0x5b0 [nvidia_uvm] <- uvm_va_range_create_mmap", "ret=0x0"));
        t.append(line(10, 3.0, "uvm_range_mmap", "uvm_va_range_create_mmap+0x0/0x1c0", "vas=0xffff8f0100000000 start=0x7fe000000000 vm_end=0x7fe004000000"));
        t.append(line(10, 3.1, "uvm_range_mmap_r", "uvm_mmap+0x2a4/0x5b0 [nvidia_uvm] <- uvm_va_range_create_mmap", "ret=0x0"));
        t.append(line(11, 4.0, "uvm_evict", "uvm_va_block_evict_chunks+0x0/0x3a0", "block=0xffff9a9c0000004x gpu=0xffff8f0200000000"));
        t.append(line(11, 4.1, "uvm_evict_r", "pick_and_evict_root_chunk+0x1a/0x80 [nvidia_uvm] <- uvm_va_block_evict_chunks", "ret=0x0"));
        List<Event> events = read(new ByteArrayInputStream(t.toString().getBytes(StandardCharsets.UTF_8)), "t");
        List<RangeCreated> ranges = events.stream().filter(e -> e instanceof RangeCreated).map(e -> (RangeCreated) e).toList();
        assertThat(ranges).hasSize(1);
        assertThat(ranges.get(0).vaSpace()).isEqualTo("0xffff8f0100000000");
        assertThat(ranges.get(0).source().line()).isEqualTo(6);
        assertThat(messages()).filteredOn(m -> m.contains("line left out")).hasSize(2)
            .anyMatch(m -> m.contains(":4:") && m.contains("uvm_range_mmap")).anyMatch(m -> m.contains(":8:") && m.contains("uvm_evict"));
        assertThat(messages()).noneMatch(m -> m.contains("block 0x0"));
    }

    /**
     * A header line whose gpu= is garbled (here by NULs inside the number, as a copied file can have)
     * is left out with its diagnostic, at its line; it was a NumberFormatException out of the reader.
     */
    @Test
    void aHeaderLineWithAGarbledGpuIdIsLeftOutAtItsLine() throws IOException {
        String t = "# uvmctl-trace: version=1 release=580.95.05 arch=x86_64 clock=local layout=r3 instance=uvmctl\n"
            + "# uvmctl-trace: gpu=1\0\0 uuid=GPU-5a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9 pci=0000:3b:00.0\n"
            + "# uvmctl-trace: gpu=-3 pci=0000:3c:00.0\n"
            + create(10, 1.0, "0xffff8f0100000000", "0xffff8f0100016c58");
        List<Event> events = read(new ByteArrayInputStream(t.getBytes(StandardCharsets.UTF_8)), "t");
        assertThat(events).hasSize(1);
        assertThat(messages()).filteredOn(m -> m.contains("gpu= is no UVM GPU id")).hasSize(2)
            .anyMatch(m -> m.startsWith("t:2:")).anyMatch(m -> m.startsWith("t:3:"));
    }

    /**
     * A return value past the largest u64 (a garbled decimal of twenty digits) was wrapped to some
     * other status and taken as the driver's, silently: the line is now left out, named at its line.
     */
    @Test
    void aReturnValuePastTheLargestU64IsLeftOutAtItsLine() throws IOException {
        String t = line(10, 1.0, "uvm_vas_create", "uvm_va_space_create+0x0/0x5d0", "flags=0x0")
            + line(10, 1.0, "uvm_vas_init", "uvm_perf_init_va_space_events+0x0/0x130", "vas=0xffff8f0100000000 pev=0xffff8f0100016c58")
            + line(10, 1.0, "uvm_vas_create_r", "uvm_ioctl+0x7c1/0x1a60 [nvidia_uvm] <- uvm_va_space_create", "ret=99999999999999999999");
        read(new ByteArrayInputStream(t.getBytes(StandardCharsets.UTF_8)), "t");
        assertThat(messages()).anyMatch(m -> m.startsWith("t:3: uvm_vas_create_r: a field is missing or no number (more than 64 bits"));
    }

    /**
     * A return line whose entry the trace does not have (before it began, or lost) and whose ret= is
     * garbled was dropped without a word for uvm_range_mmap_r and uvm_evict_r: it is named at its line,
     * as the other returns' are.
     */
    @Test
    void aGarbledReturnWithoutItsEntryIsNamedAtItsLine() throws IOException {
        String t = line(10, 2.1, "uvm_range_mmap_r", "uvm_mmap+0x2a4/0x5b0 [nvidia_uvm] <- uvm_va_range_create_mmap", "ret=0xzz")
            + line(11, 4.1, "uvm_evict_r", "pick_and_evict_root_chunk+0x1a/0x80 [nvidia_uvm] <- uvm_va_block_evict_chunks",
                "ret=99999999999999999999999999");
        assertThat(read(new ByteArrayInputStream(t.getBytes(StandardCharsets.UTF_8)), "t")).isEmpty();
        assertThat(messages()).filteredOn(m -> m.contains("line left out")).hasSize(2)
            .anyMatch(m -> m.startsWith("t:1: uvm_range_mmap_r")).anyMatch(m -> m.startsWith("t:2: uvm_evict_r"));
    }
}
