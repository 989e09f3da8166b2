package dev.uvmctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uvmctl.source.ForwardingSysRoot;
import dev.uvmctl.source.SysRoot;
import dev.uvmctl.source.SystemRoots;
import dev.uvmctl.testing.Golden;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code uvmctl trace} on a plain directory that stands in for a machine's root with tracefs: the
 * bytes appended to kprobe_events (another tool's definition left alone), the instance, the lock,
 * a recording read back by {@code leaks}, a live run that holds the lock, a crashed one.
 */
class TraceCommandTest {
    private static final String T = "sys/kernel/tracing";
    private static final String OTHER = "p:perf_probe/do_sys_openat2 do_sys_openat2 dfd=%di:s32";
    private static final String UUID = "GPU-5a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9";

    /** A 580.95.05 machine with one GPU, tracefs mounted, and another tool's probe defined. */
    static Path machine(Path root) throws IOException {
        write(root, T + "/kprobe_events", OTHER + "\n");
        write(root, T + "/error_log", "");
        Files.createDirectories(root.resolve(T + "/instances"));
        for (String tp : List.of("sched/sched_process_exit", "sched/sched_process_fork", "task/task_newtask", "oom/mark_victim",
            "nvidia/nvidia_dev_xid")) {
            Files.createDirectories(root.resolve(T + "/events/" + tp));
        }
        write(root, "sys/module/nvidia_uvm/version", "580.95.05\n");
        write(root, "proc/sys/kernel/arch", "x86_64\n");
        write(root, "proc/sys/kernel/random/boot_id", "6f1c2a9e-3b7d-4c5e-9a81-0d4e6f7a8b9c\n");
        StringBuilder kallsyms = new StringBuilder("ffffffff81000000 T _stext\n");
        for (String f : List.of("uvm_va_space_create", "uvm_perf_init_va_space_events", "uvm_va_space_destroy", "uvm_release_deferred",
            "uvm_release_entry", "uvm_va_space_mm_unregister", "uvm_va_range_create_mmap", "uvm_perf_event_notify",
            "uvm_va_block_evict_chunks", "uvm_pmm_gpu_pma_evict_pages_wrapper_entry", "uvm_pmm_gpu_pma_evict_range_wrapper_entry",
            "uvm_deferred_free_object_list", "uvm_unlocked_ioctl_entry")) {
            kallsyms.append("ffffffffc0a12340 t ").append(f).append("\t[nvidia_uvm]\n");
        }
        kallsyms.append("ffffffffc1a00000 T nv_log_error\t[nvidia]\n");
        write(root, "proc/kallsyms", kallsyms.toString());
        Files.createDirectories(root.resolve("proc/driver/nvidia-uvm/gpus/" + UUID + "/0"));
        Files.createSymbolicLink(root.resolve("proc/driver/nvidia-uvm/gpus/1"), Path.of(UUID + "/0"));
        write(root, "proc/driver/nvidia/gpus/0000:3b:00.0/information", "Model: \t\t NVIDIA H100 80GB HBM3\nGPU UUID: \t " + UUID
            + "\nBus Location: \t 0000:3b:00.0\nDevice Minor: \t 0\n");
        return root;
    }

    private static void write(Path root, String path, String text) throws IOException {
        Path p = root.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    private static CliRun.Result run(Path root, String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--root";
        all[1] = root.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return new CliRun().run(all);
    }

    /** A --root that does not exist is refused as every command refuses it, not called a bundle archive. */
    @Test
    void aRootThatIsNothingIsRefusedAsSuchNotAsAnArchive(@TempDir Path tmp) throws IOException {
        for (String command : List.of("status", "stop")) {
            CliRun.Result missing = run(tmp.resolve("no-such-root"), "trace", command);
            assertThat(missing.exitCode()).as(missing.toString()).isEqualTo(2);
            assertThat(missing.err()).contains("not a directory or a .tar.gz bundle").doesNotContain("archive has no tracefs");
        }
        Path bundle = Files.writeString(tmp.resolve("node.tar.gz"), "");
        CliRun.Result archive = run(bundle, "trace", "status");
        assertThat(archive.exitCode()).as(archive.toString()).isEqualTo(2);
        assertThat(archive.err()).contains("a bundle archive has no tracefs to set probes in");
    }

    @Test
    void printProbesGivesTheDefinitionsForTheRelease() {
        CliRun.Result r = new CliRun().run("trace", "print-probes", "--release", "580.95.05", "--arch", "x86_64");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        Golden.assertMatches(r.out(), "expected/trace/print-probes-580.95.05.txt");
        CliRun.Result unknown = new CliRun().run("trace", "print-probes", "--release", "unknown", "--arch", "aarch64", "-o", "json");
        assertThat(unknown.exitCode()).isZero();
        assertThat(unknown.out()).contains("\"release_known\" : false").contains("\"name\" : \"uvm_migrate_r23\"").contains("$arg3");
    }

    @Test
    void printProbesFollowsTheRootsDriverAndRefusesWhatItCannotProbe(@TempDir Path tmp) throws IOException {
        write(tmp, "sys/module/nvidia/version", "550.54.14\n");
        write(tmp, "proc/sys/kernel/arch", "x86_64\n");
        CliRun.Result r = run(tmp, "trace", "print-probes");
        assertThat(r.out()).contains("nvidia_uvm 550.54.14 on x86_64, migration layout 550.40.07..580.65.06").contains("cause=+52(%dx):u32");
        assertThat(new CliRun().run("trace", "print-probes", "--release", "525.147.05").err()).contains("cover 535.43.02 and later");
        assertThat(new CliRun().run("trace", "print-probes", "--release", "banana").exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(new CliRun().run("trace", "print-probes", "--arch", "ppc64le").err()).contains("x86_64 and aarch64");
    }

    @Test
    void startAppendsStatusTellsStopRemovesInTheKernelsOrder(@TempDir Path tmp) throws IOException {
        Path root = machine(tmp);
        CliRun.Result start = run(root, "trace", "start", "--buffer-kb", "4096");
        assertThat(start.exitCode()).as(start.toString()).isZero();
        assertThat(start.out()).contains("Probes installed in /sys/kernel/tracing/instances/uvmctl for nvidia_uvm 580.95.05 on x86_64")
            .contains("missing: uvm_hmm_evict: nvidia_uvm:uvm_hmm_va_block_evict_chunks is not in the kernel's symbols");
        List<String> defined = Files.readAllLines(root.resolve(T + "/kprobe_events"));
        assertThat(defined.get(0)).as("another tool's definition is left as it was").isEqualTo(OTHER);
        assertThat(defined).contains("p:uvmctl/uvm_vas_create nvidia_uvm:uvm_va_space_create flags=%dx:x64",
            "r:uvmctl/uvm_evict_r nvidia_uvm:uvm_va_block_evict_chunks ret=$retval:x32");
        assertThat(defined).noneMatch(d -> d.contains("uvm_hmm"));
        Path inst = root.resolve(T + "/instances/uvmctl");
        assertThat(Files.readString(inst.resolve("events/uvmctl/uvm_migrate/filter"))).isEqualTo("ev == 7\n");
        assertThat(Files.readString(inst.resolve("events/uvmctl/uvm_migrate/enable"))).isEqualTo("1\n");
        assertThat(Files.readString(inst.resolve("events/sched/sched_process_exit/enable"))).isEqualTo("1\n");
        assertThat(Files.readString(inst.resolve("options/record-tgid"))).isEqualTo("1\n");
        assertThat(Files.readString(inst.resolve("buffer_size_kb"))).isEqualTo("4096\n");
        assertThat(Files.exists(root.resolve(T + "/events/uvmctl"))).as("nothing at the top level").isFalse();
        assertThat(Files.readString(root.resolve("run/uvmctl/trace.lock"))).startsWith("owner=none\nsince=2026-11-27T12:00:00Z\n");

        CliRun.Result again = run(root, "trace", "start");
        assertThat(again.exitCode()).isEqualTo(ExitCode.INCOMPLETE);
        assertThat(again.err()).contains("installed by 'uvmctl trace start' since 2026-11-27T12:00:00Z");

        CliRun.Result status = run(root, "trace", "status");
        assertThat(status.exitCode()).as(status.toString()).isZero();
        assertThat(status.out()).startsWith("Installed by 'uvmctl trace start' since 2026-11-27T12:00:00Z; 'uvmctl trace stop' removes them.")
            .contains("driver: 580.95.05 on x86_64, migration layout 580.65.06..")
            .contains("  hits and misses: unknown (kprobe_profile cannot be read)\n");
        // kprobe_profile as the kernel prints it: every kprobe event by its name alone, another tool's too.
        Files.writeString(root.resolve(T + "/kprobe_profile"), String.format("  %-44s %15d %15d%n  %-44s %15d %15d%n  %-44s %15d %15d%n",
            "do_sys_openat2", 90, 0, "uvm_migrate", 855270, 0, "uvm_vas_destroy_r", 6, 2));
        assertThat(run(root, "trace", "status").out()).contains("  hits (kprobe_profile): uvm_vas_create ?, ", ", uvm_migrate 855270, ",
            ", uvm_vas_destroy_r 6, ").contains("; missed: uvm_vas_destroy_r 2\n").doesNotContain("do_sys_openat2");
        assertThat(run(root, "trace", "status", "-o", "json").out()).contains("\"profile\" : {\n    \"uvm_vas_destroy_r\" : {\n      \"hits\" : 6,\n"
            + "      \"misses\" : 2\n    },\n    \"uvm_migrate\" : {\n      \"hits\" : 855270,\n      \"misses\" : 0\n    }\n  },");
        Files.delete(root.resolve(T + "/kprobe_profile"));
        assertThat(run(root, "trace", "status", "-o", "json").out()).contains("\"profile\" : null,");

        // A stop that could not remove it all marks the lock so; status says so, not that 'trace start' installed it.
        Path lock = root.resolve("run/uvmctl/trace.lock");
        String started = Files.readString(lock);
        Files.writeString(lock, started + "unfinished=the instance could not be removed (Device or resource busy)\n");
        assertThat(run(root, "trace", "status").out()).startsWith("The removal of the probes installed at 2026-11-27T12:00:00Z did not "
            + "finish (the instance could not be removed (Device or resource busy)): 'uvmctl trace stop' removes the rest.");
        assertThat(run(root, "trace", "status", "-o", "json").out())
            .contains("\"unfinished\" : \"the instance could not be removed (Device or resource busy)\"");
        Files.writeString(lock, started);
        assertThat(run(root, "trace", "status", "-o", "json").out()).contains("\"unfinished\" : null");

        int before = Files.readAllLines(root.resolve(T + "/kprobe_events")).size();
        CliRun.Result stop = run(root, "trace", "stop");
        assertThat(stop.exitCode()).as(stop.toString()).isZero();
        List<String> after = Files.readAllLines(root.resolve(T + "/kprobe_events"));
        assertThat(after.subList(0, before)).as("only appended to").isEqualTo(defined);
        assertThat(after.subList(before, after.size())).allMatch(l -> l.startsWith("-:uvmctl/")).contains("-:uvmctl/uvm_migrate")
            .hasSize(before - 1);
        assertThat(Files.exists(inst)).isFalse();
        assertThat(Files.exists(root.resolve("run/uvmctl/trace.lock"))).isFalse();
    }

    /** Where tracefs is mounted only under debugfs (older systems): the same, at /sys/kernel/debug/tracing. */
    @Test
    void tracefsUnderDebugfsIsUsedWhenItIsNotAtItsOwnMountPoint(@TempDir Path tmp) throws IOException {
        Path root = machine(tmp);
        Path debug = root.resolve("sys/kernel/debug/tracing");
        Files.createDirectories(debug.getParent());
        Files.move(root.resolve(T), debug);
        Files.createDirectories(root.resolve(T)); // the empty mount point of a tracefs not mounted there
        CliRun.Result start = run(root, "trace", "start");
        assertThat(start.exitCode()).as(start.toString()).isZero();
        assertThat(start.out()).startsWith("Probes installed in /sys/kernel/debug/tracing/instances/uvmctl");
        assertThat(Files.readAllLines(debug.resolve("kprobe_events"))).startsWith(OTHER)
            .contains("p:uvmctl/uvm_vas_destroy nvidia_uvm:uvm_va_space_destroy vas=%di:x64");
        assertThat(Files.readString(debug.resolve("instances/uvmctl/events/uvmctl/uvm_migrate/enable"))).isEqualTo("1\n");
        assertThat(run(root, "trace", "stop").exitCode()).isZero();
        assertThat(Files.readAllLines(debug.resolve("kprobe_events"))).contains("-:uvmctl/uvm_vas_destroy");
        assertThat(Files.exists(debug.resolve("instances/uvmctl"))).isFalse();
        try (var left = Files.list(root.resolve(T))) {
            assertThat(left.count()).as("nothing written at the empty mount point").isZero();
        }
    }

    /**
     * A creation is an entry, uvm_perf_init_va_space_events and a return joined by thread: with
     * one of them missing the model gets no creation at all, though other probes also feed
     * va_space_created. An HMM probe absent from a driver built without HMM misses nothing.
     */
    @Test
    void startSaysWhatTheModelMissesWhenOneProbeOfAJoinIsMissing(@TempDir Path tmp) throws IOException {
        Path root = machine(tmp);
        Path kallsyms = root.resolve("proc/kallsyms");
        Files.writeString(kallsyms, Files.readString(kallsyms).replace("uvm_perf_init_va_space_events", "uvm_perf_init_va_space_eventz"));
        CliRun.Result start = run(root, "trace", "start");
        assertThat(start.exitCode()).as(start.toString()).isZero();
        assertThat(start.out()).contains("missing: uvm_vas_init: nvidia_uvm:uvm_perf_init_va_space_events is not in the kernel's symbols")
            .contains("the model misses what they give of: va_space_created, migrated; findings that depend on them are inferred")
            .doesNotContain("evicted;");
        assertThat(run(root, "trace", "stop").exitCode()).isZero();
        Files.writeString(kallsyms, Files.readString(kallsyms).replace("uvm_perf_init_va_space_eventz", "uvm_perf_init_va_space_events"));
        CliRun.Result noHmm = run(root, "trace", "start");
        assertThat(noHmm.out()).contains("missing: uvm_hmm_evict:")
            .contains("the model misses nothing of theirs: the driver is built without the code they probe");
        assertThat(run(root, "trace", "stop").exitCode()).isZero();
        // uvm_release_entry absent too: the model takes nothing from uvm_fd_release, but the driver has that code.
        Files.writeString(kallsyms, Files.readString(kallsyms).replace("uvm_release_entry", "uvm_release_entrz"));
        CliRun.Result noRelease = run(root, "trace", "start");
        assertThat(noRelease.out()).contains("missing: uvm_fd_release:")
            .contains("the model misses nothing of theirs: it takes no event kind from them (nor from the HMM probes of a driver "
                + "built without HMM)")
            .doesNotContain("the driver is built without the code they probe");
    }

    /**
     * A live run's end is marked in the trace (Tracefs.END_MARK into the instance's trace_marker, which
     * the kernel prints into trace_pipe with the trace clock's time), and the reader reads on to it: a
     * quiet node whose last probe line is a va_space's destroy that never returned is judged against
     * the run's end, 200 s later, not against that line. The FIFO's writer stands in for the kernel:
     * it keeps the pipe open as trace_pipe stays, and prints what is written into trace_marker.
     */
    @Test
    @org.junit.jupiter.api.Timeout(value = 60, unit = java.util.concurrent.TimeUnit.SECONDS)
    void aLiveRunReadsOnToTheMarkOfItsEndAndJudgesAgainstIt(@TempDir Path tmp) throws Exception {
        Path root = machine(tmp.resolve("root"));
        CliRun.Result live = liveRunOverAFifo(root, () -> { });
        assertThat(live.exitCode()).as(live.toString()).isEqualTo(1);
        assertThat(live.out()).contains("\"class\" : \"stuck\"", "6100 (python) exited but has not finished exiting")
            .contains("\"time\" : 10300.0005").as("the mark is no other tool's line").doesNotContain("not uvmctl's probes");
        assertThat(Files.readString(root.resolve(T + "/instances/uvmctl/trace_marker"))).isEqualTo("uvmctl: start of the run\nuvmctl: end of the run\n");
        assertThat(live.err()).as("said as it crossed the timeout, at the mark's time").contains("uvmctl: thread 6100 (python) of process "
            + "6100 entered uvm_va_space_destroy of va_space 0xffff9a2b41c00000 at [10100.000400] and had not returned 3m20s later, at "
            + "[10300.000500]: blocked in the driver's teardown, as a hung-task warning would say, unless it returns (judged when the run "
            + "ends)\n");
    }

    /**
     * The kernel counted misses of the probes while the run went on (kprobe_profile): two returns of uvm_va_space_destroy
     * missed since the run began (one more was missed before it). The run says so in the trace before its end, and 6100's
     * teardown, whose return may be one of them, is not judged.
     */
    @Test
    void aLiveRunSaysItsProbesMissesInTheTraceAndJudgesNoTeardownWhoseReturnMayBeOne(@TempDir Path tmp) throws Exception {
        Path root = machine(tmp.resolve("root"));
        Path profile = root.resolve(T + "/kprobe_profile");
        Files.writeString(profile, String.format("  %-44s %15d %15d%n  %-44s %15d %15d%n", "uvm_vas_destroy", 4, 0, "uvm_vas_destroy_r", 3, 1));
        CliRun.Result live = liveRunOverAFifo(root, () -> Files.writeString(profile, String.format("  %-44s %15d %15d%n  %-44s %15d %15d%n",
            "uvm_vas_destroy", 9, 0, "uvm_vas_destroy_r", 6, 3)));
        assertThat(live.exitCode()).as(live.toString()).isEqualTo(ExitCode.OK);
        assertThat(Files.readString(root.resolve(T + "/instances/uvmctl/trace_marker")))
            .isEqualTo("uvmctl: start of the run\nuvmctl: probes missed hits (kprobe_profile): uvm_vas_destroy_r=2\nuvmctl: end of the run\n");
        assertThat(live.err()).as("the line of misses comes before the end mark's time is judged").doesNotContain("has not returned");
        assertThat(live.out()).doesNotContain("\"class\" : \"stuck\"")
            .contains("the kernel missed 2 hits of uvmctl's probes during the run (kprobe_profile: uvm_vas_destroy_r 2)",
                "the kernel missed 2 returns of uvm_va_space_destroy during the run (kprobe_profile), and this may be one of them: not judged");
    }

    /** What the kernel does to the trace while the run goes on: a step between the probe lines and the run's end. */
    private interface KernelStep {
        void run() throws IOException;
    }

    /**
     * {@code leaks --trace --duration 2s} over the probe set 'trace start' left, whose trace_pipe is a FIFO: a thread stands in for
     * the kernel, writes teardown-hangs.trace's lines but its last, then does {@code meanwhile}, then prints each line that lands
     * in the instance's trace_marker, as the kernel does, up to the end mark, 200 s after the last probe line.
     */
    private CliRun.Result liveRunOverAFifo(Path root, KernelStep meanwhile) throws Exception {
        assertThat(run(root, "trace", "start").exitCode()).isZero();
        Path marker = root.resolve(T + "/instances/uvmctl/trace_marker");
        String lines = FakeTracePipe.events("teardown-hangs.trace").lines().filter(l -> !l.contains(" 10240."))
            .reduce("", (a, b) -> a + b + "\n");
        try (FakeTracePipe kernel = FakeTracePipe.open(root.resolve(T + "/instances/uvmctl/trace_pipe"), lines, out -> {
            meanwhile.run();
            while (!(Files.exists(marker) && Files.readString(marker).contains(dev.uvmctl.tracefs.Tracefs.END_MARK))) {
                Thread.sleep(20);
            }
            for (String mark : Files.readAllLines(marker)) {
                out.write(("          uvmctl-7000    (   7000) [001] ..... 10300.000500: tracing_mark_write: " + mark + "\n")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
        })) {
            return run(root, "leaks", "--trace", "--duration", "2s", "-o", "json");
        }
    }

    @Test
    void aRecordingReadsTheInstanceAndLeaksReadsTheRecording(@TempDir Path tmp) throws IOException {
        Path root = machine(tmp.resolve("root"));
        assertThat(run(root, "trace", "start").exitCode()).isZero();
        // What the kernel would have written to the instance's trace_pipe: the recorded lines, without uvmctl's header.
        String lines = Files.readString(Path.of("src/test/resources/ftrace/oom-worker-holds.trace")).lines()
            .filter(l -> !l.startsWith("#")).reduce("", (a, b) -> a + b + "\n");
        write(root, T + "/instances/uvmctl/trace_pipe", lines);
        Path saved = tmp.resolve("uvm.trace");
        CliRun.Result record = run(root, "trace", "record", "--to", saved.toString());
        assertThat(record.exitCode()).as(record.toString()).isZero();
        assertThat(record.err()).startsWith("Reading the probes in /sys/kernel/tracing/instances/uvmctl");
        List<String> got = Files.readAllLines(saved);
        assertThat(got.get(0)).startsWith("# uvmctl-trace: version=1 release=580.95.05 arch=x86_64 clock=local "
            + "boot=6f1c2a9e-3b7d-4c5e-9a81-0d4e6f7a8b9c layout=580.65.06.. destroy_returns=1 instance=uvmctl started=2026-11-27T12:00:00Z");
        assertThat(got.get(1)).isEqualTo("# uvmctl-trace: gpu=1 uuid=" + UUID + " pci=0000:3b:00.0");
        assertThat(got).contains("# uvmctl-trace: missing=uvm_hmm_evict why=\"nvidia_uvm:uvm_hmm_va_block_evict_chunks is not in the "
            + "kernel's symbols (inlined or not built in this driver)\" kinds=");
        assertThat(String.join("\n", got) + "\n").endsWith(lines);
        CliRun.Result leaks = new CliRun().run("leaks", saved.toString(), "-o", "json");
        assertThat(leaks.exitCode()).as(leaks.toString()).isEqualTo(1);
        assertThat(leaks.out()).contains("\"format\" : \"ftrace\"").contains("\"class\" : \"held\"");
        CliRun.Result live = run(root, "leaks", "--trace", "-o", "json");
        assertThat(live.exitCode()).as(live.toString()).isEqualTo(1);
        assertThat(live.out()).contains("\"format\" : \"ftrace\"").contains("\"class\" : \"held\"");
        assertThat(run(root, "leaks", "--duration", "1m").exitCode()).as("--duration goes with --trace").isEqualTo(ExitCode.USAGE);
        CliRun.Result ndjson = run(root, "trace", "record", "-o", "ndjson");
        assertThat(ndjson.out()).contains("\"type\":\"migrated\"").contains("\"to\":\"0000:3b:00.0\"");
        assertThat(Files.exists(root.resolve(T + "/instances/uvmctl"))).as("the set 'trace start' left stays").isTrue();
    }

    /**
     * A GPU is in UVM's procfs only once a va_space registers it: a recording begun before any program used the GPU
     * has no gpu= line in its header. The GPU that appears while it runs is named by a line of its own, at the next
     * line boundary a second or more on, and the saved trace then names the GPU by its PCI id, not uvm-gpu1.
     */
    @Test
    void aGpuRegisteredAfterTheRecordingBeganIsNamedInTheTrace(@TempDir Path tmp) throws IOException {
        Path root = machine(tmp.resolve("root"));
        Path link = root.resolve("proc/driver/nvidia-uvm/gpus/1");
        Files.delete(link); // an idle node: UVM retains no GPU yet
        assertThat(run(root, "trace", "start").exitCode()).isZero();
        String lines = Files.readString(Path.of("src/test/resources/ftrace/oom-worker-holds.trace")).lines()
            .filter(l -> !l.startsWith("#")).reduce("", (a, b) -> a + b + "\n");
        write(root, T + "/instances/uvmctl/trace_pipe", lines);
        Path saved = tmp.resolve("uvm.trace");
        // Each reading a second after the last; the first one after the header is written finds the GPU registered.
        java.time.Clock clock = new java.time.Clock() {
            private long millis = java.time.Instant.parse("2026-11-27T12:00:00Z").toEpochMilli();

            @Override
            public java.time.Instant instant() {
                millis += 1000;
                try {
                    if (!Files.isSymbolicLink(link) && Files.exists(saved) && Files.size(saved) > 0) {
                        Files.createSymbolicLink(link, Path.of(UUID + "/0"));
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                return java.time.Instant.ofEpochMilli(millis);
            }

            @Override
            public java.time.ZoneId getZone() {
                return java.time.ZoneOffset.UTC;
            }

            @Override
            public java.time.Clock withZone(java.time.ZoneId zone) {
                return this;
            }
        };
        CliRun.Result record = new CliRun().clock(clock).run("--root", root.toString(), "trace", "record", "--to", saved.toString());
        assertThat(record.exitCode()).as(record.toString()).isZero();
        List<String> got = Files.readAllLines(saved);
        assertThat(got).filteredOn(l -> l.startsWith("# uvmctl-trace: gpu=")).as("not in the header, once after it")
            .containsExactly("# uvmctl-trace: gpu=1 uuid=" + UUID + " pci=0000:3b:00.0");
        assertThat(got.indexOf("# uvmctl-trace: gpu=1 uuid=" + UUID + " pci=0000:3b:00.0")).isGreaterThan(0);
        assertThat(String.join("\n", got.stream().filter(l -> !l.startsWith("# uvmctl-trace: gpu=")).toList()) + "\n").as("the kernel's lines, whole")
            .endsWith(lines);
        CliRun.Result leaks = new CliRun().run("leaks", saved.toString(), "-o", "json");
        assertThat(leaks.out()).contains("0000:3b:00.0").doesNotContain("uvm-gpu1");
    }

    /**
     * A record with no set of 'trace start' to read installs its own and removes it when it ends, in
     * the order the kernel requires, leaving another tool's definition alone. (The instance of a
     * stand-in root has no trace_pipe of the kernel's: the test gives the lines it reads.)
     */
    @Test
    void aRecordThatInstalledItsProbesRemovesThemWhenItEnds(@TempDir Path tmp) throws IOException {
        Path root = machine(tmp.resolve("root"));
        String lines = Files.readString(Path.of("src/test/resources/ftrace/oom-worker-holds.trace")).lines()
            .filter(l -> !l.startsWith("#")).reduce("", (a, b) -> a + b + "\n");
        String pipe = "/" + T + "/instances/uvmctl/trace_pipe";
        CliRun.Result record = new CliRun().rootOpener(dir -> new ForwardingSysRoot() {
            private final SysRoot plain = SystemRoots.open(dir);

            @Override
            protected SysRoot delegate() {
                return plain;
            }

            @Override
            public InputStream open(String path) throws IOException {
                return path.equals(pipe) ? new ByteArrayInputStream(lines.getBytes(StandardCharsets.UTF_8)) : plain.open(path);
            }
        }).run("--root", root.toString(), "trace", "record");
        assertThat(record.exitCode()).as(record.toString()).isZero();
        assertThat(record.err()).startsWith("Probes installed in /sys/kernel/tracing/instances/uvmctl");
        assertThat(record.out()).endsWith(lines);
        List<String> defined = Files.readAllLines(root.resolve(T + "/kprobe_events"));
        assertThat(defined.get(0)).isEqualTo(OTHER);
        List<String> added = defined.stream().filter(l -> l.matches("(p|r\\d*):uvmctl/.*")).toList();
        List<String> removed = defined.stream().filter(l -> l.startsWith("-:uvmctl/")).toList();
        assertThat(added).isNotEmpty();
        assertThat(removed).as("each probe it defined, removed").hasSameSizeAs(added)
            .containsAll(added.stream().map(l -> "-:uvmctl/" + l.substring(l.indexOf('/') + 1, l.indexOf(' '))).toList());
        assertThat(defined.indexOf(removed.get(0))).isGreaterThan(defined.indexOf(added.get(added.size() - 1)));
        assertThat(Files.exists(root.resolve(T + "/instances/uvmctl"))).isFalse();
        assertThat(Files.exists(root.resolve("run/uvmctl/trace.lock"))).isFalse();
    }

    /**
     * What stands at /run/uvmctl/trace.lock, or at /run/uvmctl, is no lock file uvmctl wrote (a
     * directory, say): each command says so and exits 3, touching no probe, rather than calling it
     * another run's lock (which no run would ever let go of) or a set nobody holds.
     */
    @Test
    void aLockThatIsNoFileIsSaidAsSuchNotAsAnotherRunsLock(@TempDir Path tmp) throws IOException {
        Path root = machine(tmp.resolve("dir"));
        Files.createDirectories(root.resolve("run/uvmctl/trace.lock"));
        for (String command : List.of("start", "stop", "status")) {
            CliRun.Result r = run(root, "trace", command);
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.INCOMPLETE);
            assertThat(r.err()).as(command).contains("cannot read the lock /run/uvmctl/trace.lock (is a directory")
                .doesNotContain("another uvmctl").doesNotContain("run as root");
        }
        assertThat(Files.readAllLines(root.resolve(T + "/kprobe_events"))).containsExactly(OTHER);

        Path file = machine(tmp.resolve("file"));
        write(file, "run/uvmctl", "not a directory\n");
        CliRun.Result start = run(file, "trace", "start");
        assertThat(start.exitCode()).as(start.toString()).isEqualTo(ExitCode.INCOMPLETE);
        assertThat(start.err()).contains("cannot write the lock /run/uvmctl/trace.lock (Not a directory)").doesNotContain("another uvmctl");
        assertThat(Files.readAllLines(file.resolve(T + "/kprobe_events"))).containsExactly(OTHER);
    }

    @Test
    void aLiveRunHoldingTheLockIsLeftAloneAndACrashedOnesProbesAreRemoved(@TempDir Path tmp) throws IOException {
        Path root = machine(tmp);
        write(root, "proc/4242/stat", "4242 (java) S 1 4242 4242 0 -1 4194560 0 0 0 0 0 0 0 0 20 0 30 0 777 0 0\n");
        write(root, "run/uvmctl/trace.lock", "owner=4242\nowner_start=777\ncommand=record\nsince=2026-11-27T11:00:00Z\n"
            + "tracefs=/sys/kernel/tracing\nprobe=uvmctl/uvm_vas_destroy\n");
        Files.writeString(root.resolve(T + "/kprobe_events"), "p:uvmctl/uvm_vas_destroy nvidia_uvm:uvm_va_space_destroy vas=%di:x64\n",
            java.nio.file.StandardOpenOption.APPEND);
        for (String[] cmd : List.of(new String[] {"trace", "start"}, new String[] {"trace", "stop"}, new String[] {"trace", "record"},
            new String[] {"leaks", "--trace"})) {
            CliRun.Result r = run(root, cmd);
            assertThat(r.exitCode()).as(String.join(" ", cmd) + "\n" + r).isEqualTo(ExitCode.INCOMPLETE);
            assertThat(r.err()).contains("uvmctl record (pid 4242) has held the probes since 2026-11-27T11:00:00Z");
        }
        assertThat(Files.readString(root.resolve(T + "/kprobe_events"))).doesNotContain("-:uvmctl");
        assertThat(run(root, "trace", "status").out()).contains("(pid 4242) since 2026-11-27T11:00:00Z, which is running.");

        Files.delete(root.resolve("proc/4242/stat")); // it crashed without its cleanup
        assertThat(run(root, "trace", "status").out()).contains("which has ended: the next start or stop removes them");
        CliRun.Result stop = run(root, "trace", "stop");
        assertThat(stop.exitCode()).as(stop.toString()).isZero();
        assertThat(stop.out()).isEqualTo("Removed: uvm_vas_destroy.\n");
        assertThat(Files.readAllLines(root.resolve(T + "/kprobe_events"))).endsWith("-:uvmctl/uvm_vas_destroy");
        assertThat(Files.exists(root.resolve("run/uvmctl/trace.lock"))).isFalse();
    }

    @Test
    void watchWithoutATerminalSetsNoProbe(@TempDir Path tmp) throws IOException {
        Path root = machine(tmp);
        CliRun.Result r = run(root, "watch", "--trace");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(Files.readString(root.resolve(T + "/kprobe_events"))).isEqualTo(OTHER + "\n");
        assertThat(Files.exists(root.resolve(T + "/instances/uvmctl"))).isFalse();
    }

    @Test
    void withoutTracefsOrUnderLockdownTheAnswerIsExitThreeWithWhatToDo(@TempDir Path tmp) throws IOException {
        write(tmp, "sys/module/nvidia_uvm/version", "580.95.05\n");
        CliRun.Result none = run(tmp, "trace", "start");
        assertThat(none.exitCode()).isEqualTo(ExitCode.INCOMPLETE);
        assertThat(none.err()).contains("no tracefs with kprobe_events").contains("mount -t tracefs")
            .as("under --root, the directories tried are the root's own")
            .contains(tmp.resolve("sys/kernel/tracing").toString());
        Path root = machine(tmp.resolve("locked"));
        write(root, "sys/kernel/security/lockdown", "none integrity [confidentiality]\n");
        CliRun.Result locked = run(root, "trace", "record", "--duration", "1s");
        assertThat(locked.exitCode()).isEqualTo(ExitCode.INCOMPLETE);
        assertThat(locked.err()).contains("confidentiality mode");
    }
}
