package dev.uvmctl.model;

import static dev.uvmctl.model.History.GIB;
import static dev.uvmctl.model.History.GPU;
import static dev.uvmctl.model.History.MIB;
import static dev.uvmctl.model.History.bytes;
import static dev.uvmctl.model.History.range;
import static org.assertj.core.api.Assertions.assertThat;

import dev.uvmctl.event.EventTime;
import dev.uvmctl.event.EvictStatus;
import dev.uvmctl.event.ExitReason;
import dev.uvmctl.event.FdKind;
import dev.uvmctl.event.ProcState;
import dev.uvmctl.event.RangeType;
import org.junit.jupiter.api.Test;

class ReclaimModelTest {
    private static final String VS = "0xffff8f01c2a40000";
    private static final long A = 0x7f0000000000L;

    @Test
    void migrateMovesBytesBetweenProcessorsWithoutCreatingAny() {
        History h = new History().created(VS, 10).range(VS, A, GIB, RangeType.managed)
            .populated(VS, A, GIB, "cpu").migrated(VS, A + 4096, 256 * MIB, "cpu", GPU);
        ReclaimModel m = h.replay();
        assertThat(bytes(m, VS, A, "cpu")).isEqualTo(768 * MIB);
        assertThat(bytes(m, VS, A, GPU)).isEqualTo(256 * MIB);
        assertThat(m.residentTotals()).containsEntry("cpu", 768 * MIB).containsEntry(GPU, 256 * MIB);
        assertThat(h.diagnostics).isEmpty();
    }

    @Test
    void aVaSpaceIdUsedAgainAfterItsDestroyNamesTheNewVaSpaceNotTheOneLookedUpBefore() {
        // The same id instance throughout, as a decoder hands it out: a look-up remembered by identity must not outlive the destroy.
        History h = new History().created(VS, 10).range(VS, A, GIB, RangeType.managed).populated(VS, A, GIB, "cpu")
            .migrated(VS, A, 2 * MIB, "cpu", GPU).destroyedVaSpace(VS)
            .created(VS, 11).range(VS, A, 4 * MIB, RangeType.managed).populated(VS, A, 4 * MIB, "cpu").migrated(VS, A, MIB, "cpu", GPU);
        ReclaimModel m = h.replay();
        assertThat(m.vaSpace(VS).owner().pid()).isEqualTo(11);
        assertThat(range(m, VS, A).size()).isEqualTo(4 * MIB);
        assertThat(bytes(m, VS, A, "cpu")).isEqualTo(3 * MIB);
        assertThat(m.residentTotals()).containsEntry("cpu", 3 * MIB).containsEntry(GPU, MIB);
        assertThat(h.diagnostics).isEmpty();
    }

    @Test
    void interleavedEventsOfManyVaSpacesEachReachTheirOwn() {
        // More va_spaces than the model remembers look-ups of, their events interleaved: each keeps only its own bytes.
        History h = new History();
        int n = 600;
        for (int i = 0; i < n; i++) {
            h.created(vaSpace(i), 1000 + i).range(vaSpace(i), A, GIB, RangeType.managed).populated(vaSpace(i), A, GIB, "cpu");
        }
        for (int round = 1; round <= 3; round++) {
            for (int i = 0; i < n; i++) {
                h.migrated(vaSpace(i), A + round * 2 * MIB, (i % 7 + 1) * MIB, "cpu", GPU);
            }
        }
        ReclaimModel m = h.replay();
        for (int i = 0; i < n; i++) {
            assertThat(bytes(m, vaSpace(i), A, GPU)).as("va_space %d", i).isEqualTo(3 * (i % 7 + 1) * MIB);
        }
        assertThat(h.diagnostics).isEmpty();
    }

    /** The id of va_space {@code i}, one instance per id, as a decoder shares them. */
    private static String vaSpace(int i) {
        return VA_SPACES[i];
    }

    private static final String[] VA_SPACES = java.util.stream.IntStream.range(0, 600)
        .mapToObj(i -> String.format("0xffff8f01%08x", i << 20)).toArray(String[]::new);

    @Test
    void aSuccessfulEvictionMovesGpuBytesToTheCpuAndAFailedOneCountsWithoutMovingAny() {
        History h = new History().created(VS, 10).range(VS, A, GIB, RangeType.managed).populated(VS, A, GIB, GPU)
            .evicted(VS, A, 2 * MIB, EvictStatus.busy_retry).evicted(VS, A, 2 * MIB, EvictStatus.error);
        ReclaimModel m = h.replay();
        VaRange r = range(m, VS, A);
        assertThat(r.failedEvictions()).isEqualTo(2);
        assertThat(r.failingSince()).isEqualTo(4_000_000_000L);
        assertThat(bytes(m, VS, A, GPU)).isEqualTo(GIB);
        m = h.evicted(VS, A, 2 * MIB, EvictStatus.ok).replay();
        r = range(m, VS, A);
        assertThat(r.failedEvictions()).isZero();
        assertThat(r.failingSince()).isEqualTo(EventTime.UNKNOWN);
        assertThat(bytes(m, VS, A, GPU)).isEqualTo(GIB - 2 * MIB);
        assertThat(bytes(m, VS, A, "cpu")).isEqualTo(2 * MIB);
    }

    @Test
    void destroyingARangeReleasesEverythingItHad() {
        ReclaimModel m = new History().created(VS, 10).range(VS, A, GIB, RangeType.managed).populated(VS, A, GIB, GPU)
            .destroyed(VS, A, false).replay();
        assertThat(m.vaSpace(VS).ranges()).isEmpty();
        assertThat(m.residentTotals()).containsEntry(GPU, 0L);
    }

    @Test
    void destroyingAVaSpaceDestroysWhatItStillHasIncludingItsDeferredList() {
        ReclaimModel m = new History().created(VS, 10).range(VS, A, GIB, RangeType.managed).populated(VS, A, GIB, GPU)
            .range(VS, A + GIB, MIB, RangeType.external).populated(VS, A + GIB, MIB, GPU).destroyed(VS, A + GIB, true)
            .destroyedVaSpace(VS).replay();
        assertThat(m.vaSpace(VS)).isNull();
        assertThat(m.vaSpaces()).isEmpty();
        assertThat(m.residentTotals()).containsEntry(GPU, 0L);
        assertThat(m.processCount()).isEqualTo(1);
    }

    @Test
    void aRangeCreatedOverHmmBlocksReclaimsTheOverlapAndWhatSurvivesOfABlockWhollyOnOneProcessorStaysThere() {
        // uvm_hmm_va_block_reclaim -> split_block_if_needed (uvm_hmm.c, 580.95.05): the split keeps each page's residency.
        History h = new History().created(VS, 10).range(VS, 0x1000, 0x4000, RangeType.hmm).populated(VS, 0x1000, 0x4000, GPU)
            .range(VS, 0x2000, 0x1000, RangeType.external);
        ReclaimModel m = h.replay();
        assertThat(m.vaSpace(VS).ranges()).extracting(VaRange::start, VaRange::end, VaRange::type, VaRange::residencyKnown).containsExactly(
            org.assertj.core.groups.Tuple.tuple(0x1000L, 0x1fffL, RangeType.hmm, true),
            org.assertj.core.groups.Tuple.tuple(0x2000L, 0x2fffL, RangeType.external, true),
            org.assertj.core.groups.Tuple.tuple(0x3000L, 0x4fffL, RangeType.hmm, true));
        assertThat(bytes(m, VS, 0x1000, GPU)).isEqualTo(0x1000);
        assertThat(bytes(m, VS, 0x3000, GPU)).isEqualTo(0x2000);
        assertThat(m.residentTotals()).containsEntry(GPU, 0x3000L).containsEntry("cpu", 0L);
        assertThat(h.diagnostics).isEmpty();
    }

    @Test
    void whatSurvivesOfAnUntouchedHmmBlockHoldsNothing() {
        ReclaimModel m = new History().created(VS, 10).range(VS, 0x1000, 0x4000, RangeType.hmm)
            .range(VS, 0x1000, 0x1000, RangeType.managed).replay();
        assertThat(m.bytes(range(m, VS, 0x2000))).containsOnly(org.assertj.core.api.Assertions.entry("cpu", 0L));
    }

    @Test
    void whatSurvivesOfAnHmmBlockPartlyPopulatedOrSpreadOverProcessorsHasUnknownResidency() {
        ReclaimModel partly = new History().created(VS, 10).range(VS, 0x1000, 0x4000, RangeType.hmm).populated(VS, 0x1000, 0x1000, GPU)
            .range(VS, 0x1000, 0x1000, RangeType.managed).replay();
        assertThat(partly.bytes(range(partly, VS, 0x2000))).isNull();
        assertThat(partly.residentTotals()).containsEntry(GPU, 0L);
        ReclaimModel spread = new History().created(VS, 10).range(VS, 0x1000, 0x4000, RangeType.hmm).populated(VS, 0x1000, 0x2000, GPU)
            .populated(VS, 0x1000, 0x2000, "cpu").range(VS, 0x4000, 0x1000, RangeType.managed).replay();
        assertThat(spread.bytes(range(spread, VS, 0x1000))).isNull();
        assertThat(spread.residentTotals()).containsEntry(GPU, 0L).containsEntry("cpu", 0L);
    }

    @Test
    void aRangeOnlySeenInASnapshotHasUnknownResidencyAndSeeingAKnownRangeChangesNothing() {
        History h = new History().created(VS, 10).observed(VS, A, GIB, RangeType.managed).populated(VS, A, MIB, GPU);
        ReclaimModel m = h.replay();
        assertThat(range(m, VS, A).residencyKnown()).isFalse();
        assertThat(m.bytes(range(m, VS, A))).isNull();
        m = new History().created(VS, 10).range(VS, A, GIB, RangeType.managed).populated(VS, A, MIB, GPU)
            .observed(VS, A, GIB, RangeType.managed).replay();
        assertThat(bytes(m, VS, A, GPU)).isEqualTo(MIB);
        assertThat(range(m, VS, A).evidence().total()).isEqualTo(3);
        assertThat(h.diagnostics).isEmpty();
    }

    @Test
    void aDeferredDestroyParksTheRangeWithItsMemoryUntilTheListIsFreed() {
        History h = new History().created(VS, 10).range(VS, A, MIB, RangeType.external).populated(VS, A, MIB, GPU)
            .destroyed(VS, A, true);
        ReclaimModel m = h.replay();
        assertThat(m.vaSpace(VS).ranges()).isEmpty();
        assertThat(m.vaSpace(VS).deferred()).extracting(VaRange::state).containsExactly(RangeState.deferred);
        assertThat(m.residentTotals()).containsEntry(GPU, MIB);
        m = h.freed(VS).replay();
        assertThat(m.vaSpace(VS).deferred()).isEmpty();
        assertThat(m.residentTotals()).containsEntry(GPU, 0L);
    }

    @Test
    void inSharingModeTheOwnersManagedRangesBecomeZombiesUntilCleanedUp() {
        History h = new History().created(VS, 10, true).held(VS, 11, FdKind.va_space, null).range(VS, A, GIB, RangeType.managed)
            .range(VS, A + GIB, MIB, RangeType.semaphore_pool).populated(VS, A, GIB, GPU).exited(10, ExitReason.exit);
        ReclaimModel m = h.replay();
        assertThat(m.vaSpace(VS).ranges()).extracting(VaRange::state).containsExactly(RangeState.zombie, RangeState.live);
        assertThat(range(m, VS, A).stateSince()).isEqualTo(6_000_000_000L);
        m = h.zombiesCleaned(VS).replay();
        assertThat(m.vaSpace(VS).ranges()).extracting(VaRange::type).containsExactly(RangeType.semaphore_pool);
        assertThat(m.residentTotals()).containsEntry(GPU, 0L);
    }

    @Test
    void aForkedChildHoldingTheFdKeepsTheVaSpaceAfterTheOwnerExits() {
        History h = new History().created(VS, 10).held(VS, 11, FdKind.mm, 10).exited(10, ExitReason.signal);
        ReclaimModel m = h.replay();
        VaSpace vs = m.vaSpace(VS);
        assertThat(vs.owner().holdsFiles()).isFalse();
        assertThat(vs.held()).isTrue();
        assertThat(vs.ownerGoneAt()).isEqualTo(3_000_000_000L);
        assertThat(vs.orphanedAt()).isEqualTo(EventTime.UNKNOWN);
        m = h.state(11, ProcState.zombie).replay();
        assertThat(m.vaSpace(VS).held()).isFalse();
        assertThat(m.vaSpace(VS).orphanedAt()).isEqualTo(4_000_000_000L);
    }

    /**
     * A forked worker's exit drops one reference to the shared file (kernel/exit.c: exit_files);
     * {@code uvm_release} runs only at the last one (uvm.c, 580.95.05): while the owner lives, a
     * worker that ended is no holder, and the model keeps none of the thousands that did. The
     * workers that end last, orphaning it, stay its holders.
     */
    @Test
    void forkedWorkersThatEndWhileTheVaSpaceIsStillHeldAreNoLongerItsHolders() {
        History h = new History().created(VS, 10);
        for (int pid = 100; pid < 100 + 3 * ProcessTable.ENDED_REMEMBERED; pid++) {
            h.held(VS, pid, FdKind.va_space, 10).exited(pid, ExitReason.exit);
        }
        h.held(VS, 11, FdKind.va_space, 10);
        ReclaimModel m = h.replay();
        VaSpace vs = m.vaSpace(VS);
        assertThat(vs.holders()).extracting(x -> x.process().pid()).containsExactly(10, 11);
        assertThat(m.processCount()).isEqualTo(2);
        m = h.exited(10, ExitReason.exit).replay();
        assertThat(m.vaSpace(VS).held()).isTrue();
        assertThat(m.vaSpace(VS).holders()).extracting(x -> x.process().pid()).containsExactly(10, 11);
        m = h.exited(11, ExitReason.exit).replay();
        assertThat(m.vaSpace(VS).held()).isFalse();
        assertThat(m.vaSpace(VS).holders()).as("the last holder, whose exit orphaned it").extracting(x -> x.process().pid())
            .containsExactly(10, 11);
        assertThat(m.vaSpace(VS).orphanedAt()).isNotEqualTo(EventTime.UNKNOWN);
    }

    @Test
    void closingTheLastFdOrphansTheVaSpaceEvenWhileItsOwnerLives() {
        ReclaimModel m = new History().created(VS, 10).closed(VS, 10, FdKind.va_space).replay();
        assertThat(m.vaSpace(VS).held()).isFalse();
        assertThat(m.vaSpace(VS).orphanedAt()).isEqualTo(2_000_000_000L);
    }

    @Test
    void aReleaseDuringSuspendWaitsForTheResume() {
        History h = new History().created(VS, 10).suspended().exited(10, ExitReason.exit);
        ReclaimModel m = h.replay();
        assertThat(m.vaSpace(VS).releaseDeferredAt()).isEqualTo(3_000_000_000L);
        m = h.resumed().replay();
        assertThat(m.vaSpace(VS).releaseDeferredAt()).isEqualTo(EventTime.UNKNOWN);
        assertThat(m.vaSpace(VS).orphanedAt()).isEqualTo(3_000_000_000L);
    }

    @Test
    void aRebootEndsEverythingOfTheBootBefore() {
        History h = new History().created(VS, 10).range(VS, A, GIB, RangeType.managed).populated(VS, A, GIB, GPU)
            .exited(10, ExitReason.oom_kill).boot("b2").created("other", 20);
        ReclaimModel m = h.replay();
        assertThat(m.vaSpaces()).extracting(VaSpace::id).containsExactly("other");
        assertThat(m.bootsEnded()).isEqualTo(1);
        assertThat(m.boot()).isEqualTo("b2");
        assertThat(m.residentTotals()).containsEntry("cpu", 0L).doesNotContainKey(GPU);
        assertThat(m.end()).isEqualTo(1_000_000_000L);
    }

    @Test
    void unloadingTheDriverEndsEverythingOfThatInstance() {
        ReclaimModel m = new History().created(VS, 10).range(VS, A, GIB, RangeType.managed).populated(VS, A, GIB, GPU).unloaded()
            .replay();
        assertThat(m.vaSpaces()).isEmpty();
        assertThat(m.residentTotals()).containsEntry(GPU, 0L);
        assertThat(m.driver().lastUnload()).isNotNull();
    }

    @Test
    void aPidSeenAliveAfterItExitedIsANewProcess() {
        ReclaimModel m = new History().created(VS, 10).exited(10, ExitReason.exit).state(10, ProcState.alive).replay();
        assertThat(m.vaSpace(VS).owner().holdsFiles()).isFalse();
        assertThat(m.heldFilesAt(10, m.end())).isTrue();
    }

    @Test
    void endedProcessesNoVaSpaceRefersToAreForgottenButAFewAreRemembered() {
        History h = new History();
        for (int pid = 1; pid <= ProcessTable.ENDED_REMEMBERED + 10; pid++) {
            h.state(pid, ProcState.alive).exited(pid, ExitReason.exit);
        }
        ReclaimModel m = h.replay();
        assertThat(m.processCount()).isZero();
        assertThat(m.heldFilesAt(ProcessTable.ENDED_REMEMBERED + 10, m.end())).isFalse();
        assertThat(m.heldFilesAt(1, m.end())).isTrue();
    }

    @Test
    void tasksOnlyReportedBlockedAreRememberedInBoundedNumbersAndStayBlockedWhenTheirVaSpaceShowsUp() {
        History h = new History().blocked(7, "uvm_va_space_destroy+0x2a1/0x500 [nvidia_uvm]");
        for (int pid = 100; pid < 100 + ProcessTable.QUIET_REMEMBERED - 1; pid++) {
            h.blocked(pid, "schedule+0x33/0x110");
        }
        h.created("vs", 7);
        ReclaimModel m = h.replay();
        assertThat(m.vaSpace("vs").owner().blocked()).as("the report before the va_space").isNotNull();
        History many = new History();
        for (int pid = 100; pid < 100 + 3 * ProcessTable.QUIET_REMEMBERED; pid++) {
            many.blocked(pid, "schedule+0x33/0x110");
        }
        assertThat(many.replay().processCount()).isEqualTo(ProcessTable.QUIET_REMEMBERED);
    }
}
