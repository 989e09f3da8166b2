package dev.uvmctl.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uvmctl.event.ExitReason;
import dev.uvmctl.event.FaultKind;
import dev.uvmctl.event.TaskBlocked;
import org.junit.jupiter.api.Test;

/**
 * What the model keeps of the kernel's reports about the driver, replayed as the driver behaves:
 * a task blocked in its teardown holds what it is tearing down until it gets on (uvm.c:
 * uvm_release; uvm_va_space.c: uvm_va_space_destroy), and the module cannot be unloaded while a
 * release of one of its files runs (uvm.c: uvm_fops .owner = THIS_MODULE).
 */
class DriverHistoryTest {
    private static final String DESTROY = "uvm_va_space_destroy+0x2a1/0x500 [nvidia_uvm]";
    private static final String IOCTL = "uvm_api_migrate+0x61/0x230 [nvidia_uvm]";

    @Test
    void eachTaskTheKernelReportsBlockedIsKeptOnceAndAReportWithoutATaskIsOneOfItsOwn() {
        ReclaimModel m = new History().blocked(7, DESTROY).blocked(7, DESTROY).blocked(8, IOCTL)
            .blockedWithoutTask(DESTROY).blockedWithoutTask(DESTROY).replay();
        assertThat(m.driver().blocked()).extracting(e -> ((TaskBlocked) e.event()).pid()).containsExactly(7, 8, null, null);
        assertThat(m.driver().blocked()).extracting(e -> e.event().source().line()).containsExactly(1L, 3L, 4L, 5L);
        assertThat(m.process(7).blocked()).as("the process still has its last report").isNotNull();
    }

    @Test
    void aSnapshotsUninterruptibleSleepIsNotAReportOfTheKernel() {
        ReclaimModel m = new History().sleeping(9, DESTROY).replay();
        assertThat(m.driver().blocked()).isEmpty();
        assertThat(m.process(9).blocked()).isNotNull();
    }

    @Test
    void anUnloadOfTheDriverEndsTheReportsBeforeItButNotTheOnesAfter() {
        ReclaimModel m = new History().blocked(7, DESTROY).blockedWithoutTask(DESTROY).unloaded().blocked(8, DESTROY).replay();
        assertThat(m.driver().blocked()).extracting(e -> ((TaskBlocked) e.event()).pid()).containsExactly(8);
        ReclaimModel again = new History().blocked(7, DESTROY).unloaded().blocked(7, DESTROY).replay();
        assertThat(again.driver().blocked()).as("a report after the unload is a report again").hasSize(1);
    }

    @Test
    void aRebootEndsTheReports() {
        ReclaimModel m = new History().blocked(7, DESTROY).fault(FaultKind.oops, 7, DESTROY).boot("b2").exited(1, ExitReason.exit).replay();
        assertThat(m.driver().blocked()).isEmpty();
        assertThat(m.driver().faults()).isEmpty();
    }

    @Test
    void everyDriverFaultIsKeptInATeardownOrNot() {
        ReclaimModel m = new History().fault(FaultKind.oops, 7, DESTROY).fault(FaultKind.warning, null, IOCTL).replay();
        assertThat(m.driver().faults()).extracting(e -> e.event().source().line()).containsExactly(1L, 2L);
    }

    @Test
    void reportsBeyondTheBoundAreADiagnosticNotASilentLoss() {
        History h = new History();
        for (int pid = 1; pid <= DriverHistory.KEPT + 2; pid++) {
            h.blocked(pid, DESTROY);
        }
        ReclaimModel m = h.replay();
        assertThat(m.driver().blocked()).hasSize(DriverHistory.KEPT);
        assertThat(h.diagnostics).hasSize(2).allSatisfy(d -> assertThat(d.message())
            .isEqualTo("more than 100 tasks reported blocked in this boot: this one is not a finding of its own"));
    }
}
