package dev.uvmctl.model;

import static dev.uvmctl.model.History.GIB;
import static dev.uvmctl.model.History.GPU;
import static dev.uvmctl.model.History.MIB;
import static dev.uvmctl.model.History.bytes;
import static dev.uvmctl.model.History.range;
import static org.assertj.core.api.Assertions.assertThat;

import dev.uvmctl.event.EvictStatus;
import dev.uvmctl.event.ExitReason;
import dev.uvmctl.event.FdKind;
import dev.uvmctl.event.GpuLost;
import dev.uvmctl.event.EventTime;
import dev.uvmctl.event.ProcState;
import dev.uvmctl.event.ProcessIdentity;
import dev.uvmctl.event.ProcessState;
import dev.uvmctl.event.RangeType;
import dev.uvmctl.finding.Finding;
import dev.uvmctl.finding.FindingClass;
import dev.uvmctl.finding.LeakFinder;
import dev.uvmctl.shared.Diagnostic;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Replays written from what the driver does (kernel-open/nvidia-uvm at 580.95.05, the same at
 * 535.288.01 unless said), one rule each: the function that makes the rule is named in each test.
 */
class DriverRulesTest {
    private static final String VS = "0xffff9a31c0a4e000";
    private static final long A = 0x7fa000000000L;
    private static final long EXT = 0x7fa100000000L;
    private static final String UUID = "GPU-5a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9";

    // ---- killed is not gone while a thread is still in the driver ----

    /** The last exiting thread releases the files: do_exit -> task_work_run -> __fput -> uvm_release -> uvm_va_space_destroy (uvm.c). */
    private static final String[] RELEASE_TRACE = {"__schedule+0x27c/0x6b0", "schedule+0x33/0x110",
        "uvm_va_space_destroy+0x2a1/0x500 [nvidia_uvm]", "uvm_release.constprop.0+0x93/0xc0 [nvidia_uvm]", "__fput+0xff/0x2c0",
        "task_work_run+0x5d/0x90", "do_exit+0x381/0xb20"};

    /** 5120 (p5120) owns a va_space with 1 GiB of external memory on the GPU, and ends as {@code how} says. */
    private static History killed(ExitReason how) {
        return new History().created(VS, 5120).range(VS, EXT, GIB, RangeType.external).populated(VS, EXT, GIB, GPU).exited(5120, how);
    }

    /** An OOM kill, then a hung task of one of its threads in uvm_va_space_destroy about 120 s later: stuck, not leaked. */
    @Test
    void anOomKilledProcessWhoseThreadHangsInUvmReleaseIsStuckNotLeaked() {
        History h = new History().created(VS, 5120).range(VS, EXT, 2 * GIB, RangeType.external).populated(VS, EXT, 2 * GIB, GPU)
            .exited(5120, ExitReason.oom_kill).hungTask(5133, "p5120", RELEASE_TRACE);
        ReclaimModel m = h.replay();
        ProcessInfo owner = m.vaSpace(VS).owner();
        assertThat(owner.pid()).isEqualTo(5120);
        assertThat(owner.blockedThread()).isEqualTo(5133);
        assertThat(owner.threadInferred()).isTrue();
        assertThat(m.vaSpace(VS).held()).as("the exiting thread still holds the file").isTrue();
        Finding f = new LeakFinder(m, 0).conclude().findings().get(0);
        assertThat(f.findingClass()).isEqualTo(FindingClass.stuck);
        assertThat(f.summary()).contains("5120 (p5120) was killed by the OOM killer", "its thread 5133", "uvm_va_space_destroy");
        assertThat(f.since()).as("dated at the kill, where the teardown began").isEqualTo(owner.goneAt());
        assertThat(m.process(5133)).as("the thread is no process of its own").isNull();
    }

    /**
     * A trace sees the end itself: sched_process_exit fires in do_exit before exit_files and the
     * task work that runs uvm_release → uvm_va_space_destroy (kernel/exit.c; uvm.c), so the
     * exited process's thread whose uvm_va_space_destroy never returned is that process, still
     * exiting, whatever ended it: stuck since its exit, not a new process under the pid.
     */
    @Test
    void anExitedProcessWhoseTracedTeardownNeverReturnedIsStillExitingAndStuckSinceItsExit() {
        History h = new History().created(VS, 5120).range(VS, EXT, 2 * GIB, RangeType.external).populated(VS, EXT, 2 * GIB, GPU)
            .exited(5120, "p5120", ExitReason.exit).destroyedVaSpace(VS).teardownNotReturned(5131, 5120, "p5120", VS);
        ReclaimModel m = h.replay();
        ProcessInfo ended = m.process(5120);
        assertThat(ended.exit()).as("the process that exited, not a new one under its pid").isNotNull();
        assertThat(ended.blockedThread()).isEqualTo(5131);
        assertThat(ended.threadInferred()).as("the trace named the thread group").isFalse();
        List<Finding> findings = new LeakFinder(m, 0).conclude().findings();
        assertThat(findings).extracting(Finding::findingClass).containsExactly(FindingClass.stuck);
        Finding f = findings.get(0);
        assertThat(f.summary()).contains("5120 (p5120) exited but has not finished exiting", "its thread 5131", "uvm_va_space_destroy",
            "as the trace shows");
        assertThat(f.since()).as("dated at the exit, where the teardown began").isEqualTo(ended.goneAt());
        assertThat(f.vaSpace()).as("the va_space whose destroy the trace saw entered").isEqualTo(VS);
        assertThat(f.summary()).contains("va_space " + VS + ", whose destroy it entered");
    }

    /** What such a process leaves (UVM's retain of the GPU, nvidia-smi's charge) is stuck with it, one incident, as a killed one's. */
    @Test
    void whatAnExitedProcessWhoseTracedTeardownNeverReturnedLeavesIsStuckNotLeaked() {
        ReclaimModel m = new History().exited(5120, "python3", ExitReason.exit).teardownNotReturned(5187, 5120, "python3", VS)
            .charged(GPU, 4 * GIB, 5120, "python3", 3 * GIB).retained(GPU, 1).replay();
        List<Finding> findings = new LeakFinder(m, 64 * MIB).conclude().findings();
        assertThat(findings).hasSize(3).allSatisfy(f -> assertThat(f.findingClass()).isEqualTo(FindingClass.stuck));
        assertThat(dev.uvmctl.finding.Incidents.of(findings)).singleElement().satisfies(i -> assertThat(i.findings()).hasSize(3));
        // A hung-task warning instead, after an exit no kill explains: not tied, and what the exit left is leaked.
        ReclaimModel logged = new History().exited(5120, "python3", ExitReason.exit).hungTask(5187, "python3", RELEASE_TRACE)
            .charged(GPU, 4 * GIB, 5120, "python3", 3 * GIB).retained(GPU, 1).replay();
        assertThat(new LeakFinder(logged, 64 * MIB).conclude().findings()).extracting(Finding::findingClass)
            .contains(FindingClass.leaked, FindingClass.unattributed);
    }

    /** A kernel log's hung-task report after a plain exit it did not see cause is not tied so: the pid may be a new process's. */
    @Test
    void aHungTaskReportAfterAPlainExitIsNotTiedToTheExitedProcess() {
        History h = new History().created(VS, 5120).exited(5120, "p5120", ExitReason.exit).destroyedVaSpace(VS)
            .hungTask(5120, "p5120", RELEASE_TRACE);
        ReclaimModel m = h.replay();
        assertThat(m.process(5120).exit()).isNull();
    }

    /** The hung task names the killed pid itself: no rule needed, and a later D state of that pid is the same process. */
    @Test
    void aKilledProcessSeenUninterruptibleAfterItsHungTaskIsTheSameProcessNotAPidReuse() {
        History h = killed(ExitReason.signal).hungTask(5120, "p5120", RELEASE_TRACE).state(5120, ProcState.uninterruptible, "p5120");
        ReclaimModel m = h.replay();
        ProcessInfo owner = m.vaSpace(VS).owner();
        assertThat(m.process(5120)).isSameAs(owner);
        assertThat(owner.blockedThread()).isNull();
        assertThat(owner.exit().reason()).isEqualTo(ExitReason.signal);
        assertThat(new LeakFinder(m, 0).conclude().findings()).extracting(Finding::findingClass).containsExactly(FindingClass.stuck);
    }

    /** A killed process seen in D state under its pid and name, without any trace, is still exiting (the pid is freed only by the reap). */
    @Test
    void aKilledProcessSeenUninterruptibleIsStillExitingAndHoldsItsVaSpace() {
        History h = killed(ExitReason.oom_kill).state(5120, ProcState.uninterruptible, "p5120");
        ReclaimModel m = h.replay();
        assertThat(m.process(5120)).isSameAs(m.vaSpace(VS).owner());
        assertThat(m.vaSpace(VS).held()).isTrue();
    }

    /** A process of another name in D state under a killed pid took the pid: reuse, and the va_space stays leaked. */
    @Test
    void anotherNameUnderAKilledPidIsAPidReuse() {
        History h = killed(ExitReason.oom_kill).state(5120, ProcState.uninterruptible, "rsync");
        ReclaimModel m = h.replay();
        assertThat(m.process(5120)).isNotSameAs(m.vaSpace(VS).owner());
        assertThat(new LeakFinder(m, 0).conclude().findings()).extracting(Finding::findingClass).containsExactly(FindingClass.leaked);
    }

    /** The thread rule needs the killed process's name, a thread id above its pid, and a teardown frame; an exit is no kill. */
    @Test
    void aHungTaskThatIsNotAThreadOfAKilledProcessLeavesTheVaSpaceLeaked() {
        History other = killed(ExitReason.oom_kill).hungTask(5133, "rsync", RELEASE_TRACE);
        History lower = killed(ExitReason.oom_kill).hungTask(4000, "p5120", RELEASE_TRACE);
        History elsewhere = killed(ExitReason.oom_kill).hungTask(5133, "p5120", "schedule+0x33/0x110", "nfs_wait_bit_killable+0x20/0x90");
        History exited = killed(ExitReason.exit).hungTask(5133, "p5120", RELEASE_TRACE);
        for (History h : new History[] {other, lower, elsewhere, exited}) {
            // The va_space stays the killed owner's, leaked; a task hung in a teardown is a finding of
            // its own (stuck, va_space unknown: it holds whatever it tears down), and a task the kernel
            // reports blocked outside a teardown is the driver's (a task_blocked event is a report of a
            // trace through the driver's frames).
            List<Finding> findings = new LeakFinder(h.replay(), 0).conclude().findings();
            assertThat(findings).filteredOn(f -> f.vaSpace() != null).extracting(Finding::findingClass)
                .containsExactly(FindingClass.leaked);
            assertThat(findings).filteredOn(f -> f.vaSpace() == null).extracting(Finding::findingClass)
                .containsExactly(h == elsewhere ? FindingClass.driver : FindingClass.stuck);
        }
    }

    /**
     * The kernel log alone: an OOM kill, then a hung task of a thread of it in its exit's release
     * (do_exit -> task_work_run -> __fput -> uvm_release -> uvm_va_space_destroy, uvm.c), and no
     * input naming a va_space. The thread is tied to the killed process by its name and a higher
     * id (the log-only rule, inferred), the finding is the killed process's, stuck, and dated at the kill.
     */
    @Test
    void withTheKernelLogAloneAHungThreadOfAnOomKilledProcessIsThatProcessStuck() {
        ReclaimModel m = new History().exited(5120, "python3", ExitReason.oom_kill).hungTask(5187, "python3", RELEASE_TRACE).replay();
        ProcessInfo killed = m.processOfTask(5187);
        assertThat(killed.pid()).isEqualTo(5120);
        assertThat(killed.blockedThread()).isEqualTo(5187);
        assertThat(killed.threadInferred()).isTrue();
        Finding f = new LeakFinder(m, 0).conclude().findings().get(0);
        assertThat(f.findingClass()).isEqualTo(FindingClass.stuck);
        assertThat(f.owner().pid()).isEqualTo(5120);
        assertThat(f.since()).isEqualTo(killed.goneAt());
        // Not tied: a thread that renamed itself, a task below the killed pid, a kill after the report, a process that exited.
        for (History h : new History[] {
            new History().exited(5120, "python3", ExitReason.oom_kill).hungTask(5187, "pt_autograd_0", RELEASE_TRACE),
            new History().exited(5120, "python3", ExitReason.oom_kill).hungTask(4000, "python3", RELEASE_TRACE),
            new History().hungTask(5187, "python3", RELEASE_TRACE).exited(5120, "python3", ExitReason.oom_kill),
            new History().exited(5120, "python3", ExitReason.exit).hungTask(5187, "python3", RELEASE_TRACE)}) {
            List<Finding> findings = new LeakFinder(h.replay(), 0).conclude().findings();
            assertThat(findings).singleElement().satisfies(g -> assertThat(g.owner().pid()).isNotEqualTo(5120));
        }
        // Two killed processes of that name below the thread: which one is unknown, so neither.
        ReclaimModel two = new History().exited(5120, "python3", ExitReason.oom_kill).exited(5150, "python3", ExitReason.oom_kill)
            .hungTask(5187, "python3", RELEASE_TRACE).replay();
        assertThat(two.processOfTask(5187).pid()).as("a process of its own").isEqualTo(5187);
    }

    /**
     * A report that names the thread group (sched_show_task's tgid:, kernel/sched/core.c) ties the
     * thread exactly: even under another name (PR_SET_NAME), and nothing is inferred; a tgid that is
     * no killed process ties it to none.
     */
    @Test
    void aHungTaskThatNamesItsThreadGroupIsThatProcessWithoutInference() {
        ReclaimModel m = new History().exited(5120, "python3", ExitReason.oom_kill)
            .hungThread(5187, 5120, "pt_autograd_0", RELEASE_TRACE).replay();
        ProcessInfo killed = m.processOfTask(5187);
        assertThat(killed.pid()).isEqualTo(5120);
        assertThat(killed.blockedThread()).isEqualTo(5187);
        assertThat(killed.threadInferred()).isFalse();
        Finding f = new LeakFinder(m, 0).conclude().findings().get(0);
        assertThat(f.findingClass()).isEqualTo(FindingClass.stuck);
        assertThat(f.summary()).contains("its thread 5187 is blocked").doesNotContain("tied to it from the kernel log alone");
        ReclaimModel other = new History().exited(5120, "python3", ExitReason.oom_kill)
            .hungThread(5187, 5150, "python3", RELEASE_TRACE).replay();
        assertThat(other.processOfTask(5187).pid()).as("the kernel says it is 5150's, not the killed 5120's").isEqualTo(5187);
    }

    /**
     * What UVM still retains and what nvidia-smi still charges while the killed process's last
     * thread is blocked in its release are held by that release, which has not finished: stuck,
     * not leaked or unattributed, one incident (uvm.c: uvm_release; nv.c: nvidia_close).
     */
    @Test
    void whatAKilledProcessStillExitingLeavesIsStuckNotLeaked() {
        ReclaimModel m = new History().exited(5120, "python3", ExitReason.oom_kill).hungTask(5187, "python3", RELEASE_TRACE)
            .charged(GPU, 4 * GIB, 5120, "python3", 3 * GIB).retained(GPU, 1).replay();
        List<Finding> findings = new LeakFinder(m, 64 * MIB).conclude().findings();
        assertThat(findings).hasSize(3).allSatisfy(f -> assertThat(f.findingClass()).isEqualTo(FindingClass.stuck));
        assertThat(findings).anySatisfy(f -> assertThat(f.summary()).startsWith("UVM still retains GPU " + GPU)
            .contains("the release is still running, not lost"));
        assertThat(findings).anySatisfy(f -> assertThat(f.bytes()).containsEntry(GPU, 3 * GIB));
        assertThat(dev.uvmctl.finding.Incidents.of(findings)).singleElement()
            .satisfies(i -> assertThat(i.findings()).hasSize(3));
        // Seen gone after the report: its release returned and it finished exiting; what UVM still retains is leaked.
        ReclaimModel finished = new History().exited(5120, "python3", ExitReason.oom_kill).hungTask(5187, "python3", RELEASE_TRACE)
            .state(5120, ProcState.gone, "python3").charged(GPU, 4 * GIB, 5120, "python3", 3 * GIB).retained(GPU, 1).replay();
        assertThat(new LeakFinder(finished, 64 * MIB).conclude().findings()).extracting(Finding::findingClass)
            .containsExactlyInAnyOrder(FindingClass.leaked, FindingClass.unattributed);
        // The same without the hung thread: the kill alone ended it, and what it left is leaked.
        ReclaimModel ended = new History().exited(5120, "python3", ExitReason.oom_kill)
            .charged(GPU, 4 * GIB, 5120, "python3", 3 * GIB).retained(GPU, 1).replay();
        assertThat(new LeakFinder(ended, 64 * MIB).conclude().findings()).extracting(Finding::findingClass)
            .containsExactlyInAnyOrder(FindingClass.leaked, FindingClass.unattributed);
    }

    // ---- managed ranges die with the owner's address space ----

    /** exit_mmap -> uvm_vm_close_managed -> uvm_destroy_vma_managed -> uvm_va_range_destroy (uvm.c). */
    @Test
    void anOwnerThatExitsTakesItsManagedRangesWithItAndAChildHoldingTheFdKeepsOnlyTheRest() {
        History h = new History().created(VS, 10).range(VS, A, 4 * GIB, RangeType.managed).populated(VS, A, 4 * GIB, GPU)
            .range(VS, EXT, GIB, RangeType.external).populated(VS, EXT, GIB, GPU)
            .held(VS, 11, FdKind.va_space, 10).exited(10, ExitReason.signal);
        ReclaimModel m = h.replay();
        VaSpace vs = m.vaSpace(VS);
        assertThat(vs.ranges()).extracting(VaRange::type).containsExactly(RangeType.external);
        assertThat(vs.held()).isTrue();
        assertThat(m.residentTotals()).containsEntry(GPU, GIB).containsEntry("cpu", 0L);
        Finding held = new LeakFinder(m, 0).conclude().findings().get(0);
        assertThat(held.findingClass()).isEqualTo(FindingClass.held);
        assertThat(held.totalBytes()).isEqualTo(GIB);
        assertThat(h.diagnostics).isEmpty();
    }

    /**
     * A forked child never has the managed vma: uvm_mmap (uvm.c, 580.95.05) sets VM_DONTCOPY, so the
     * child's exit_mmap closes none of the owner's managed ranges; only its fd goes, and the owner
     * keeps everything. On 530 and earlier, and for a child holding only the va_space fd, nothing
     * pins the owner's mm (the mmu_notifier keeps the mm_struct, not the mappings): the test above.
     */
    @Test
    void aForkedChildsExitTakesNoneOfTheOwnersManagedRanges() {
        ReclaimModel m = new History().created(VS, 10).range(VS, A, 4 * GIB, RangeType.managed).populated(VS, A, 4 * GIB, GPU)
            .held(VS, 11, FdKind.va_space, 10).exited(11, ExitReason.signal).replay();
        VaSpace vs = m.vaSpace(VS);
        assertThat(vs.ranges()).extracting(VaRange::type).containsExactly(RangeType.managed);
        assertThat(m.residentTotals()).containsEntry(GPU, 4 * GIB);
        assertThat(vs.owner().holdsFiles()).isTrue();
        assertThat(new LeakFinder(m, 0).conclude().findings()).as("the owner lives and holds it: nothing to report").isEmpty();
    }

    /** The same teardown for an OOM kill: what stays of a va_space nothing tore down is its other ranges. */
    @Test
    void anOomKilledOwnerLeavesItsExternalRangeAndSemaphorePoolButNotItsManagedMemory() {
        History h = new History().created(VS, 10).range(VS, A, 4 * GIB, RangeType.managed).populated(VS, A, 4 * GIB, GPU)
            .range(VS, EXT, 2 * GIB, RangeType.external).populated(VS, EXT, 2 * GIB, GPU)
            .range(VS, 0x7fa200000000L, 0x10000, RangeType.semaphore_pool).exited(10, ExitReason.oom_kill);
        ReclaimModel m = h.replay();
        assertThat(m.vaSpace(VS).ranges()).extracting(VaRange::type).containsExactly(RangeType.external, RangeType.semaphore_pool);
        assertThat(m.residentTotals()).containsEntry(GPU, 2 * GIB).containsEntry("cpu", 0x10000L);
        Finding leaked = new LeakFinder(m, 0).conclude().findings().get(0);
        assertThat(leaked.findingClass()).isEqualTo(FindingClass.leaked);
        assertThat(leaked.bytes()).containsEntry(GPU, 2 * GIB).containsEntry("cpu", 0x10000L);
    }

    /**
     * The owner's end takes its managed ranges down in the model at once; the driver destroys each
     * a moment later, in that end's exit_mmap (uvm_vm_close_managed -> uvm_destroy_vma_managed ->
     * uvm_va_range_destroy, uvm.c), and a trace shows that destroy: it confirms the model, it is
     * no destroy of a range never created. A second destroy of it is.
     */
    @Test
    void theDriversOwnDestroyOfAManagedRangeTheOwnersEndTookDownConfirmsIt() {
        History h = new History().created(VS, 10).range(VS, A, GIB, RangeType.managed).populated(VS, A, GIB, GPU)
            .range(VS, EXT, GIB, RangeType.external).held(VS, 11, FdKind.va_space, 10).exited(10, ExitReason.oom_kill)
            .destroyed(VS, A, false);
        ReclaimModel m = h.replay();
        assertThat(m.vaSpace(VS).ranges()).extracting(VaRange::type).containsExactly(RangeType.external);
        assertThat(m.residentTotals()).containsEntry(GPU, 0L);
        assertThat(h.diagnostics).isEmpty();
        h.destroyed(VS, A, false).replay();
        assertThat(h.diagnostics).extracting(Diagnostic::message).containsExactly(
            "no live range starts at 0x7fa000000000 in va_space " + VS + " (never seen created, or already destroyed)");
    }

    /**
     * uvm_va_space_destroy (uvm_va_space.c) destroys the va_space's ranges itself, after its entry:
     * uvm_for_each_va_range_safe -> uvm_va_range_destroy -> uvm_va_range_destroy_managed, which
     * notifies UVM_PERF_EVENT_RANGE_DESTROY (uvm_va_range.c). A probe at its entry therefore sees
     * the va_space end first and each of its managed ranges after, the usual order of a CUDA
     * process's end (its va_space fd is closed while its mm fd still pins the mm): those destroys
     * are that teardown, released once. A range it never had, or a second destroy, is still said.
     */
    @Test
    void theRangesUvmVaSpaceDestroyTakesDownAfterItsEntryAreThatTeardown() {
        long other = A + 8 * GIB;
        History h = new History().created(VS, 10).range(VS, A, GIB, RangeType.managed).populated(VS, A, GIB, GPU)
            .range(VS, other, 2 * MIB, RangeType.managed).populated(VS, other, 2 * MIB, "cpu")
            .destroyedVaSpace(VS).destroyed(VS, other, false).destroyed(VS, A, false);
        ReclaimModel m = h.replay();
        assertThat(m.vaSpaces()).isEmpty();
        assertThat(m.residentTotals()).containsEntry(GPU, 0L).containsEntry("cpu", 0L);
        assertThat(h.diagnostics).isEmpty();
        assertThat(new LeakFinder(m, 0).conclude().findings()).isEmpty();
        h.destroyed(VS, A, false).destroyed(VS, EXT, false).replay();
        assertThat(h.diagnostics).extracting(Diagnostic::message).containsExactly(
            "va_space " + VS + " was already destroyed (h:6): range at 0x7fa000000000 not destroyed",
            "va_space " + VS + " was already destroyed (h:6): range at 0x7fa100000000 not destroyed");
    }

    /** Those destroys come within the call, right after its entry: once 64 other va_spaces were destroyed since, one is broken history. */
    @Test
    void aRangeDestroyLongAfterItsVaSpacesEndIsNoPartOfIt() {
        History h = new History().created(VS, 10).range(VS, A, GIB, RangeType.managed).destroyedVaSpace(VS);
        for (int i = 0; i < DestroyedVaSpace.KEPT; i++) {
            String other = "0xffff9a31c1" + String.format("%06x", i * 0x1000);
            h.created(other, 100 + i).range(other, A, MIB, RangeType.managed).destroyedVaSpace(other);
        }
        h.destroyed(VS, A, false).replay();
        assertThat(h.diagnostics).extracting(Diagnostic::message).containsExactly(
            "va_space " + VS + " was already destroyed (h:3): range at 0x7fa000000000 not destroyed");
    }

    /** The same for a managed range the owner's end took down in the model while its mm fd let the driver keep it. */
    @Test
    void aRangeTheOwnersEndTookDownIsTheVaSpacesToo() {
        History h = new History().created(VS, 10).range(VS, A, GIB, RangeType.managed).populated(VS, A, GIB, GPU)
            .exited(10, ExitReason.signal).destroyedVaSpace(VS).destroyed(VS, A, false);
        ReclaimModel m = h.replay();
        assertThat(m.residentTotals()).containsEntry(GPU, 0L);
        assertThat(h.diagnostics).isEmpty();
    }

    /** A zombie has been through exit_mm: its mm is gone as for an exit. */
    @Test
    void anOwnerSeenAsAZombieHasLostItsManagedRangesToo() {
        ReclaimModel m = new History().created(VS, 10).range(VS, A, GIB, RangeType.managed).populated(VS, A, GIB, GPU)
            .state(10, ProcState.zombie).replay();
        assertThat(m.vaSpace(VS).ranges()).isEmpty();
        assertThat(m.residentTotals()).containsEntry(GPU, 0L);
    }

    /**
     * uvm_api_mm_initialize (uvm.c, 535.43.02 on) takes mmget_not_zero on the owner's mm: a child
     * holding an mm fd keeps the owner's mappings until it lets go (uvm_release_mm -> uvm_mmput).
     */
    @Test
    void anMmFdHeldByAnotherProcessKeepsTheOwnersManagedRangesUntilItGoes() {
        History h = new History().created(VS, 10).held(VS, 10, FdKind.mm, null).range(VS, A, GIB, RangeType.managed)
            .populated(VS, A, GIB, GPU).held(VS, 11, FdKind.va_space, 10).held(VS, 11, FdKind.mm, 10).exited(10, ExitReason.signal);
        ReclaimModel m = h.replay();
        assertThat(range(m, VS, A).state()).isEqualTo(RangeState.live);
        assertThat(bytes(m, VS, A, GPU)).isEqualTo(GIB);
        m = h.closed(VS, 11, FdKind.mm).replay();
        assertThat(m.vaSpace(VS).ranges()).isEmpty();
        assertThat(m.vaSpace(VS).held()).as("the child still holds the va_space fd").isTrue();
        assertThat(m.residentTotals()).containsEntry(GPU, 0L);
        assertThat(h.diagnostics).isEmpty();
    }

    /**
     * A fork copies the fd table (kernel/fork.c: dup_fd): the child holds every fd its parent held,
     * the mm fd too, whichever input told the model of them; a parent holding none passes none on,
     * and a later fork of the child passes them on again.
     */
    @Test
    void aForkPassesOnEveryFdTheParentHeldAndTheInheritedMmFdKeepsTheRanges() {
        History h = new History().created(VS, 10).held(VS, 10, FdKind.mm, null).range(VS, A, GIB, RangeType.managed)
            .populated(VS, A, GIB, GPU).forked(11, 10).forked(12, 11).forked(13, 99).exited(10, ExitReason.oom_kill);
        ReclaimModel m = h.replay();
        assertThat(range(m, VS, A).state()).as("the children's mm fds keep the dead owner's mm").isEqualTo(RangeState.live);
        assertThat(bytes(m, VS, A, GPU)).isEqualTo(GIB);
        assertThat(m.vaSpace(VS).holders()).filteredOn(x -> x.process().pid() != 10)
            .extracting(x -> x.process().pid() + " " + x.fd() + " " + x.inheritedFrom()).containsExactlyInAnyOrder("11 mm 10", "12 mm 11");
        assertThat(m.process(13)).as("a fork of a process that holds nothing is no process of the model's").isNull();
        assertThat(h.diagnostics).isEmpty();
        m = h.exited(12, ExitReason.exit).closed(VS, 11, FdKind.mm).replay();
        assertThat(m.vaSpace(VS).ranges()).as("the last mm fd closed: exit_mmap ran").isEmpty();
        assertThat(m.vaSpace(VS).held()).as("11 still holds the va_space fd it inherited").isTrue();
        m = h.closed(VS, 11, FdKind.va_space).replay();
        assertThat(m.vaSpace(VS).held()).as("the last fd closed: nothing holds it").isFalse();
    }

    /**
     * A pid names one process from its fork to its reap (kernel/pid.c): a fork that makes a pid the
     * model still has alive says that process ended unseen (its exit lost). The child is a new
     * process that holds only what its parent passed on.
     */
    @Test
    void aForkOntoAPidTheModelHasAliveEndsThatProcessUnseen() {
        String other = "0xffff9a31c0b00000";
        History h = new History().created(VS, 10).created(other, 20).forked(20, 10);
        ReclaimModel m = h.replay();
        assertThat(m.vaSpace(VS).holders()).filteredOn(x -> x.process().pid() == 20).extracting(Holder::inheritedFrom).containsExactly(10);
        assertThat(m.vaSpace(other).held()).as("the old 20 is gone with its fds").isFalse();
        assertThat(h.diagnostics).extracting(Diagnostic::message).containsExactly("pid 20 is made anew by a fork of 10 while the model "
            + "has it alive (p20): its end was not seen (lost events?), so it is taken as gone");
    }

    /** copy_creds and cgroup_fork (kernel/fork.c): a forked holder runs as its parent's user, in its parent's cgroup. */
    @Test
    void aForkedHolderIsItsParentsUserInItsParentsCgroup() {
        ProcessIdentity job = new ProcessIdentity(1000, "/slurm/uid_1000/job_7/step_0");
        History h = new History().created(VS, 10);
        h.add(new ProcessState(new EventTime("b1", 1_500_000_000L, EventTime.UNKNOWN), new dev.uvmctl.shared.Provenance("h", 2, "status"),
            10, ProcState.alive, 1, "p10", job));
        ReclaimModel m = h.forked(11, 10).replay();
        assertThat(m.process(11).identity()).isEqualTo(job);
    }

    @Test
    void theMmFdHoldersExitEndsThePinToo() {
        ReclaimModel m = new History().created(VS, 10).range(VS, A, GIB, RangeType.managed).populated(VS, A, GIB, GPU)
            .held(VS, 11, FdKind.mm, 10).exited(10, ExitReason.exit).exited(11, ExitReason.exit).replay();
        assertThat(m.vaSpace(VS).ranges()).isEmpty();
        assertThat(m.residentTotals()).containsEntry(GPU, 0L);
    }

    /** uvm_suspend (uvm_global.c) holds every va_space lock in write mode, locking out vma close until uvm_resume. */
    @Test
    void anOwnerEndingWhileTheSystemSuspendsKeepsItsManagedRangesUntilTheResume() {
        History h = new History().created(VS, 10).range(VS, A, GIB, RangeType.managed).populated(VS, A, GIB, GPU)
            .held(VS, 11, FdKind.va_space, 10).suspended().exited(10, ExitReason.exit);
        ReclaimModel m = h.replay();
        assertThat(bytes(m, VS, A, GPU)).isEqualTo(GIB);
        m = h.resumed().replay();
        assertThat(m.vaSpace(VS).ranges()).isEmpty();
        assertThat(m.residentTotals()).containsEntry(GPU, 0L);
    }

    /** The owner's own mm fd closes as it exits (exit_files after exit_mm): it delays nothing. */
    @Test
    void theOwnersOwnMmFdDoesNotKeepItsManagedRanges() {
        ReclaimModel m = new History().created(VS, 10).held(VS, 10, FdKind.mm, null).range(VS, A, GIB, RangeType.managed)
            .populated(VS, A, GIB, GPU).held(VS, 11, FdKind.va_space, 10).exited(10, ExitReason.exit).replay();
        assertThat(m.vaSpace(VS).ranges()).isEmpty();
    }

    /** uvm_vm_close_managed with no current->mm in sharing mode: uvm_va_range_zombify; no mm fd there (uvm_va_space_mm_enabled). */
    @Test
    void inSharingModeTheOwnersExitMakesZombiesWhateverFdsOthersHold() {
        ReclaimModel m = new History().created(VS, 10, true).range(VS, A, GIB, RangeType.managed).populated(VS, A, GIB, GPU)
            .held(VS, 11, FdKind.mm, 10).exited(10, ExitReason.exit).replay();
        assertThat(range(m, VS, A).state()).isEqualTo(RangeState.zombie);
        assertThat(bytes(m, VS, A, GPU)).isEqualTo(GIB);
    }

    /** A mapping holds a reference on the file (vm_file): uvm_release cannot run while the owner maps a managed range. */
    @Test
    void anOwnerThatClosedItsFdButStillMapsAManagedRangeKeepsTheVaSpaceUntilItUnmapsIt() {
        History h = new History().created(VS, 10).range(VS, A, GIB, RangeType.managed).populated(VS, A, GIB, GPU)
            .closed(VS, 10, FdKind.va_space);
        ReclaimModel m = h.replay();
        assertThat(m.vaSpace(VS).held()).isTrue();
        assertThat(m.vaSpace(VS).orphanedAt()).isEqualTo(dev.uvmctl.event.EventTime.UNKNOWN);
        m = h.destroyed(VS, A, false).replay();
        assertThat(m.vaSpace(VS).held()).isFalse();
        assertThat(m.vaSpace(VS).orphanedAt()).isEqualTo(5_000_000_000L);
    }

    @Test
    void anOwnerThatClosedItsFdAndExitsLetsGoOfTheVaSpaceWithItsMappings() {
        ReclaimModel m = new History().created(VS, 10).range(VS, A, GIB, RangeType.managed).closed(VS, 10, FdKind.va_space)
            .exited(10, ExitReason.exit).replay();
        assertThat(m.vaSpace(VS).held()).isFalse();
        assertThat(m.vaSpace(VS).orphanedAt()).isEqualTo(4_000_000_000L);
    }

    // ---- one GPU, one byte account ----

    /** A GPU is one processor (uvm_processor_id_t) whatever an input calls it. */
    @Test
    void aGpuNamedByIndexUuidOrPciIdInAnySpellingIsOneProcessor() {
        History h = new History().gpuMemory(GPU, 1, UUID, GPU).created(VS, 10).range(VS, A, 8 * MIB, RangeType.managed)
            .populated(VS, A, 8 * MIB, "gpu1").migrated(VS, A, 2 * MIB, "UVM-GPU-5A1B2C3D-4E5F-6071-8293-A4B5C6D7E8F9", "cpu")
            .evicted("00000000:3B:00.0", VS, A, 2 * MIB, EvictStatus.ok, null).migrated(VS, A, MIB, "1", "cpu");
        ReclaimModel m = h.replay();
        assertThat(m.bytes(range(m, VS, A))).containsExactly(org.assertj.core.api.Assertions.entry("cpu", 5 * MIB),
            org.assertj.core.api.Assertions.entry(GPU, 3 * MIB));
        assertThat(m.processorNames()).containsExactly("cpu", GPU);
        assertThat(h.diagnostics).isEmpty();
    }

    /** Names learnt to be one GPU after each had bytes: one account, never more than the range. */
    @Test
    void learningLaterThatTwoNamesAreOneGpuFoldsTheirBytesIntoOneAccount() {
        History h = new History().created(VS, 10).range(VS, A, 4 * MIB, RangeType.managed).populated(VS, A, MIB, "gpu1")
            .populated(VS, A, MIB, GPU).populated(VS, A, MIB, UUID).gpuMemory("gpu1", 1, UUID, GPU);
        ReclaimModel m = h.replay();
        assertThat(m.bytes(range(m, VS, A))).containsExactly(org.assertj.core.api.Assertions.entry("cpu", 0L),
            org.assertj.core.api.Assertions.entry(GPU, 3 * MIB));
        assertThat(m.residentTotals()).containsExactly(org.assertj.core.api.Assertions.entry("cpu", 0L),
            org.assertj.core.api.Assertions.entry(GPU, 3 * MIB));
        m = h.migrated(VS, A, 3 * MIB, "gpu1", "cpu").replay();
        assertThat(bytes(m, VS, A, "cpu")).isEqualTo(3 * MIB);
        assertThat(bytes(m, VS, A, GPU)).isZero();
        assertThat(h.diagnostics).isEmpty();
    }

    /**
     * A trace saved by hand names GPUs by UVM processor id only ({@code uvm-gpuN}); UVM's procfs of the same boot
     * says which GPU has that id ({@code GPU ID N:}, the first line of gpus/.../info, printed from {@code gpu->id} by
     * gpu_info_print_common, uvm_gpu.c, 535.43.02 to 580.95.05): from then on those bytes are that GPU's, and the ids
     * of other GPUs stay apart.
     */
    @Test
    void uvmsProcfsNamesTheProcessorIdATraceGaveAGpu() {
        History h = new History().created(VS, 10).range(VS, A, 8 * MIB, RangeType.managed)
            .migrated(VS, A, 4 * MIB, "cpu", "uvm-gpu1").migrated(VS, A + 4 * MIB, 2 * MIB, "cpu", "uvm-gpu2")
            .retained(GPU, UUID, 1, 3);
        ReclaimModel m = h.replay();
        assertThat(bytes(m, VS, A, GPU)).isEqualTo(4 * MIB);
        assertThat(bytes(m, VS, A, "uvm-gpu2")).isEqualTo(2 * MIB);
        assertThat(m.processorNames()).containsExactlyInAnyOrder("cpu", GPU, "uvm-gpu2");
        // Later migrations under the id land on the same account.
        m = h.migrated(VS, A, MIB, "uvm-gpu1", "cpu").replay();
        assertThat(bytes(m, VS, A, GPU)).isEqualTo(3 * MIB);
        assertThat(h.diagnostics).isEmpty();
    }

    /**
     * find_unused_gpu_id (uvm_gpu.c, 580.95.05) gives a GPU the first free id when it is registered, and the id is
     * free again once the GPU is released: a later job on another GPU gets the same id. Two GPUs are never made one
     * through it; the id keeps the GPU it named first, and the reuse is said once.
     */
    @Test
    void aUvmIdReusedForAnotherGpuNeverMakesTwoGpusOne() {
        String other = "0000:86:00.0";
        History h = new History().created(VS, 10).range(VS, A, 8 * MIB, RangeType.managed)
            .migrated(VS, A, 4 * MIB, "cpu", "uvm-gpu1").retained(GPU, UUID, 1, 3).retained(GPU, UUID, 1, 0)
            .retained(other, "GPU-6b2c3d4e-5f60-7182-93a4-b5c6d7e8f9a0", 1, 2).retained(other, "GPU-6b2c3d4e-5f60-7182-93a4-b5c6d7e8f9a0", 1, 2);
        ReclaimModel m = h.replay();
        assertThat(m.gpus().resolve(other)).as("two GPUs stay two").isEqualTo(other);
        assertThat(m.gpus().resolve("uvm-gpu1")).isEqualTo(GPU);
        assertThat(m.processorNames()).containsExactlyInAnyOrder("cpu", GPU);
        assertThat(bytes(m, VS, A, GPU)).isEqualTo(4 * MIB);
        assertThat(h.diagnostics).singleElement().asString()
            .contains("UVM's processor id 1 is 0000:86:00.0 here, but was 0000:3b:00.0 before");
    }

    // ---- first touch is per range ----

    /**
     * block_copy_resident_pages_between (uvm_va_block.c, 580.95.05) copies only pages resident on
     * the source: a copy of more than the model knew there proves pages first touched unseen (a CPU
     * page fault, a GPU zero-fill, in no event), so the range's bytes are a lower bound from then on,
     * in both parts of a split too; where first touches were told (populated), they stay exact.
     */
    @Test
    void aCopyOfBytesNoEventPutThereMakesTheRangesBytesALowerBound() {
        ReclaimModel told = new History().created(VS, 10).range(VS, A, 4 * MIB, RangeType.managed).populated(VS, A, 2 * MIB, "cpu")
            .migrated(VS, A, 2 * MIB, "cpu", GPU).replay();
        assertThat(range(told, VS, A).bytesAtLeast()).isFalse();
        ReclaimModel unseen = new History().created(VS, 10).range(VS, A, 4 * MIB, RangeType.managed)
            .migrated(VS, A, 2 * MIB, "cpu", GPU).replay();
        assertThat(bytes(unseen, VS, A, GPU)).isEqualTo(2 * MIB);
        assertThat(range(unseen, VS, A).bytesAtLeast()).isTrue();
        ReclaimModel split = new History().created(VS, 10).range(VS, A, 4 * MIB, RangeType.managed)
            .migrated(VS, A, 2 * MIB, "cpu", GPU).split(VS, A + 2 * MIB, A + 4 * MIB - 1).replay();
        assertThat(range(split, VS, A).bytesAtLeast()).isTrue();
        assertThat(range(split, VS, A + 2 * MIB).bytesAtLeast()).as("the upper part of the split").isTrue();
        // A GPU's first touch shows only when a copy takes more off it than the model had put there.
        ReclaimModel gpu = new History().created(VS, 10).range(VS, A, 4 * MIB, RangeType.managed).populated(VS, A, 2 * MIB, "cpu")
            .migrated(VS, A, 2 * MIB, "cpu", GPU).migrated(VS, A, 4 * MIB, GPU, "cpu").replay();
        assertThat(range(gpu, VS, A).bytesAtLeast()).isTrue();
        assertThat(bytes(gpu, VS, A, "cpu")).isEqualTo(4 * MIB);
    }

    /**
     * A finding on a GPU that fell off the bus says that only a reboot recovers it, and its evidence
     * holds the loss of the GPU, whichever of the two the finding's builder is given first (the worker's mm fd keeps the
     * owner's range on that GPU).
     */
    @Test
    void aFindingOnALostGpuSaysSoAndHoldsTheLossInItsEvidence() {
        History h = new History().created(VS, 10).range(VS, A, 2 * MIB, RangeType.managed).populated(VS, A, 2 * MIB, GPU)
            .held(VS, 11, FdKind.va_space, 10).held(VS, 11, FdKind.mm, 10).exited(10, ExitReason.exit).gpuLost(GPU);
        List<Finding> held = new LeakFinder(h.replay(), 0).conclude().findings().stream()
            .filter(f -> f.findingClass() == FindingClass.held).toList();
        assertThat(held).hasSize(1);
        assertThat(held.get(0).remediation()).endsWith(" GPU " + GPU + " fell off the bus: only a reboot recovers it.");
        assertThat(held.get(0).evidence().events()).anyMatch(e -> e instanceof GpuLost);
    }

    /** block_copy_set_first_touch_residency (uvm_va_block.c) makes resident only pages resident nowhere. */
    @Test
    void pagesAlreadyResidentSomewhereAreNotFirstTouchedAgainElsewhere() {
        History h = new History().created(VS, 10).range(VS, A, 2 * MIB, RangeType.managed).populated(VS, A, 2 * MIB, "cpu")
            .populated(VS, A, MIB, GPU);
        ReclaimModel m = h.replay();
        assertThat(bytes(m, VS, A, GPU)).isZero();
        assertThat(h.diagnostics).extracting(Diagnostic::message).containsExactly("1048576 bytes populated on 0000:3b:00.0 but only 0 bytes "
            + "of the range [0x7fa000000000, 0x7fa0001fffff] are resident nowhere (without read duplication a page is resident on one processor): "
            + "counted 0");
    }

    /**
     * uvm_va_block_make_resident_read_duplicate copies (transfer mode COPY) and the source keeps its
     * pages; a move (uvm_va_block_make_resident) breaks the duplication (break_read_duplication_in_region).
     */
    @Test
    void onlyAReadDuplicatingCopyPutsAPageOnTwoProcessorsAndAMoveMakesItOneAgain() {
        History h = new History().created(VS, 10).range(VS, A, 2 * MIB, RangeType.managed).populated(VS, A, 2 * MIB, "cpu")
            .copied(VS, A, 2 * MIB, "cpu", GPU);
        ReclaimModel m = h.replay();
        assertThat(bytes(m, VS, A, "cpu")).isEqualTo(2 * MIB);
        assertThat(bytes(m, VS, A, GPU)).isEqualTo(2 * MIB);
        assertThat(range(m, VS, A).duplicated()).isTrue();
        m = h.migrated(VS, A, 2 * MIB, GPU, "cpu").replay();
        assertThat(bytes(m, VS, A, "cpu")).isEqualTo(2 * MIB);
        assertThat(bytes(m, VS, A, GPU)).isZero();
        assertThat(range(m, VS, A).duplicated()).isFalse();
        assertThat(m.residentTotals()).containsEntry("cpu", 2 * MIB).containsEntry(GPU, 0L);
        assertThat(h.diagnostics).isEmpty();
    }

    /** Evicting a read-duplicated page drops the GPU copy: the CPU already has it. */
    @Test
    void evictingADuplicatedPageOnlyDropsTheGpuCopy() {
        ReclaimModel m = new History().created(VS, 10).range(VS, A, 2 * MIB, RangeType.managed).populated(VS, A, 2 * MIB, "cpu")
            .copied(VS, A, 2 * MIB, "cpu", GPU).evicted(VS, A, 2 * MIB, EvictStatus.ok).replay();
        assertThat(bytes(m, VS, A, "cpu")).isEqualTo(2 * MIB);
        assertThat(bytes(m, VS, A, GPU)).isZero();
    }

    // ---- semaphore pools, channel ranges ----

    /** uvm_va_range_create_semaphore_pool (uvm_va_range.c): uvm_mem_alloc of the whole pool, "located in sysmem". */
    @Test
    void aSemaphorePoolIsSystemMemoryFromItsCreationAndNeverCountsOnAGpu() {
        History h = new History().created(VS, 10).range(VS, A, 0x10000, RangeType.semaphore_pool).populated(VS, A, 0x10000, GPU)
            .migrated(VS, A, 0x10000, "cpu", GPU);
        ReclaimModel m = h.replay();
        assertThat(bytes(m, VS, A, "cpu")).isEqualTo(0x10000);
        assertThat(m.residentTotals()).containsEntry(GPU, 0L).containsEntry("cpu", 0x10000L);
        assertThat(h.diagnostics).extracting(Diagnostic::message).containsOnly("the semaphore pool [0x7fa000000000, 0x7fa00000ffff] is "
            + "system memory from its creation and never moves: nothing of it is on 0000:3b:00.0").hasSize(2);
    }

    /** uvm_va_range_destroy_channel frees the range; uvm_user_channel_detach defers the user channel object. */
    @Test
    void aChannelRangeIsFreedAtOnceEvenWhenTheInputSaysItsDestroyWasDeferred() {
        History h = new History().created(VS, 10).range(VS, A, MIB, RangeType.channel).populated(VS, A, MIB, GPU).destroyed(VS, A, true);
        ReclaimModel m = h.replay();
        assertThat(m.vaSpace(VS).deferred()).isEmpty();
        assertThat(m.residentTotals()).containsEntry(GPU, 0L);
        assertThat(h.diagnostics).extracting(Diagnostic::message).containsExactly(
            "a channel range is freed at once: what goes onto the deferred free list is its user channel object, not the range: destroyed");
    }

    // ---- eviction status ----

    /** pick_and_evict_root_chunk_retry (uvm_pmm_gpu.c) loops while NV_ERR_IN_USE: transient, like a retry. */
    @Test
    void anEvictionFailingWithNvErrInUseIsABusyRetryAndCountsTowardPinned() {
        History h = new History().created(VS, 10).range(VS, A, GIB, RangeType.managed).populated(VS, A, GIB, GPU);
        for (int i = 0; i < LeakFinder.PINNED_AFTER; i++) {
            h.evicted(GPU, VS, A, 2 * MIB, EvictStatus.error, "NV_ERR_IN_USE");
        }
        ReclaimModel m = h.replay();
        assertThat(range(m, VS, A).failedEvictions()).isEqualTo(LeakFinder.PINNED_AFTER);
        assertThat(Evictions.status((dev.uvmctl.event.Evicted) range(m, VS, A).lastFailure().event())).isEqualTo(EvictStatus.busy_retry);
        Finding pinned = new LeakFinder(m, 0).conclude().findings().stream().filter(f -> f.findingClass() == FindingClass.pinned)
            .findFirst().orElseThrow();
        assertThat(pinned.eviction().lastStatus()).isEqualTo("busy_retry");
        assertThat(pinned.eviction().lastError()).isEqualTo("NV_ERR_IN_USE");
    }

    /**
     * uvm_va_range_split -> uvm_va_range_split_blocks (uvm_va_range.c) moves each block, with the GPU
     * chunks its evictions could not free, to the part that holds it: a range pinned by failing
     * evictions of its upper block stays pinned in the upper part after a split (an munmap of the
     * lower half, a cudaMemAdvise on part of it); the lower part has no failures.
     */
    @Test
    void aSplitKeepsTheRunOfFailedEvictionsWithThePartThatHoldsTheFailingBlock() {
        long upper = A + 2 * MIB;
        History h = new History().created(VS, 10).range(VS, A, 4 * MIB, RangeType.managed).populated(VS, A, 4 * MIB, GPU);
        for (int i = 0; i < LeakFinder.PINNED_AFTER; i++) {
            h.evicted(GPU, VS, upper, 2 * MIB, EvictStatus.error, "NV_ERR_NO_MEMORY");
        }
        ReclaimModel m = h.split(VS, upper, A + 4 * MIB - 1).replay();
        assertThat(range(m, VS, A).failedEvictions()).isZero();
        assertThat(range(m, VS, upper).failedEvictions()).isEqualTo(LeakFinder.PINNED_AFTER);
        assertThat(range(m, VS, upper).failingSince()).as("the first failure, at 4 s").isEqualTo(4_000_000_000L);
        List<Finding> pinned = new LeakFinder(m, 0).conclude().findings().stream()
            .filter(f -> f.findingClass() == FindingClass.pinned).toList();
        assertThat(pinned).hasSize(1);
        assertThat(pinned.get(0).ranges().get(0).start()).isEqualTo(upper);
        assertThat(pinned.get(0).bytes()).containsEntry(GPU, 2 * MIB);
        assertThat(h.diagnostics).isEmpty();
    }

    @Test
    void anEvictionFailingForGoodStaysAnError() {
        ReclaimModel m = new History().created(VS, 10).range(VS, A, GIB, RangeType.managed).populated(VS, A, GIB, GPU)
            .evicted(GPU, VS, A, 2 * MIB, EvictStatus.error, "NV_ERR_NO_MEMORY").replay();
        assertThat(Evictions.status((dev.uvmctl.event.Evicted) range(m, VS, A).lastFailure().event())).isEqualTo(EvictStatus.error);
    }
}
