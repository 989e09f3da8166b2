package dev.uvmctl.ingest;

import dev.uvmctl.event.BlockReason;
import dev.uvmctl.event.DriverLoaded;
import dev.uvmctl.event.DriverUnloaded;
import dev.uvmctl.event.Event;
import dev.uvmctl.event.EventKind;
import dev.uvmctl.event.EventReader;
import dev.uvmctl.event.EventTime;
import dev.uvmctl.event.EventsLost;
import dev.uvmctl.event.ExitReason;
import dev.uvmctl.event.ProcessExited;
import dev.uvmctl.event.ProcessIdentity;
import dev.uvmctl.event.TaskBlocked;
import dev.uvmctl.shared.Provenance;
import static org.assertj.core.api.Assertions.assertThat;

import dev.uvmctl.cli.CliRun;
import dev.uvmctl.shared.Diagnostic;
import dev.uvmctl.testing.Golden;
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
import org.junit.jupiter.params.provider.CsvSource;

/** Kernel logs as events: which records become which events, with what time, boot and provenance. */
class KernelLogEventsTest {
    private static final String OOM_LOG = "src/test/resources/kernel-logs/oom-hung-unload.log";

    private static List<Event> events(String input) throws IOException {
        List<Event> out = new ArrayList<>();
        try (InputStream in = Files.newInputStream(Path.of(input));
             EventReader r = new KernelLogEventSource().open(in, input, d -> { })) {
            for (Event e = r.next(); e != null; e = r.next()) {
                out.add(e);
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "xid-002,            src/test/resources/corpus/xid/002-xid31-62-45-cascade-chia.txt",
        "uvm-log-004,        src/test/resources/corpus/uvm-log/004-uvm-loaded-then-null-deref-375.txt",
        "bug-report-003,     src/test/resources/corpus/bug-report/003-kernlog-scan-section-start-430-to-xid.txt",
        "oom-hung-unload,    src/test/resources/kernel-logs/oom-hung-unload.log",
        "journal-two-boots,  src/test/resources/kernel-logs/journal-two-boots.json",
    })
    void theEventsOfACorpusLogAreExactlyTheExpectedOnes(String name, String input) {
        CliRun.Result r = new CliRun().run("events", input, "-o", "ndjson");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        Golden.assertMatches(r.out(), "expected/events/" + name + ".ndjson");
    }

    @Test
    void anOomKillIsAProcessKilledBySigkillAtItsKernelTime() throws IOException {
        Event kill = events(OOM_LOG).stream().filter(e -> e.kind() == EventKind.process_exited).findFirst().orElseThrow();
        String raw = Files.readAllLines(Path.of(OOM_LOG)).get(7);
        assertThat(kill).isEqualTo(new ProcessExited(new EventTime(OOM_LOG + "#1", 4_210_481_290_000L, EventTime.UNKNOWN),
            new Provenance(OOM_LOG, 8, raw), 5120, "python3", ExitReason.oom_kill, 9, null,
            new ProcessIdentity(1000, "/user.slice/user-1000.slice/session-3.scope")));
    }

    /**
     * Whose an OOM-killed process was: the kill line's UID, and the memory cgroup of the summary
     * line just before it when that names the same pid (mm/oom_kill.c: dump_oom_summary, then
     * __oom_kill_process), in Slurm's cgroup v1 and v2 layouts; an old kernel's kill line tells
     * neither, and a summary of another pid gives no cgroup.
     */
    @Test
    void anOomKillTellsWhoseTheProcessWasFromTheLinesOfThatKill() throws IOException {
        String log = "src/test/resources/kernel-logs/oom-slurm-jobs.log";
        List<ProcessExited> kills = events(log).stream().filter(e -> e.kind() == EventKind.process_exited)
            .map(ProcessExited.class::cast).toList();
        assertThat(kills).extracting(ProcessExited::pid).containsExactly(5120, 6230, 7001, 8001);
        assertThat(kills).extracting(ProcessExited::identity).containsExactly(
            new ProcessIdentity(1000, "/slurm/uid_1000/job_42/step_0/task_0"),
            new ProcessIdentity(1001, "/system.slice/slurmstepd.scope/job_43/step_0/user/task_0"),
            ProcessIdentity.UNKNOWN,
            new ProcessIdentity(1003, null));
        // The identity travels through NDJSON and back, and is left out where unknown.
        CliRun.Result r = new CliRun().run("events", log, "-o", "ndjson");
        assertThat(r.out()).contains("\"pid\":5120,\"comm\":\"python3\",\"reason\":\"oom_kill\",\"signal\":9,\"code\":null,"
            + "\"uid\":1000,\"cgroup\":\"/slurm/uid_1000/job_42/step_0/task_0\",");
        assertThat(r.out()).contains("\"pid\":7001,\"comm\":\"python\",\"reason\":\"oom_kill\",\"signal\":9,\"code\":null,\"src\"");
        List<Event> back = new ArrayList<>();
        try (EventReader in = new NdjsonEventSource().open(new ByteArrayInputStream(r.out().getBytes(StandardCharsets.UTF_8)), "events",
                d -> { throw new AssertionError(d.toString()); })) {
            for (Event e = in.next(); e != null; e = in.next()) {
                back.add(e);
            }
        }
        assertThat(back.stream().filter(e -> e.kind() == EventKind.process_exited).map(e -> ((ProcessExited) e).identity()).toList())
            .isEqualTo(kills.stream().map(ProcessExited::identity).toList());
    }

    @Test
    void aHungTaskIsATaskBlockedWithItsFramesInnermostFirst() throws IOException {
        TaskBlocked hung = (TaskBlocked) events(OOM_LOG).stream().filter(e -> e.kind() == EventKind.task_blocked).findFirst().orElseThrow();
        assertThat(hung.pid()).isEqualTo(6001);
        assertThat(hung.comm()).isEqualTo("python");
        assertThat(hung.reason()).isEqualTo(BlockReason.hung_task);
        assertThat(hung.frames()).containsExactly("__schedule+0x27c/0x6b0", "schedule+0x33/0x110", "schedule_preempt_disabled+0x15/0x30",
            "__mutex_lock.constprop.0+0x3f8/0x7a0", "uvm_va_space_destroy+0x2a1/0x500 [nvidia_uvm]",
            "uvm_release.constprop.0+0x93/0xc0 [nvidia_uvm]", "uvm_release_entry+0x2a/0x70 [nvidia_uvm]", "__fput+0xff/0x2c0",
            "task_work_run+0x5d/0x90", "do_exit+0x381/0xb20");
    }

    @Test
    void theCoreDriversUnloadIsTheNvlinkCoresAndUvmLoadsCarryTheCoreVersion() throws IOException {
        List<Event> drivers = events(OOM_LOG).stream()
            .filter(e -> e.kind() == EventKind.driver_loaded || e.kind() == EventKind.driver_unloaded).toList();
        assertThat(drivers).extracting(e -> e instanceof DriverLoaded l ? "load " + l.module() + " " + l.version()
            : "unload " + ((DriverUnloaded) e).module())
            .containsExactly("load nvidia 550.54.14", "load nvidia_uvm 550.54.14", "unload nvidia_uvm", "unload nvidia");
    }

    @Test
    void journalBootIdsAreWrittenAsUuidsAndWallTimeIsKeptWhenTheLogGivesYearAndZone() throws IOException {
        List<Event> events = events("src/test/resources/kernel-logs/journal-two-boots.json");
        assertThat(events).extracting(e -> e.time().boot()).containsExactly("9b2d4f6a-1c3e-4a5b-8d7f-0e1c2b3a4d5e",
            "9b2d4f6a-1c3e-4a5b-8d7f-0e1c2b3a4d5e", "9b2d4f6a-1c3e-4a5b-8d7f-0e1c2b3a4d5e", "6f1c2a4e-9b3d-4c5e-8a7f-0d1e2f3a4b5c",
            "6f1c2a4e-9b3d-4c5e-8a7f-0d1e2f3a4b5c");
        assertThat(EventTime.wall(events.get(4).time().wallNanos())).isEqualTo("2025-11-27T12:10:09.275378Z");
    }

    /**
     * Where the log says it lost messages (here /dev/kmsg's record numbers jump: devkmsg_read,
     * kernel/printk/printk.c), the model is told by an events_lost at that place and time, like a
     * trace's lost events, so that nothing after it reads as clean.
     */
    /**
     * What a log held instead of events (EventReader.heldInstead), read to its end: its driver records by kind when none gave an
     * event; nothing for a log whose records gave events (an Xid with them), or for one with a boot's line alone.
     */
    @Test
    void aLogThatGaveNoEventSaysWhichRecordsItHeld() throws IOException {
        String failed = "May 27 16:50:10 fedora kernel: NVRM: GPU 0000:09:00.0: RmInitAdapter failed! (0x22:0x56:894)\n";
        String xid = "May 27 16:50:11 fedora kernel: NVRM: Xid (PCI:0000:09:00): 79, pid='<unknown>', name=<unknown>, GPU has fallen "
            + "off the bus.\n";
        String boot = "[    0.000000] Linux version 6.1.0-18-amd64 (debian-kernel@lists.debian.org)\n";
        assertThat(heldInstead(failed + failed)).isEqualTo("2 records of the NVIDIA driver (gpu-failure 2) and nothing the model "
            + "replays (no va_space, process, Xid, load or fault): 'uvmctl dmesg' lists them");
        assertThat(heldInstead(failed + xid)).as("the Xid is an event").isNull();
        assertThat(heldInstead(boot)).as("no line of the driver").isNull();
    }

    private static String heldInstead(String log) throws IOException {
        try (EventReader r = new KernelLogEventSource().open(new ByteArrayInputStream(log.getBytes(StandardCharsets.UTF_8)), "k", d -> { })) {
            while (r.next() != null) {
                // read to the end, where what it held is known
            }
            return r.heldInstead();
        }
    }

    @Test
    void aGapInTheLogIsAnEventsLostInItsPlace() throws IOException {
        String log = "6,500,2000000,-;nvidia-uvm: Loaded the UVM driver, major device number 508.\n"
            + "6,650,3000000,-;usb 1-1: New USB device found\n"
            + "6,651,3100000,-;Out of memory: Killed process 5120 (python3) total-vm:98765432kB, anon-rss:65432100kB, file-rss:0kB, "
            + "shmem-rss:0kB, UID:1000 pgtables:130000kB oom_score_adj:0\n";
        List<Event> events = new ArrayList<>();
        try (EventReader r = new KernelLogEventSource().open(new ByteArrayInputStream(log.getBytes(StandardCharsets.UTF_8)), "kmsg", d -> { })) {
            for (Event e = r.next(); e != null; e = r.next()) {
                events.add(e);
            }
        }
        assertThat(events).extracting(Event::kind).containsExactly(EventKind.driver_loaded, EventKind.events_lost, EventKind.process_exited);
        EventsLost lost = (EventsLost) events.get(1);
        assertThat(lost.count()).isEqualTo(149L);
        assertThat(lost.cpu()).isNull();
        assertThat(lost.time().monoNanos()).isEqualTo(3_000_000_000L);
        assertThat(lost.source().line()).isEqualTo(2);
        assertThat(lost.source().text()).isEqualTo("6,650,3000000,-;usb 1-1: New USB device found");
    }

    /** A report that found nothing in a log with a hole in it says so, as it does for a trace (FtraceEventsTest). */
    @Test
    void noFindingsInALogThatLostMessagesSaysSo(@TempDir Path dir) throws IOException {
        Path log = dir.resolve("kern.log");
        Files.writeString(log, "Nov 27 12:00:01 node kernel: nvidia-uvm: Loaded the UVM driver, major device number 511.\n"
            + "Nov 27 12:00:02 node systemd-journald[400]: Missed 1234 kernel messages\n"
            + "Nov 27 12:00:03 node kernel: usb 1-1: new device\n");
        CliRun.Result table = new CliRun().run("leaks", log.toString());
        assertThat(table.exitCode()).as(table.toString()).isZero();
        assertThat(table.out()).isEqualTo("No findings: 1 event replayed, 0 va_spaces and 0 processes at the end; but the inputs lost "
            + "1234 events, and what those would have shown is not judged (the diagnostics say where).\n");
        CliRun.Result json = new CliRun().run("leaks", log.toString(), "-o", "json");
        assertThat(json.out()).contains("\"lost\" : {\n      \"reports\" : 1,\n      \"counted\" : 1234,\n      \"uncounted\" : 0\n    }");
    }

    @Test
    void aLineWithWallTimeOnlyStaysInAnUnnamedBootForACaptureToPlace() throws IOException {
        String log = "2025-11-27T12:10:09.275378+00:00 node kernel: Out of memory: Killed process 5120 (python3) total-vm:98765432kB, "
            + "anon-rss:65432100kB, file-rss:0kB, shmem-rss:0kB, UID:1000 pgtables:130000kB oom_score_adj:0\n";
        try (EventReader r = new KernelLogEventSource().open(new ByteArrayInputStream(log.getBytes(StandardCharsets.UTF_8)), "k", d -> { })) {
            Event e = r.next();
            assertThat(e.time()).isEqualTo(new EventTime(null, EventTime.UNKNOWN, EventTime.parseWall("2025-11-27T12:10:09.275378Z")));
            assertThat(r.next()).isNull();
        }
    }

    @Test
    void aSystemRootsLogIsInTheRootsBootAndEarlierJournalBootsAreLeftOut() {
        KernelRecordEvents.BootNames root = KernelRecordEvents.ofRoot("6f1c2a4e-9b3d-4c5e-8a7f-0d1e2f3a4b5c");
        dev.uvmctl.kernellog.RecordOrigin kmsg = new dev.uvmctl.kernellog.RecordOrigin("/dev/kmsg", null, 1, 1, "x", 1, null, 1L, null, null);
        dev.uvmctl.kernellog.RecordOrigin earlier = new dev.uvmctl.kernellog.RecordOrigin("j", null, 1, 1, "x", 1,
            "9b2d4f6a1c3e4a5b8d7f0e1c2b3a4d5e", 1L, null, null);
        dev.uvmctl.kernellog.RecordOrigin same = new dev.uvmctl.kernellog.RecordOrigin("j", null, 1, 1, "x", 2,
            "6F1C2A4E9B3D4C5E8A7F0D1E2F3A4B5C", 1L, null, null);
        assertThat(root.of(kmsg)).isEqualTo("6f1c2a4e-9b3d-4c5e-8a7f-0d1e2f3a4b5c");
        assertThat(root.keeps(earlier)).isFalse();
        assertThat(root.keeps(same)).isTrue();
        assertThat(root.of(same)).isEqualTo("6f1c2a4e-9b3d-4c5e-8a7f-0d1e2f3a4b5c");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        a pasted prompt first      | $ sudo dmesg\\n[  100.000000] NVRM: Xid (PCI:0000:3b:00): 13, pid=1234, name=python, Graphics Exception\\n |
        a section header first     | journalctl -b -1:\\nNov 27 12:08:42 node kernel: NVRM: GPU 0000:3b:00.0: GPU has fallen off the bus.\\n |
        journal JSON               | {"__REALTIME_TIMESTAMP":"1764241201123456","_BOOT_ID":"6f1c","MESSAGE":"NVRM: loading"}\\n |
        a bare excerpt             | NVRM: GPU at PCI:0000:08:00: GPU-UID\\n |
        empty                      | '' | is empty
        an nvidia-smi table        | +-----------------------------------------------------------------------------+\\nNVIDIA-SMI 535.129.03     Driver Version: 535.129.03   CUDA Version: 12.2\\n | no kernel-log lines could be read from it
        maps                       | 200000000-200100000 rwxs 411c5a000 00:06 512                             /dev/nvidiactl\\n | no kernel-log lines could be read from it
        other JSON                 | {"type":"va_space_created","va_space":"0x1"}\\n | no kernel-log lines could be read from it
        """)
    void whetherAnInputWasAKernelLogIsKnownOnceReadWhateverItsFirstLine(String what, String text, String incomplete) throws IOException {
        try (EventReader r = new KernelLogEventSource().open(new ByteArrayInputStream(text.replace("\\n", "\n").getBytes(StandardCharsets.UTF_8)),
            "in", d -> { })) {
            assertThat(new KernelLogEventSource().recognizes(text)).as("no first line decides it").isTrue();
            assertThat(r.incomplete()).as("not known before the end").isEmpty();
            while (r.next() != null) {
                // to the end
            }
            assertThat(r.incomplete()).isEqualTo(incomplete == null ? List.of() : List.of(incomplete));
        }
    }

    @Test
    void diagnosticsReachTheConsumersThreadBetweenTheEventsAsTheParserGaveThem() throws IOException {
        List<String> seen = new ArrayList<>();
        Thread consumer = Thread.currentThread();
        String input = "src/test/resources/corpus/uvm-log/004-uvm-loaded-then-null-deref-375.txt";
        try (InputStream in = Files.newInputStream(Path.of(input));
             EventReader r = new KernelLogEventSource().open(in, input, (Diagnostic d) -> seen.add("diagnostic " + d.line()
                 + (Thread.currentThread() == consumer ? "" : " on another thread")))) {
            for (Event e = r.next(); e != null; e = r.next()) {
                seen.add(e.kind() + " " + e.source().line());
            }
        }
        // The parser holds a record until the line after it is read: a diagnostic of that line comes first.
        assertThat(seen).containsExactly("driver_loaded 7", "diagnostic 12", "driver_loaded 11", "diagnostic 13", "driver_fault 12");
    }
}
