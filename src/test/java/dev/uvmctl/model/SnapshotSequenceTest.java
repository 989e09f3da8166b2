package dev.uvmctl.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uvmctl.event.Capture;
import dev.uvmctl.event.Event;
import dev.uvmctl.event.EventTime;
import dev.uvmctl.event.ExitReason;
import dev.uvmctl.event.FdHeld;
import dev.uvmctl.event.FdKind;
import dev.uvmctl.event.GpuMemory;
import dev.uvmctl.event.GpuProcessMemory;
import dev.uvmctl.event.GpuRetained;
import dev.uvmctl.event.Migrated;
import dev.uvmctl.event.ProcState;
import dev.uvmctl.event.ProcessExited;
import dev.uvmctl.event.ProcessForked;
import dev.uvmctl.event.ProcessState;
import dev.uvmctl.shared.Provenance;
import dev.uvmctl.event.RangeCreated;
import dev.uvmctl.event.RangeDestroyed;
import dev.uvmctl.event.RangeType;
import dev.uvmctl.event.TransferMode;
import dev.uvmctl.event.VaSpaceCreated;
import dev.uvmctl.event.VaSpaceDestroyed;
import dev.uvmctl.shared.Diagnostic;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Snapshots replayed in the order they were taken (docs/leaks.md, "Snapshots in sequence"):
 * each shows the holders of /dev/nvidia-uvm at one moment, naming va_spaces after the fd of the
 * holder it takes as owner; the model carries what earlier ones showed.
 */
class SnapshotSequenceTest {
    private static final int PARENT = 5120;
    private static final int CHILD = 5133;
    private static final String X = "/proc/5120/fd/4";
    private static final long START = 0x7f2a40000000L;

    private final List<Event> events = new ArrayList<>();
    private final List<Diagnostic> diagnostics = new ArrayList<>();
    private EventTime t;

    private SnapshotSequenceTest snapshot(int second, boolean allHolders) {
        t = new EventTime("b", second * 1_000_000_000L, EventTime.UNKNOWN);
        events.add(new Capture(t, src("/proc/uptime"), allHolders));
        return this;
    }

    private SnapshotSequenceTest alive(int pid, int ppid) {
        events.add(new ProcessState(t, src("/proc/" + pid + "/status"), pid, ProcState.alive, ppid, "mm"));
        return this;
    }

    private SnapshotSequenceTest vaSpace(String id, int owner, int fd) {
        String path = "/proc/" + owner + "/fd/" + fd;
        events.add(new VaSpaceCreated(t, src(path), id, owner, "mm", false, true, path));
        return this;
    }

    private SnapshotSequenceTest fd(String id, int pid, int fd, FdKind kind, Integer from) {
        String path = "/proc/" + pid + "/fd/" + fd;
        events.add(new FdHeld(t, src(path), id, pid, "mm", kind, from, path));
        return this;
    }

    private SnapshotSequenceTest range(String id) {
        events.add(new RangeCreated(t, src("/proc/5120/maps"), id, null, START, START + (1L << 30) - 1, RangeType.managed, true));
        return this;
    }

    private SnapshotSequenceTest gpu(long used, Integer pid, long pidUsed) {
        events.add(new GpuMemory(t, src("/nvidia-smi-gpu.csv"), "0000:19:00.0", 0, null, "0000:19:00.0", 80L << 30, used, null, 0L));
        if (pid != null) {
            events.add(new GpuProcessMemory(t, src("/nvidia-smi-apps.csv"), "0000:19:00.0", pid, "mm", pidUsed));
        }
        return this;
    }

    /** The fork: the parent's va_space, with its own two fds and the two the child inherited. */
    private SnapshotSequenceTest whileRunning(int second) {
        return snapshot(second, true).alive(PARENT, 1000).alive(CHILD, PARENT).vaSpace(X, PARENT, 4)
            .fd(X, PARENT, 5, FdKind.mm, null).fd(X, CHILD, 4, FdKind.va_space, PARENT).fd(X, CHILD, 5, FdKind.mm, PARENT).range(X);
    }

    /** The parent killed: the child, reparented, is taken by this snapshot alone as the owner of a va_space of its own name. */
    private SnapshotSequenceTest afterParentKilled(int second) {
        String y = "/proc/5133/fd/4";
        return snapshot(second, true).alive(CHILD, 1).vaSpace(y, CHILD, 4).fd(y, CHILD, 5, FdKind.mm, null);
    }

    private ReclaimModel replay() {
        ReclaimModel m = new ReclaimModel(diagnostics::add, 64L << 20);
        events.forEach(m::apply);
        m.finish();
        return m;
    }

    private static Provenance src(String input) {
        return new Provenance(input, 0, input);
    }

    /** A trace's view of the parent: its va_space by kernel pointer, its mm fd (UVM_MM_INITIALIZE), a range and 512 MiB moved to the GPU. */
    private SnapshotSequenceTest traced(String pointer, int second) {
        t = new EventTime("b", second * 1_000_000_000L, EventTime.UNKNOWN);
        events.add(new VaSpaceCreated(t, src("t"), pointer, PARENT, "mm", false, false, null));
        events.add(new FdHeld(t, src("t"), pointer, PARENT, "mm", FdKind.mm, null, null));
        events.add(new RangeCreated(t, src("t"), pointer, null, START, START + (1L << 30) - 1, RangeType.managed, false));
        events.add(new Migrated(t, src("t"), pointer, START, 512L << 20, "cpu", "0000:19:00.0", "prefetch", TransferMode.move));
        return this;
    }

    /**
     * A trace names a va_space by the pointer uvm_va_space_create made, a snapshot by its owner's
     * fd: given together (dev/capture-real.sh keeps both), they are one va_space, owned by the
     * same live process, with the fds each counted counted once and the bytes the trace proved kept.
     */
    @Test
    void aTracesVaSpaceIsTheOneASnapshotShowsThroughItsOwnersFd() {
        String pointer = "0xffff9a2b41c00000";
        traced(pointer, 1);
        events.add(new ProcessForked(t, src("t"), CHILD, PARENT, "mm"));
        ReclaimModel m = whileRunning(10).whileRunning(12).replay();
        assertThat(diagnostics).isEmpty();
        assertThat(m.vaSpaces()).extracting(VaSpace::id).containsExactly(pointer);
        assertThat(m.vaSpace(X)).isSameAs(m.vaSpace(pointer));
        assertThat(m.vaSpace(pointer).holders()).extracting(h -> h.process().pid() + ":" + h.vaSpaceFds + "+" + h.mmFds)
            .containsExactly(PARENT + ":1+1", CHILD + ":1+1");
        assertThat(m.vaSpace(pointer).ranges()).singleElement().satisfies(r -> assertThat(r.residencyKnown()).isTrue());
        assertThat(m.residentTotals()).containsEntry("0000:19:00.0", 512L << 20);
    }

    /** A trace after the snapshots: {@code pid} exits (sched_process_exit), at {@code second}. */
    private SnapshotSequenceTest exits(int pid, int second) {
        t = new EventTime("b", second * 1_000_000_000L, EventTime.UNKNOWN);
        events.add(new ProcessExited(t, src("t"), pid, "mm", ExitReason.exit, null, null));
        return this;
    }

    /** A trace's uvm_va_space_destroy of a pointer no input named, run by a task of {@code pid} (null: the input names none). */
    private SnapshotSequenceTest destroyedBy(String pointer, Integer pid) {
        events.add(new VaSpaceDestroyed(t, src("t"), pointer, pid));
        return this;
    }

    /**
     * The va_space a snapshot named after its fd, created before the trace began, is destroyed by the trace's uvm_va_space_destroy
     * that its last holder's task ran: uvm_release runs in the task that dropped the file's last reference, so the pointer the
     * trace names is that file's va_space. The owner exits first (another holder lives on), then the child: the child's exit runs
     * the release. The ranges the destroy takes down after its entry, named by the pointer, are taken as gone with it.
     */
    @Test
    void aTracedDestroyRunByTheLastHolderEndsTheVaSpaceASnapshotNamedByFd() {
        String pointer = "0xffff9a2b41c00000";
        whileRunning(10).exits(PARENT, 11).exits(CHILD, 12).destroyedBy(pointer, CHILD);
        events.add(new RangeDestroyed(t, src("t"), pointer, START, false));
        ReclaimModel m = replay();
        assertThat(diagnostics).isEmpty();
        assertThat(m.vaSpaces()).isEmpty();
        assertThat(new dev.uvmctl.finding.LeakFinder(m, 64L << 20).conclude().findings()).isEmpty();
    }

    /**
     * A va_space a trace knows by its pointer only from the middle of its life (a range it saw the owner make, in a va_space made
     * before the trace began), and a snapshot by its fd: until its end no input says the two are one, so the pointer's has no
     * holder (a snapshot of every holder taken since the trace began names it: the verdict's rule, listedSince); the destroy its
     * last holder's task runs ends both names.
     */
    @Test
    void aVaSpaceATraceSawOnlyFromItsMiddleHasNoHolderAndEndsWithTheSnapshotsName() {
        String pointer = "0xffff9a2b41c00000";
        whileRunning(10);
        t = new EventTime("b", 11_000_000_000L, EventTime.UNKNOWN);
        events.add(new RangeCreated(t, src("t"), pointer, null, START + (2L << 30), START + (3L << 30) - 1, RangeType.managed, false));
        ReclaimModel before = replay();
        assertThat(new dev.uvmctl.finding.LeakFinder(before, 64L << 20).conclude().holdersUnknown())
            .containsExactly(new dev.uvmctl.finding.LeakFinder.HoldersUnknown(pointer, "t", "b", 11_000_000_000L));
        diagnostics.clear();
        ReclaimModel m = exits(PARENT, 13).exits(CHILD, 14).destroyedBy(pointer, CHILD).replay();
        assertThat(m.vaSpaces()).isEmpty();
        dev.uvmctl.finding.LeakFinder.Conclusions c = new dev.uvmctl.finding.LeakFinder(m, 64L << 20).conclude();
        assertThat(c.findings()).isEmpty();
        assertThat(c.holdersUnknown()).isEmpty();
    }

    /**
     * What an input showed in use without its holders (it began at 20 s) is named by a snapshot of every holder taken at or
     * after then in the same boot, not by one taken before it (a va_space made between the two is in neither), nor by one that
     * did not list every holder; a boot that ended before the last released all of it.
     */
    @Test
    void whatAnInputShowedWithoutHoldersIsNamedByALaterSnapshotOfEveryHolderOrEndedByAReboot() {
        long began = 20_000_000_000L;
        assertThat(snapshot(10, true).replay().listedSince("b", began)).as("listed before the input began").isFalse();
        assertThat(snapshot(20, false).replay().listedSince("b", began)).as("not every holder listed").isFalse();
        assertThat(snapshot(20, true).replay().listedSince("b", began)).isTrue();
        assertThat(replay().listedSince("b", EventTime.UNKNOWN)).as("no time told: any listing of the boot").isTrue();
        events.clear();
        assertThat(exits(PARENT, 30).replay().listedSince("b", began)).as("nothing listed at all").isFalse();
        events.add(new ProcessExited(new EventTime("c", 1_000_000_000L, EventTime.UNKNOWN), src("k"), 1, "init", ExitReason.exit, null, null));
        assertThat(replay().listedSince("b", began)).as("its boot ended").isTrue();
    }

    /**
     * Not taken: a destroy that names no task (a kernel log, an older NDJSON); one run by a holder while another still lives (the
     * last reference was not its to drop); one by a process holding two such va_spaces (which file went is not known); one of a
     * pointer by a process whose va_space the trace saw made under another.
     */
    @Test
    void aTracedDestroyIsNotTakenForASnapshotsVaSpaceWithoutItsLastHolder() {
        String pointer = "0xffff9a2b41c00000";
        assertThat(whileRunning(10).exits(PARENT, 11).exits(CHILD, 12).destroyedBy(pointer, null).replay().vaSpaces())
            .extracting(VaSpace::id).containsExactly(X);
        assertThat(diagnostics).extracting(Diagnostic::message).containsExactly("va_space " + pointer + " was never seen created: nothing to "
            + "destroy");
        events.clear();
        diagnostics.clear();
        assertThat(whileRunning(10).exits(PARENT, 11).destroyedBy(pointer, PARENT).replay().vaSpaces()).extracting(VaSpace::id)
            .containsExactly(X);
        events.clear();
        diagnostics.clear();
        String y = "/proc/5120/fd/6";
        whileRunning(10).vaSpace(y, PARENT, 6);
        assertThat(exits(CHILD, 11).exits(PARENT, 12).destroyedBy(pointer, PARENT).replay().vaSpaces()).extracting(VaSpace::id)
            .containsExactlyInAnyOrder(X, y);
        // A va_space the trace saw made has its own pointer: a destroy of another pointer is not its, whoever ran it.
        events.clear();
        diagnostics.clear();
        assertThat(traced(pointer, 1).exits(PARENT, 12).destroyedBy("0xffff9a2b41e00000", PARENT).replay().vaSpaces())
            .extracting(VaSpace::id).containsExactly(pointer);
    }

    /**
     * A snapshot's GPU figures are judged as it found them. At 10 s nvidia-smi charges 2 GiB to the child, alive then, and UVM
     * retains the GPU twice; a trace then shows the parent and the child exit and the child's task destroy the va_space. The
     * charge was the child's use when it was read, not a charge to a process that had ended (GpuReplay.finish and the findings
     * alike: ReclaimModel.heldFilesAt), and the retain count read before the destroy counted that va_space
     * (uvm_va_space_destroy releases each GPU it retained): what is retained now is unknown. No finding.
     * Read after the destroy, the same count is judged: the driver retains the GPU with no va_space left.
     */
    @Test
    void aSnapshotsGpuFiguresAreJudgedAsItFoundThemNotAfterATracedEnd() {
        String pointer = "0xffff9a2b41c00000";
        whileRunning(10).gpu(2L << 30, CHILD, 2L << 30);
        events.add(new GpuRetained(t, src("/proc/driver/nvidia-uvm/gpus"), "0000:19:00.0", null, 1, 2L));
        exits(PARENT, 11).exits(CHILD, 12).destroyedBy(pointer, CHILD);
        ReclaimModel m = replay();
        assertThat(diagnostics).isEmpty();
        assertThat(new dev.uvmctl.finding.LeakFinder(m, 64L << 20).conclude().findings()).isEmpty();
        events.add(new GpuRetained(t, src("/proc/driver/nvidia-uvm/gpus"), "0000:19:00.0", null, 1, 2L));
        assertThat(new dev.uvmctl.finding.LeakFinder(replay(), 64L << 20).conclude().findings())
            .extracting(f -> f.findingClass().name() + " " + f.summary().substring(0, 30)).containsExactly("leaked UVM still retains GPU 0000:19:");
    }

    /** Two live va_spaces of the owner that no snapshot named: which fd is which is not known, so none is taken for the snapshot's. */
    @Test
    void anOwnerWithTwoTracedVaSpacesHasNeitherTakenForTheSnapshots() {
        traced("0xffff9a2b41c00000", 1).traced("0xffff9a2b41e00000", 2);
        ReclaimModel m = whileRunning(10).replay();
        assertThat(m.vaSpaces()).extracting(VaSpace::id).containsExactlyInAnyOrder("0xffff9a2b41c00000", "0xffff9a2b41e00000", X);
    }

    @Test
    void theSameSnapshotTwiceIsOneVaSpaceWithTheSameFds() {
        ReclaimModel m = whileRunning(10).whileRunning(12).replay();
        assertThat(diagnostics).isEmpty();
        assertThat(m.vaSpaces()).extracting(VaSpace::id).containsExactly(X);
        VaSpace x = m.vaSpace(X);
        assertThat(x.holders()).extracting(h -> h.process().pid() + ":" + h.vaSpaceFds + "+" + h.mmFds)
            .containsExactly(PARENT + ":1+1", CHILD + ":1+1");
        assertThat(x.ranges()).hasSize(1);
    }

    @Test
    void aChildReparentedUnderAnotherNameKeepsItsDeadParentsVaSpace() {
        ReclaimModel m = whileRunning(10).afterParentKilled(13).replay();
        assertThat(diagnostics).isEmpty();
        assertThat(m.vaSpaces()).extracting(VaSpace::id).containsExactly(X);
        VaSpace x = m.vaSpace("/proc/5133/fd/4");
        assertThat(x.id()).isEqualTo(X);
        assertThat(x.owner().pid()).isEqualTo(PARENT);
        assertThat(x.owner().state()).isEqualTo(ProcState.gone);
        assertThat(x.ownerGoneAt()).isEqualTo(13_000_000_000L);
        assertThat(x.holders()).filteredOn(h -> h.process().holdsFiles()).extracting(h -> h.process().pid()).containsExactly(CHILD);
        assertThat(x.held()).isTrue();
        assertThat(x.ranges()).hasSize(1);
    }

    @Test
    void aVaSpaceNoLaterSnapshotShowsAHolderOfIsReleased() {
        ReclaimModel m = whileRunning(10).afterParentKilled(13).snapshot(16, true).replay();
        assertThat(diagnostics).isEmpty();
        assertThat(m.vaSpaces()).isEmpty();
    }

    @Test
    void aSnapshotThatMayHaveMissedHoldersReleasesNothing() {
        ReclaimModel m = whileRunning(10).afterParentKilled(13).snapshot(16, false).replay();
        assertThat(m.vaSpaces()).extracting(VaSpace::id).containsExactly(X);
        assertThat(m.vaSpace(X).held()).isTrue();
    }

    @Test
    void aProcessLeftOutOfALaterSnapshotLetsGoOfItsFdsOnly() {
        // The child closed its inherited fds; the parent, still listed, keeps the va_space.
        ReclaimModel m = whileRunning(10).snapshot(12, true).alive(PARENT, 1000).alive(CHILD, PARENT).vaSpace(X, PARENT, 4)
            .fd(X, PARENT, 5, FdKind.mm, null).replay();
        VaSpace x = m.vaSpace(X);
        assertThat(x.holders()).extracting(h -> h.process().pid()).containsExactly(PARENT);
        assertThat(x.owner().holdsFiles()).isTrue();
    }

    @Test
    void aGpuSnapshotIsJudgedWithTheProcessesAliveWhenItWasTaken() {
        // The parent, listed by nvidia-smi in the first snapshot, is known gone only from the
        // second: the first snapshot's use was explained, so the excess dates from the second.
        ReclaimModel m = whileRunning(10).gpu(1400L << 20, PARENT, 1390L << 20).afterParentKilled(13).gpu(1400L << 20, null, 0)
            .replay();
        GpuState gpu = m.gpuStates().stream().filter(g -> g.snapshot() != null).findFirst().orElseThrow();
        assertThat(gpu.overSince()).isEqualTo(13_000_000_000L);
    }
}
