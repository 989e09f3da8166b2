package dev.uvmctl.model;

import static dev.uvmctl.model.History.GPU;
import static dev.uvmctl.model.History.bytes;
import static dev.uvmctl.model.History.range;
import static org.assertj.core.api.Assertions.assertThat;

import dev.uvmctl.event.EventTime;
import dev.uvmctl.event.EvictStatus;
import dev.uvmctl.event.RangeSplit;
import dev.uvmctl.event.RangeType;
import dev.uvmctl.shared.Provenance;
import org.junit.jupiter.api.Test;

/**
 * The rules a trace of the driver needs: a split range is two (uvm_va_range.c: uvm_va_range_split,
 * 535..595), and a migration is a copy that proves where its bytes were (uvm_va_block.c:
 * block_copy_resident_pages_between, 580.95.05, which copies only pages resident on the source and
 * not on the destination): what the model did not know was there was resident there untracked,
 * within the part of the range resident nowhere as far as it knows.
 */
class TraceRulesTest {
    private static final String VS = "0xffff8f01c2a40000";
    private static final long A = 0x7f3a40000000L;
    private static final long MIB = 1L << 20;

    private static History split(History h, long start, long end) {
        return h.add(new RangeSplit(new EventTime("b1", 1000_000_000_000L, EventTime.UNKNOWN), new Provenance("h", 99, "split"), VS, start, end));
    }

    @Test
    void aSplitKeepsTheLowerPartAndMakesTheUpperANewRangeWithTheSameWholeResidency() {
        History h = new History().created(VS, 10).range(VS, A, 8 * MIB, RangeType.managed).migrated(VS, A, 2 * MIB, "cpu", GPU)
            .migrated(VS, A + 2 * MIB, 2 * MIB, "cpu", GPU).migrated(VS, A + 4 * MIB, 2 * MIB, "cpu", GPU)
            .migrated(VS, A + 6 * MIB, 2 * MIB, "cpu", GPU);
        ReclaimModel m = split(h, A + 2 * MIB, A + 8 * MIB - 1).replay();
        assertThat(h.diagnostics).isEmpty();
        assertThat(range(m, VS, A).end()).isEqualTo(A + 2 * MIB - 1);
        assertThat(range(m, VS, A + 2 * MIB).end()).isEqualTo(A + 8 * MIB - 1);
        assertThat(bytes(m, VS, A, GPU)).isEqualTo(2 * MIB);
        assertThat(bytes(m, VS, A + 2 * MIB, GPU)).isEqualTo(6 * MIB);
        assertThat(m.residentTotals().get(GPU)).isEqualTo(8 * MIB);
    }

    @Test
    void aSplitOfARangePartlyOnAProcessorLeavesBothPiecesUnknown() {
        History h = new History().created(VS, 10).range(VS, A, 8 * MIB, RangeType.managed).migrated(VS, A, 2 * MIB, "cpu", GPU);
        ReclaimModel m = split(h, A + 4 * MIB, A + 8 * MIB - 1).replay();
        assertThat(range(m, VS, A).residencyKnown()).isFalse();
        assertThat(range(m, VS, A + 4 * MIB).residencyKnown()).isFalse();
        assertThat(m.residentTotals().getOrDefault(GPU, 0L)).isZero();
    }

    @Test
    void aSplitWhereNoRangeIsSaysSo() {
        History h = new History().created(VS, 10).range(VS, A, 8 * MIB, RangeType.managed);
        split(h, A, A + 8 * MIB - 1).replay();
        assertThat(h.diagnostics).hasSize(1);
        assertThat(h.diagnostics.get(0).message()).contains("nothing split");
    }

    @Test
    void migrationsEstablishTheResidencyOfARangeNoInputSawCreated() {
        History h = new History().created(VS, 10).observed(VS, A, 8 * MIB, RangeType.managed).migrated(VS, A, 2 * MIB, "cpu", GPU);
        ReclaimModel m = h.replay();
        assertThat(range(m, VS, A).residencyKnown()).isTrue();
        assertThat(bytes(m, VS, A, GPU)).as("never clamped to zero").isEqualTo(2 * MIB);
    }

    @Test
    void bytesAMoveTakesFromTheCpuBeyondWhatWasKnownThereWereFirstTouchedThereUnseen() {
        History h = new History().created(VS, 10).range(VS, A, 8 * MIB, RangeType.managed).populated(VS, A, MIB, "cpu")
            .populated(VS, A, 2 * MIB, GPU).migrated(VS, A, 4 * MIB, "cpu", GPU);
        ReclaimModel m = h.replay();
        assertThat(h.diagnostics).isEmpty();
        assertThat(bytes(m, VS, A, GPU)).isEqualTo(6 * MIB);
        assertThat(bytes(m, VS, A, "cpu")).isZero();
        assertThat(m.residentTotals().get(GPU)).isEqualTo(6 * MIB);
    }

    @Test
    void aMoveNeverMakesTheRangeHoldMoreThanItsSizeAndSaysWhatNoPartOfItExplains() {
        // 6 MiB on the GPU, 1 MiB known on the CPU: only 1 MiB more of the range can have been on the CPU unseen.
        History h = new History().created(VS, 10).range(VS, A, 8 * MIB, RangeType.managed).populated(VS, A, 6 * MIB, GPU)
            .populated(VS, A, MIB, "cpu").migrated(VS, A, 4 * MIB, "cpu", GPU);
        ReclaimModel m = h.replay();
        assertThat(h.diagnostics).extracting(d -> d.message()).containsExactly(
            "moves 4194304 bytes from cpu but the range [0x7f3a40000000, 0x7f3a407fffff] has only 2097152 bytes that can have been there: moved 2097152");
        assertThat(bytes(m, VS, A, GPU)).isEqualTo(8 * MIB);
        assertThat(bytes(m, VS, A, "cpu")).isZero();
    }

    @Test
    void aCopyLeavesTheSourceItsPagesTheUnseenOnesIncluded() {
        // uvm_va_block_make_resident_read_duplicate (uvm_va_block.c): transfer mode COPY, the CPU keeps its pages.
        History h = new History().created(VS, 10).range(VS, A, 8 * MIB, RangeType.managed).populated(VS, A, MIB, "cpu")
            .copied(VS, A, 4 * MIB, "cpu", GPU);
        ReclaimModel m = h.replay();
        assertThat(h.diagnostics).isEmpty();
        assertThat(bytes(m, VS, A, "cpu")).isEqualTo(4 * MIB);
        assertThat(bytes(m, VS, A, GPU)).isEqualTo(4 * MIB);
        assertThat(range(m, VS, A).duplicated()).isTrue();
    }

    @Test
    void aSuccessfulEvictionProvesItsBytesWereOnTheGpuLikeAMigration() {
        History h = new History().created(VS, 10).observed(VS, A, 8 * MIB, RangeType.managed)
            .evicted(VS, A, 2 * MIB, EvictStatus.ok);
        ReclaimModel m = h.replay();
        assertThat(h.diagnostics).isEmpty();
        assertThat(range(m, VS, A).residencyKnown()).isTrue();
        assertThat(bytes(m, VS, A, "cpu")).isEqualTo(2 * MIB);
        assertThat(bytes(m, VS, A, GPU)).isZero();
    }

    @Test
    void aFailedEvictionEstablishesNothing() {
        History h = new History().created(VS, 10).observed(VS, A, 8 * MIB, RangeType.managed)
            .evicted(VS, A, 2 * MIB, EvictStatus.error);
        ReclaimModel m = h.replay();
        assertThat(range(m, VS, A).residencyKnown()).isFalse();
    }

    /**
     * A ring buffer that fills drops events (kernel/trace/ring_buffer.c), and a dropped
     * uvm_va_space_destroy looks exactly like a leak: the owner exits (do_exit's
     * trace_sched_process_exit comes before exit_files and its uvm_release) and no destroy follows.
     * A finding about what existed when events were lost says it is inferred; what was created
     * after the loss cannot have lost events to it; what was first seen after it without its
     * creation may have been created in the lost stretch.
     */
    @Test
    void findingsAboutWhatExistedWhenEventsWereLostAreInferred() {
        String before = "0xffff8f0100000000";
        String after = "0xffff8f0200000000";
        String unseen = "0xffff8f0300000000";
        History h = new History().created(before, 100).held(before, 100, dev.uvmctl.event.FdKind.va_space, null)
            .exited(100, dev.uvmctl.event.ExitReason.exit)
            .lost(3, 512L)
            .created(after, 200).held(after, 200, dev.uvmctl.event.FdKind.va_space, null).exited(200, dev.uvmctl.event.ExitReason.exit)
            .migrated(unseen, A, 2 * MIB, "cpu", GPU).held(unseen, 300, dev.uvmctl.event.FdKind.va_space, null)
            .exited(300, dev.uvmctl.event.ExitReason.exit);
        java.util.Map<String, dev.uvmctl.finding.Finding> byVaSpace = new java.util.HashMap<>();
        for (dev.uvmctl.finding.Finding f : new dev.uvmctl.finding.LeakFinder(h.replay(), 0).conclude().findings()) {
            byVaSpace.put(f.vaSpace(), f);
        }
        assertThat(byVaSpace).containsOnlyKeys(before, after, unseen);
        assertThat(byVaSpace.get(before).evidence().inferred()).as("it lived through the loss").isTrue();
        assertThat(byVaSpace.get(before).evidence().lost()).extracting(dev.uvmctl.event.EventsLost::cpu, dev.uvmctl.event.EventsLost::count)
            .containsExactly(org.assertj.core.groups.Tuple.tuple(3, 512L));
        assertThat(byVaSpace.get(after).evidence().inferred()).as("created after the loss, its whole life was seen").isFalse();
        assertThat(byVaSpace.get(unseen).evidence().inferred()).as("first seen after the loss, its creation not seen").isTrue();
    }

    /**
     * A kmsg copy filtered with grep loses records before nearly every line, each an events_lost:
     * a finding keeps the first and last four places and counts them all, so that findings times
     * lines are never held (nor written).
     */
    @Test
    void aFindingKeepsTheFirstAndLastFourLossesAndCountsThemAll() {
        String vs = "0xffff8f0100000000";
        History h = new History().created(vs, 100).held(vs, 100, dev.uvmctl.event.FdKind.va_space, null);
        for (int i = 1; i <= 1000; i++) {
            h.lost(null, (long) i);
        }
        h.exited(100, dev.uvmctl.event.ExitReason.exit);
        java.util.List<dev.uvmctl.finding.Finding> findings = new dev.uvmctl.finding.LeakFinder(h.replay(), 0).conclude().findings();
        assertThat(findings).hasSize(1);
        dev.uvmctl.finding.EvidenceChain chain = findings.get(0).evidence();
        assertThat(chain.inferred()).isTrue();
        assertThat(chain.lostTotal()).isEqualTo(1000);
        assertThat(chain.lostOmitted()).isEqualTo(992);
        assertThat(chain.lost()).extracting(dev.uvmctl.event.EventsLost::count)
            .containsExactly(1L, 2L, 3L, 4L, 997L, 998L, 999L, 1000L);
    }

    /** Counts of losses near Long.MAX_VALUE (a kmsg copy's record numbers) sum to at most Long.MAX_VALUE, never to a negative. */
    @Test
    void lossesThatCountNearLongMaxValueSumWithoutOverflow() {
        History h = new History().lost(null, Long.MAX_VALUE - 5).lost(null, Long.MAX_VALUE - 5).lost(null, null);
        dev.uvmctl.finding.LeaksReport.Losses losses = dev.uvmctl.finding.LeaksReport.Losses.of(h.replay().losses());
        assertThat(losses.reports()).isEqualTo(3);
        assertThat(losses.counted()).isEqualTo(Long.MAX_VALUE);
        assertThat(losses.uncounted()).isEqualTo(1);
    }

    /** Losses of an earlier boot touch nothing of the next: a reboot ended everything. */
    @Test
    void lossesOfAnEarlierBootLeaveTheNextBootsFindingsWhole() {
        String vs = "0xffff8f0100000000";
        History h = new History().lost(null, null).boot("b2").migrated(vs, A, 2 * MIB, "cpu", GPU)
            .held(vs, 100, dev.uvmctl.event.FdKind.va_space, null).exited(100, dev.uvmctl.event.ExitReason.exit);
        assertThat(new dev.uvmctl.finding.LeakFinder(h.replay(), 0).conclude().findings())
            .extracting(f -> f.evidence().inferred()).containsExactly(false);
    }

    /** The kernel's own report of the driver in trouble stands on itself: a trace's loss does not make it inferred. */
    @Test
    void aFindingOnTheKernelsOwnReportIsNotInferred() {
        History h = new History().lost(3, 512L).fault(dev.uvmctl.event.FaultKind.oops, 100, "uvm_va_space_destroy");
        assertThat(new dev.uvmctl.finding.LeakFinder(h.replay(), 0).conclude().findings())
            .extracting(f -> f.findingClass(), f -> f.evidence().inferred())
            .containsExactly(org.assertj.core.groups.Tuple.tuple(dev.uvmctl.finding.FindingClass.driver, false));
    }
}
