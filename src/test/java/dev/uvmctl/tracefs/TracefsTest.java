package dev.uvmctl.tracefs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.uvmctl.params.DriverVersion;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Setting the probes up and taking them down on a tracefs that behaves as the kernel's ({@link FakeTracefs}). */
class TracefsTest {
    private static final String T = FakeTracefs.T;
    private static final String OTHER = "p:perf_probe/do_sys_openat2 vmlinux:do_sys_openat2 dfd=%di:s32";
    private static final Instant NOW = Instant.parse("2026-11-27T11:00:00Z");
    private static final ProbeTable TABLE = ProbeTable.load();
    private static final ProbeTable.Selection R580 = TABLE.select(DriverVersion.of("580.95.05"), "x86_64");

    /** A 580.95.05 driver built without HMM, with another tool's probe already defined. */
    private static FakeTracefs fake() {
        FakeTracefs f = new FakeTracefs().file("/sys/module/nvidia_uvm/version", "580.95.05\n").tracepoint("nvidia/nvidia_dev_xid");
        f.symbols("vmlinux:do_sys_openat2").defined(OTHER);
        for (Probe p : R580.probes()) {
            if (p.kind() == Probe.Kind.kprobe && !p.name().startsWith("uvm_hmm")) {
                f.symbols(p.symbol());
            }
        }
        return f;
    }

    /** Every function the 580 probes are on, HMM's included. */
    private static FakeTracefs withSymbols(FakeTracefs f) {
        for (Probe p : R580.probes()) {
            if (p.kind() == Probe.Kind.kprobe) {
                f.symbols(p.symbol());
            }
        }
        return f;
    }

    private static TraceLock.Owner owner(int pid) {
        return new TraceLock.Owner(pid, null, "record");
    }

    @Test
    void startAppendsEachDefinitionEnablesThemInItsOwnInstanceAndLeavesOtherProbesAlone() throws Exception {
        FakeTracefs f = fake();
        Tracefs.Setup s = new Tracefs(f, f).start(R580, owner(4000), NOW, 4096);
        assertThat(f.truncated).as("kprobe_events is never opened without append").isFalse();
        assertThat(f.definitions().get(0)).isEqualTo(OTHER);
        assertThat(f.definitions()).contains("p:uvmctl/uvm_migrate nvidia_uvm:uvm_perf_event_notify pev=%di:x64 ev=%si:u32 block=+8(%dx):x64 "
            + "dst=+16(%dx):u32 src=+20(%dx):u32 dst_nid=+24(%dx):s16 src_nid=+26(%dx):s16 addr=+32(%dx):x64 bytes=+40(%dx):u64 "
            + "mode=+48(%dx):u32 cause=+56(%dx):u32");
        assertThat(f.log.stream().filter(l -> l.startsWith("append kprobe_events")).count()).as("one definition per write")
            .isEqualTo(s.installed().stream().filter(p -> p.kind() == Probe.Kind.kprobe).count());
        assertThat(f.isEnabled("uvmctl", "uvmctl/uvm_migrate")).isTrue();
        assertThat(f.isEnabled("", "uvmctl/uvm_migrate")).as("never at the top level").isFalse();
        assertThat(f.filter("uvmctl", "uvmctl/uvm_migrate")).isEqualTo("ev == 7");
        assertThat(f.filter("uvmctl", "uvmctl/uvm_range_ev")).isEqualTo("ev == 3 || ev == 4");
        assertThat(f.isEnabled("uvmctl", "sched/sched_process_exit")).isTrue();
        assertThat(f.isEnabled("uvmctl", "nvidia/nvidia_dev_xid")).isTrue();
        assertThat(f.readString(T + "/instances/uvmctl/options/record-tgid")).isEqualTo("1\n");
        assertThat(f.readString(T + "/instances/uvmctl/buffer_size_kb")).isEqualTo("4096\n");
        assertThat(s.notInstalled()).extracting(r -> r.probe().name()).containsExactly("uvm_hmm_evict", "uvm_hmm_evict_r");
        assertThat(s.notInstalled().get(0).why()).contains("not in the kernel's symbols");
        TraceLock lock = TraceLock.parse(f.readString(Tracefs.LOCK));
        assertThat(lock.owner().pid()).isEqualTo(4000);
        assertThat(lock.since()).isEqualTo("2026-11-27T11:00:00Z");
        assertThat(lock.all("probe")).contains("uvmctl/uvm_migrate");
        assertThat(lock.all("missing")).hasSize(2);
    }

    /**
     * An instance starts with the top level's options (trace_array_create): a user who turned off the context columns and the
     * markers, and turned on raw output, at the top would have uvmctl's instance print lines with no TASK-PID, CPU or time, and
     * refuse its marks. The start sets each option the reader needs in its own instance, and leaves the top level as it was.
     */
    @Test
    void theInstancePrintsLinesAsTheReaderNeedsWhateverTheTopLevelWasSetTo() throws Exception {
        FakeTracefs f = fake().optionAtTop("context-info", "0").optionAtTop("markers", "0").optionAtTop("raw", "1")
            .optionAtTop("latency-format", "1").optionAtTop("hex", "1").optionAtTop("bin", "1").optionAtTop("sym-addr", "1");
        Tracefs t = new Tracefs(f, f);
        Tracefs.Setup s = t.start(R580, owner(4000), NOW, 4096);
        Map<String, String> needed = Map.of("context-info", "1", "markers", "1", "raw", "0", "latency-format", "0", "hex", "0", "bin", "0",
            "sym-addr", "0", "record-tgid", "1");
        for (Map.Entry<String, String> o : needed.entrySet()) {
            assertThat(f.readString(T + "/instances/uvmctl/options/" + o.getKey())).as(o.getKey()).isEqualTo(o.getValue() + "\n");
        }
        assertThat(f.readString(T + "/options/context-info")).as("the top level left as the user set it").isEqualTo("0\n");
        assertThat(f.readString(T + "/options/markers")).isEqualTo("0\n");
        assertThat(t.markEnd(s)).as("the end mark is written, markers being on in the instance").isTrue();
        assertThat(s.notes()).noneMatch(n -> n.contains("could not be set"));
    }

    /**
     * kprobe_profile names events without their group: the set's counts are read for its own kprobes' names (another tool's
     * probe of another name is not), and the misses since a first reading are the run's. No file: the misses are unknown.
     */
    @Test
    void theProfileGivesTheSetsKprobesHitsAndMisses() throws Exception {
        FakeTracefs f = fake();
        Tracefs t = new Tracefs(f, f);
        Tracefs.Setup s = t.start(R580, owner(4000), NOW, 4096);
        f.counted("perf_probe/do_sys_openat2", 500, 7).counted("uvmctl/uvm_vas_destroy_r", 3, 1);
        Map<String, ProbeProfile.Counts> before = t.profile(s);
        assertThat(before).containsEntry("uvm_vas_destroy_r", new ProbeProfile.Counts(3, 1))
            .containsEntry("uvm_migrate", new ProbeProfile.Counts(0, 0)).doesNotContainKey("do_sys_openat2")
            .as("tracepoints are not in kprobe_profile").doesNotContainKey("sched_process_exit");
        f.counted("uvmctl/uvm_vas_destroy_r", 9, 4).counted("uvmctl/uvm_migrate", 1000, 2);
        assertThat(ProbeProfile.missedSince(before, t.profile(s))).containsOnly(Map.entry("uvm_migrate", 2L), Map.entry("uvm_vas_destroy_r", 3L));
        assertThat(t.mark(s, "note")).isTrue();
        assertThat(f.readString(T + "/instances/uvmctl/trace_marker")).isEqualTo("note\n");
        FakeTracefs none = new FakeTracefs() {
            @Override
            public java.io.InputStream open(String path) throws java.io.IOException {
                if (path.endsWith("/kprobe_profile")) {
                    throw new java.nio.file.AccessDeniedException(path);
                }
                return super.open(path);
            }
        };
        withSymbols(none.file("/sys/module/nvidia_uvm/version", "580.95.05\n"));
        Tracefs locked = new Tracefs(none, none);
        assertThat(locked.profile(locked.start(R580, owner(4000), NOW, 4096))).as("unknown, not none").isNull();
    }

    /** error_log keeps other tools' errors too: only the entry the refusal added is its reason. */
    private static final String STALE = "[  99.000001] trace_kprobe: error: Invalid fetch argument\n"
        + "  Command: p:perf_probe/x vmlinux:x a=+0(%zz)\n                                 ^\n";

    @Test
    void aRefusedDefinitionSaysWhatTheErrorLogSays() throws Exception {
        FakeTracefs f = fake().refuse("uvm_deferred_free").file(T + "/error_log", STALE);
        Tracefs.Setup s = new Tracefs(f, f).start(R580, owner(4000), NOW, 4096);
        Tracefs.Result r = s.notInstalled().stream().filter(x -> x.probe().name().equals("uvm_deferred_free")).findFirst().orElseThrow();
        assertThat(r.state()).isEqualTo(Tracefs.State.refused);
        assertThat(r.why()).startsWith("the kernel refused it (Invalid argument); error_log: [ 1234.567890] trace_kprobe: error: "
            + "Invalid fetch argument / Command: p:uvmctl/uvm_deferred_free ").doesNotContain("perf_probe");
    }

    /** A refusal the kernel logs nothing for (ENOMEM: trace_kprobe.c, __trace_kprobe_create) is not given another's entry. */
    @Test
    void aRefusalWithoutAnErrorLogEntryIsNotGivenAnOlderOne() throws Exception {
        FakeTracefs f = new FakeTracefs() {
            @Override
            public void append(String path, String text) throws IOException {
                if (text.startsWith("p:uvmctl/uvm_deferred_free ")) {
                    throw new java.nio.file.FileSystemException(path, null, "Cannot allocate memory");
                }
                super.append(path, text);
            }
        };
        withSymbols(f);
        f.file(T + "/error_log", STALE);
        Tracefs.Setup s = new Tracefs(f, f).start(R580, owner(4000), NOW, 4096);
        Tracefs.Result r = s.notInstalled().stream().filter(x -> x.probe().name().equals("uvm_deferred_free")).findFirst().orElseThrow();
        assertThat(r.why()).isEqualTo("the kernel refused it (Cannot allocate memory)");
    }

    /** The fake is the kernel's: the shell's '>' on kprobe_events clears every tool's definitions, or is refused while one is enabled. */
    @Test
    void aWriteWithoutAppendClearsEveryDefinitionUnlessAKprobeIsEnabled() throws Exception {
        FakeTracefs f = fake();
        Tracefs.Setup s = new Tracefs(f, f).start(R580, owner(4000), NOW, 4096);
        assertThatThrownBy(() -> f.write(T + "/kprobe_events", "p:x/y vmlinux:do_sys_openat2")).hasMessageContaining("busy");
        for (Probe p : s.installed()) {
            f.write(s.tracefs() + "/instances/uvmctl/events/" + p.eventDirectory() + "/enable", "0");
        }
        f.write(T + "/instances/uvmctl/events/sched/sched_process_exit/enable", "1");
        f.write(T + "/kprobe_events", "p:x/y vmlinux:do_sys_openat2");
        assertThat(f.truncated).isTrue();
        assertThat(f.definitions()).containsExactly("p:x/y vmlinux:do_sys_openat2");
    }

    @Test
    void stopDisablesThenRemovesEachProbeThenTheInstance() throws Exception {
        FakeTracefs f = fake();
        Tracefs t = new Tracefs(f, f);
        t.start(R580, owner(4000), NOW, 4096);
        f.log.clear();
        Tracefs.Teardown td = t.stop(4000);
        assertThat(td.problems()).isEmpty();
        assertThat(f.definitions()).containsExactly(OTHER);
        assertThat(f.instance("uvmctl")).isFalse();
        assertThat(f.exists(Tracefs.LOCK)).isFalse();
        int lastDisable = lastIndex(f.log, "write instances/uvmctl/events/");
        int firstRemove = firstIndex(f.log, "append kprobe_events -:uvmctl/");
        int rmdir = firstIndex(f.log, "rmdir instances/uvmctl");
        assertThat(lastDisable).isLessThan(firstRemove);
        assertThat(lastIndex(f.log, "append kprobe_events -:uvmctl/")).isLessThan(rmdir);
        assertThat(f.truncated).isFalse();
    }

    @Test
    void anOpenTracePipeKeepsTheInstanceAndAProbeEnabledElsewhereKeepsTheProbe() throws Exception {
        FakeTracefs f = fake();
        Tracefs t = new Tracefs(f, f);
        Tracefs.Setup s = t.start(R580, owner(4000), NOW, 4096);
        f.enabledAtTop("uvmctl/uvm_vas_destroy");
        try (InputStream pipe = f.open(s.pipe())) {
            Tracefs.Teardown td = t.stop(4000);
            assertThat(td.problems()).hasSize(2);
            assertThat(td.problems().get(0)).startsWith("probe uvm_vas_destroy could not be removed (Device or resource busy)");
            assertThat(td.problems().get(1)).contains("its trace_pipe is still open");
            assertThat(f.definitions()).containsExactly(OTHER, "p:uvmctl/uvm_vas_destroy nvidia_uvm:uvm_va_space_destroy vas=%di:x64");
            assertThat(f.exists(Tracefs.LOCK)).as("kept, so that a later stop finishes").isTrue();
            assertThat(TraceLock.parse(f.readString(Tracefs.LOCK)).owner()).isNull();
        }
    }

    /**
     * A set whose removal did not finish (its probes gone, its instance kept by an open trace_pipe) is
     * no set 'trace start' left: a record must not attach to it and read an instance no probe feeds,
     * which would give a trace with no events and no word that they are missing; start says what is
     * left, and the next stop, once the pipe is closed, removes the rest.
     */
    @Test
    void aSetWhoseRemovalDidNotFinishIsNotReadAsOneTraceStartLeft() throws Exception {
        FakeTracefs f = fake();
        Tracefs t = new Tracefs(f, f);
        Tracefs.Setup s = t.start(R580, owner(4000), NOW, 4096);
        try (InputStream pipe = f.open(s.pipe())) {
            assertThat(t.stop(4000).problems()).hasSize(1).allMatch(p -> p.contains("its trace_pipe is still open"));
        }
        assertThat(f.definitions()).containsExactly(OTHER);
        assertThatThrownBy(() -> t.attach(TABLE, owner(5000))).isInstanceOf(Tracefs.Busy.class)
            .hasMessageContaining("did not finish").hasMessageContaining("its trace_pipe is still open")
            .hasMessageContaining("'uvmctl trace stop' removes the rest");
        assertThatThrownBy(() -> t.start(R580, owner(5000), NOW, 4096)).isInstanceOf(Tracefs.Busy.class)
            .hasMessageContaining("did not finish").hasMessageNotContaining("installed by 'uvmctl trace start'");
        assertThat(t.stop(6000).problems()).isEmpty();
        assertThat(f.instance("uvmctl")).isFalse();
        assertThat(f.exists(Tracefs.LOCK)).isFalse();
    }

    @Test
    void aLiveOwnerKeepsItsProbesFromASecondRun() throws Exception {
        FakeTracefs f = fake().file("/proc/4000/stat", "4000 (java) S 1 4000 4000 0 -1 4194560 0 0 0 0 0 0 0 0 20 0 30 0 777 0 0\n");
        Tracefs t = new Tracefs(f, f);
        t.start(R580, new TraceLock.Owner(4000, t.started(4000), "record"), NOW, 4096);
        List<String> before = f.definitions();
        assertThatThrownBy(() -> t.start(R580, owner(5000), NOW, 4096)).isInstanceOf(Tracefs.Busy.class)
            .hasMessageContaining("uvmctl record (pid 4000) has held the probes since 2026-11-27T11:00:00Z");
        assertThatThrownBy(() -> t.stop(5000)).isInstanceOf(Tracefs.Busy.class);
        assertThatThrownBy(() -> t.attach(TABLE, owner(5000))).isInstanceOf(Tracefs.Busy.class);
        assertThat(f.definitions()).isEqualTo(before);
    }

    @Test
    void aPidReusedByAnotherProcessIsNoOwner() throws Exception {
        FakeTracefs f = fake().file("/proc/4000/stat", "4000 (bash) S 1 4000 4000 0 -1 4194560 0 0 0 0 0 0 0 0 20 0 1 0 999 0 0\n");
        Tracefs t = new Tracefs(f, f);
        t.start(R580, new TraceLock.Owner(4000, 777L, "record"), NOW, 4096);
        Tracefs.Setup again = t.start(R580, owner(5000), NOW, 4096);
        assertThat(again.notes()).anyMatch(n -> n.startsWith("removed the probes of pid 4000 (record), which ended without removing them"));
    }

    @Test
    void aCrashedRunsProbesAreRemovedByTheNextStartOrStop() throws Exception {
        FakeTracefs f = fake();
        Tracefs t = new Tracefs(f, f);
        t.start(R580, owner(4000), NOW, 4096);
        // pid 4000 died without its cleanup: no /proc/4000
        Tracefs.Teardown td = t.stop(5000);
        assertThat(td.problems()).isEmpty();
        assertThat(f.definitions()).containsExactly(OTHER);
        assertThat(f.instance("uvmctl")).isFalse();
    }

    /**
     * Two runs find the same ended run's set: the one that takes its lock first cleans up and installs;
     * the other, whose take-over finds the lock changed since it read it, removes nothing and says who
     * has it, whether it is a start or a stop.
     */
    @Test
    void ofTwoRunsThatFindTheSameEndedSetOnlyTheFirstToTakeItsLockCleansUp() throws Exception {
        for (boolean stop : new boolean[] {false, true}) {
            FakeTracefs f = fake();
            Tracefs t = new Tracefs(f, f);
            t.start(R580, owner(4000), NOW, 4096);
            // pid 4000 died without its cleanup; pid 5000 takes its lock while pid 6000 is between reading it and taking it.
            List<String> afterFirst = new ArrayList<>();
            f.beforeClaim(() -> {
                try {
                    t.start(R580, owner(5000), NOW, 4096);
                } catch (Tracefs.Unavailable | Tracefs.Busy e) {
                    throw new AssertionError(e);
                }
                afterFirst.addAll(f.definitions());
            });
            if (stop) {
                assertThatThrownBy(() -> t.stop(6000)).isInstanceOf(Tracefs.Busy.class)
                    .hasMessageContaining("another uvmctl took the probes a moment ago");
            } else {
                assertThatThrownBy(() -> t.start(R580, owner(6000), NOW, 4096)).isInstanceOf(Tracefs.Busy.class)
                    .hasMessageContaining("another uvmctl took the probes of the run that ended a moment ago");
            }
            assertThat(t.lock().orElseThrow().owner().pid()).as("stop " + stop).isEqualTo(5000);
            assertThat(f.definitions()).as("stop " + stop).isEqualTo(afterFirst).contains(OTHER)
                .anyMatch(d -> d.startsWith("p:uvmctl/uvm_migrate "));
        }
    }

    /** A read-only /run is said as such: running as root would not help. */
    @Test
    void aReadOnlyRunIsNotAnsweredWithRunAsRoot() {
        FakeTracefs f = new FakeTracefs() {
            @Override
            public void create(String path, String text) throws IOException {
                throw new java.nio.file.FileSystemException(path, null, "Read-only file system");
            }
        };
        withSymbols(f);
        assertThatThrownBy(() -> new Tracefs(f, f).start(R580, owner(4000), NOW, 4096)).isInstanceOf(Tracefs.Unavailable.class)
            .hasMessage("cannot write the lock /run/uvmctl/trace.lock (Read-only file system)");
        assertThat(f.definitions()).isEmpty();
    }

    @Test
    void probesNoLockAccountsForAreRemovedBeforeANewSet() throws Exception {
        FakeTracefs f = fake().defined("p:uvmctl/uvm_vas_destroy nvidia_uvm:uvm_va_space_destroy vas=%di:x64");
        Tracefs.Setup s = new Tracefs(f, f).start(R580, owner(4000), NOW, 4096);
        assertThat(s.notes()).anyMatch(n -> n.startsWith("removed probes of uvmctl's group that no lock accounted for"));
        assertThat(f.definitions().stream().filter(d -> d.startsWith("p:uvmctl/uvm_vas_destroy "))).hasSize(1);
    }

    @Test
    void aSetTraceStartLeftIsReadNotTakenAndStaysAfterTheReader() throws Exception {
        FakeTracefs f = fake().file("/proc/5000/stat", "5000 (java) S 1 5000 5000 0 -1 4194560 0 0 0 0 0 0 0 0 20 0 30 0 123 0 0\n");
        Tracefs t = new Tracefs(f, f);
        t.start(R580, null, NOW, 4096);
        assertThatThrownBy(() -> t.start(R580, owner(6000), NOW, 4096)).isInstanceOf(Tracefs.Busy.class)
            .hasMessageContaining("installed by 'uvmctl trace start' since 2026-11-27T11:00:00Z");
        Tracefs.Setup read = t.attach(TABLE, new TraceLock.Owner(5000, 123L, "record")).orElseThrow();
        assertThat(read.own()).isFalse();
        assertThat(read.installed()).extracting(Probe::name).contains("uvm_migrate", "sched_process_exit");
        assertThatThrownBy(() -> t.attach(TABLE, owner(6000))).isInstanceOf(Tracefs.Busy.class).hasMessageContaining("being read by pid 5000");
        assertThatThrownBy(() -> t.stop(6000)).isInstanceOf(Tracefs.Busy.class);
        t.detach();
        assertThat(t.stop(6000).problems()).isEmpty();
        assertThat(f.definitions()).containsExactly(OTHER);
    }

    /** A reader line that names no pid (a lock edited by hand) is no live reader, not a crash of every later start, stop and record. */
    @Test
    void aReaderLineWithoutAPidIsNoReader() throws Exception {
        for (String reader : List.of("", "x", " 123")) {
            FakeTracefs f = fake();
            Tracefs t = new Tracefs(f, f);
            t.start(R580, null, NOW, 4096);
            f.file(Tracefs.LOCK, f.readString(Tracefs.LOCK) + "reader=" + reader + "\n");
            assertThat(t.attach(TABLE, owner(5000))).as("'" + reader + "'").isPresent();
            f.file(Tracefs.LOCK, f.readString(Tracefs.LOCK) .replace("reader=5000\n", "reader=" + reader + "\n"));
            assertThat(t.stop(6000).problems()).isEmpty();
            assertThat(f.definitions()).containsExactly(OTHER);
        }
    }

    /**
     * A record attaches to the set 'trace start' left while a 'trace stop' takes it down: the stop
     * takes the lock between the record's read of it and its write, and the record is told so,
     * instead of writing the lock back over the stop's and reading a set that is gone.
     */
    @Test
    void aRecordAttachingWhileAStopTakesTheSetIsToldSo() throws Exception {
        boolean[] armed = {false};
        FakeTracefs[] self = new FakeTracefs[1];
        FakeTracefs f = new FakeTracefs() {
            private void meanwhile(String path) {
                if (armed[0] && path.equals(Tracefs.LOCK)) {
                    armed[0] = false;
                    try {
                        assertThat(new Tracefs(self[0], self[0]).stop(6000).problems()).isEmpty();
                    } catch (Tracefs.Unavailable | Tracefs.Busy e) {
                        throw new AssertionError(e);
                    }
                }
            }

            @Override
            public void replace(String path, String text) {
                meanwhile(path);
                super.replace(path, text);
            }

            @Override
            public void claim(String path, String stale, String text) throws IOException {
                meanwhile(path);
                super.claim(path, stale, text);
            }
        };
        self[0] = f;
        withSymbols(f).defined(OTHER);
        Tracefs t = new Tracefs(f, f);
        t.start(R580, null, NOW, 4096);
        armed[0] = true;
        assertThatThrownBy(() -> t.attach(TABLE, owner(5000))).isInstanceOf(Tracefs.Busy.class)
            .hasMessageContaining("'uvmctl trace status' says who");
        assertThat(f.exists(Tracefs.LOCK)).as("the stop's lock went with its set; none written back").isFalse();
        assertThat(f.definitions()).containsExactly(OTHER);
    }

    @Test
    void aProbeAtTheWrongOffsetsIsRemovedAloneWhileTheOthersRun() throws Exception {
        FakeTracefs f = fake();
        Tracefs t = new Tracefs(f, f);
        Tracefs.Setup s = t.start(R580, owner(4000), NOW, 4096);
        assertThat(t.remove(s.tracefs(), "uvm_migrate").problems()).isEmpty();
        assertThat(f.definitions()).noneMatch(d -> d.startsWith("p:uvmctl/uvm_migrate "));
        assertThat(f.isEnabled("uvmctl", "uvmctl/uvm_range_ev")).isTrue();
    }

    @Test
    void withoutTracefsPermissionOrUnderLockdownItSaysWhatToDo() throws IOException {
        FakeTracefs locked = fake().file(Tracefs.LOCKDOWN, "none integrity [confidentiality]\n");
        assertThatThrownBy(() -> new Tracefs(locked, locked).start(R580, owner(1), NOW, 1)).isInstanceOf(Tracefs.Unavailable.class)
            .hasMessageContaining("confidentiality mode").hasMessageContaining("lockdown=integrity");
        FakeTracefs none = new FakeTracefs() {
            @Override
            public boolean exists(String path) {
                return !path.startsWith(T) && super.exists(path);
            }
        };
        assertThatThrownBy(() -> new Tracefs(none, none).status()).isInstanceOf(Tracefs.Unavailable.class)
            .hasMessageContaining("mount -t tracefs");
        // Not root: tracefs is mounted, mode 0700, so nothing in it can be seen, let alone written.
        FakeTracefs notRoot = new FakeTracefs() {
            @Override
            public boolean exists(String path) {
                return path.equals(T) || !path.startsWith(T) && super.exists(path);
            }

            @Override
            public List<String> list(String dir) throws IOException {
                if (dir.equals(T)) {
                    throw new java.nio.file.AccessDeniedException(dir);
                }
                return super.list(dir);
            }
        };
        assertThatThrownBy(() -> new Tracefs(notRoot, notRoot).status()).isInstanceOf(Tracefs.Unavailable.class)
            .hasMessageStartingWith("no permission to read " + T).hasMessageEndingWith(": run as root (tracefs is root's alone)");
        FakeTracefs noKprobes = new FakeTracefs() {
            @Override
            public boolean exists(String path) {
                return !path.equals(T + "/kprobe_events") && super.exists(path);
            }
        };
        assertThatThrownBy(() -> new Tracefs(noKprobes, noKprobes).status()).isInstanceOf(Tracefs.Unavailable.class)
            .hasMessageContaining("without CONFIG_KPROBE_EVENTS=y");
        // Refused from the third definition on (a security module's rule, say): the two it made and its lock go again.
        FakeTracefs denied = new FakeTracefs() {
            private int appends;

            @Override
            public void append(String path, String text) throws IOException {
                if (!text.startsWith("-:") && ++appends > 2) {
                    throw new java.nio.file.AccessDeniedException(path);
                }
                super.append(path, text);
            }
        };
        withSymbols(denied);
        assertThatThrownBy(() -> new Tracefs(denied, denied).start(R580, owner(1), NOW, 1)).isInstanceOf(Tracefs.Unavailable.class)
            .hasMessageContaining("run as root");
        assertThat(denied.definitions()).isEmpty();
        assertThat(denied.exists(Tracefs.LOCK)).as("no lock left to refuse the next start").isFalse();
    }

    @Test
    void aDriverWithNoneOfTheFunctionsGetsNoInstance() {
        FakeTracefs f = new FakeTracefs();
        assertThatThrownBy(() -> new Tracefs(f, f).start(TABLE.select(DriverVersion.of("580.95.05"), "x86_64"), owner(1), NOW, 1))
            .isInstanceOf(Tracefs.Unavailable.class).hasMessageContaining("no probe could be set");
        assertThat(f.instance("uvmctl")).isFalse();
        assertThat(f.exists(Tracefs.LOCK)).isFalse();
    }

    private static int firstIndex(List<String> log, String prefix) {
        for (int i = 0; i < log.size(); i++) {
            if (log.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }

    private static int lastIndex(List<String> log, String prefix) {
        for (int i = log.size() - 1; i >= 0; i--) {
            if (log.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }
}
