package dev.uvmctl.model;

import static dev.uvmctl.model.History.GIB;
import static dev.uvmctl.model.History.GPU;
import static dev.uvmctl.model.History.MIB;
import static dev.uvmctl.model.History.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.uvmctl.event.EventTime;
import dev.uvmctl.event.FdKind;
import dev.uvmctl.event.GpuProcessMemory;
import dev.uvmctl.shared.Provenance;
import dev.uvmctl.event.RangeType;
import dev.uvmctl.shared.Diagnostic;
import org.junit.jupiter.api.Test;

/** Incomplete history is normal: each kind of break is a diagnostic with provenance, and the model stays consistent. */
class BrokenHistoryTest {
    private static final String VS = "vs1";
    private static final long A = 0x7f0000000000L;

    private static Diagnostic at(long line, String message) {
        return Diagnostic.at("h", line, message);
    }

    @Test
    void aMigrateForARangeNeverCreatedIsIgnored() {
        History h = new History().created(VS, 10).migrated(VS, A, MIB, "cpu", GPU);
        ReclaimModel m = h.replay();
        assertThat(h.diagnostics).containsExactly(at(2,
            "no live range holds 0x7f0000000000 in va_space vs1 (never seen created, or already destroyed): ignored"));
        assertThat(m.residentTotals()).containsOnlyKeys("cpu").containsEntry("cpu", 0L);
    }

    @Test
    void aDestroyOfARangeNeverCreatedDestroysNothing() {
        History h = new History().created(VS, 10).destroyed(VS, A, false);
        h.replay();
        assertThat(h.diagnostics).containsExactly(at(2,
            "no live range starts at 0x7f0000000000 in va_space vs1 (never seen created, or already destroyed)"));
    }

    @Test
    void aDoubleDestroyOfARangeIsSaidAtTheSecond() {
        History h = new History().created(VS, 10).range(VS, A, MIB, RangeType.managed).destroyed(VS, A, false).destroyed(VS, A, false);
        h.replay();
        assertThat(h.diagnostics).extracting(Diagnostic::line).containsExactly(4L);
    }

    @Test
    void aDestroyInsideARangeIsNotADestroyOfIt() {
        History h = new History().created(VS, 10).range(VS, A, GIB, RangeType.managed).destroyed(VS, A + MIB, false);
        ReclaimModel m = h.replay();
        assertThat(h.diagnostics).containsExactly(at(3,
            "destroy at 0x7f0000100000 is inside range [0x7f0000000000, 0x7f003fffffff], not at its start: nothing destroyed (the driver "
                + "destroys the new piece of a split it could not finish, and the range stays whole)"));
        assertThat(m.vaSpace(VS).ranges()).hasSize(1);
    }

    @Test
    void aDoubleDestroyOfAVaSpaceNamesTheFirst() {
        History h = new History().created(VS, 10).destroyedVaSpace(VS).destroyedVaSpace(VS);
        h.replay();
        assertThat(h.diagnostics).containsExactly(at(3, "va_space vs1 was already destroyed (h:2): nothing to destroy"));
    }

    @Test
    void anOverlappingCreateReplacesWhatItOverlapsAndSaysSo() {
        History h = new History().created(VS, 10).range(VS, A, GIB, RangeType.managed).populated(VS, A, GIB, GPU)
            .range(VS, A + MIB, MIB, RangeType.external);
        ReclaimModel m = h.replay();
        assertThat(h.diagnostics).containsExactly(at(4, "range [0x7f0000100000, 0x7f00001fffff] overlaps live managed range "
            + "[0x7f0000000000, 0x7f003fffffff] (the driver refuses that with NV_ERR_UVM_ADDRESS_IN_USE): that one is taken as destroyed"));
        assertThat(m.vaSpace(VS).ranges()).extracting(VaRange::type).containsExactly(RangeType.external);
        assertThat(m.residentTotals()).containsEntry(GPU, 0L);
    }

    @Test
    void eventsAfterADestroySayItWasDestroyed() {
        History h = new History().created(VS, 10).range(VS, A, MIB, RangeType.managed).destroyedVaSpace(VS)
            .populated(VS, A, MIB, GPU).freed(VS);
        ReclaimModel m = h.replay();
        assertThat(h.diagnostics).containsExactly(
            at(4, "va_space vs1 was already destroyed (h:3): event at 0x7f0000000000 ignored"),
            at(5, "va_space vs1 was already destroyed (h:3): no deferred list to free"));
        assertThat(m.vaSpaces()).isEmpty();
    }

    @Test
    void aLogThatStartsMidStreamTakesTheVaSpaceToExistWithAnUnknownOwner() {
        History h = new History().range(VS, A, MIB, RangeType.managed).populated(VS, A, MIB, GPU).range(VS, A + MIB, MIB, RangeType.managed);
        ReclaimModel m = h.replay();
        assertThat(h.diagnostics).containsExactly(at(1,
            "va_space vs1 was never seen created: taken to exist from here on (the input may have begun after it was created)"));
        assertThat(m.vaSpace(VS).seenCreated()).isFalse();
        assertThat(m.vaSpace(VS).owner()).isNull();
        assertThat(bytes(m, VS, A, GPU)).isEqualTo(MIB);
    }

    /**
     * A migration is made by the driver for a block of a live va_space (uvm_va_block_make_resident_finish notifies it): one the
     * input never showed made exists, and is taken to from there, with no owner, and no holder, which no snapshot names, so the
     * findings cannot judge it. Its ranges were made before the input began: the first event of one is said, the others not.
     * A pointer already destroyed is not taken again.
     */
    @Test
    void aMigrationOfAVaSpaceNeverSeenMadeTakesItToExistAndSaysItsUnknownRangesOnce() {
        History h = new History().migrated(VS, A, MIB, "cpu", GPU).migrated(VS, A + GIB, MIB, "cpu", GPU).migrated(VS, A, MIB, GPU, "cpu");
        ReclaimModel m = h.replay();
        assertThat(h.diagnostics).containsExactly(
            at(1, "va_space vs1 was never seen created: taken to exist from here on (the input may have begun after it was created)"),
            at(1, "no live range holds 0x7f0000000000 in va_space vs1, which the input did not show created: a range made before the "
                + "input began, whose events are ignored (this one, and the later ones of such ranges of it, which are not said again)"));
        assertThat(m.vaSpace(VS).owner()).isNull();
        assertThat(m.vaSpace(VS).holders()).isEmpty();
        assertThat(m.holdersUnknown(m.vaSpace(VS))).isTrue();
        History after = new History().created(VS, 10).destroyedVaSpace(VS).migrated(VS, A, MIB, "cpu", GPU);
        assertThat(after.replay().vaSpaces()).isEmpty();
        assertThat(after.diagnostics).containsExactly(at(3, "va_space vs1 was already destroyed (h:2): event at 0x7f0000000000 ignored"));
    }

    @Test
    void migratingMoreThanIsResidentMovesAllItCopied() {
        // block_copy_resident_pages_between (uvm_va_block.c) notifies a migration for pages it copied: they were on the
        // source, though the history never showed them arrive (a CPU first touch is invisible to a trace).
        History h = new History().created(VS, 10).range(VS, A, GIB, RangeType.managed).populated(VS, A, MIB, "cpu")
            .migrated(VS, A, 4 * MIB, "cpu", GPU);
        ReclaimModel m = h.replay();
        assertThat(h.diagnostics).isEmpty();
        assertThat(bytes(m, VS, A, GPU)).isEqualTo(4 * MIB);
        assertThat(bytes(m, VS, A, "cpu")).isZero();
    }

    @Test
    void aMigrationNeverPutsMoreThanTheRangeOnAProcessor() {
        History h = new History().created(VS, 10).range(VS, A, 2 * MIB, RangeType.managed).migrated(VS, A, 2 * MIB, "cpu", GPU)
            .migrated(VS, A, 2 * MIB, "cpu", GPU);
        ReclaimModel m = h.replay();
        assertThat(h.diagnostics).containsExactly(at(4,
            "moves 2097152 bytes from cpu but the range [0x7f0000000000, 0x7f00001fffff] has only 0 bytes that can have been there: moved 0"));
        assertThat(bytes(m, VS, A, GPU)).isEqualTo(2 * MIB);
    }

    @Test
    void populatingMoreThanTheRangeHoldsIsCapped() {
        History h = new History().created(VS, 10).range(VS, A, MIB, RangeType.managed).populated(VS, A, 2 * MIB, GPU);
        ReclaimModel m = h.replay();
        assertThat(h.diagnostics).extracting(Diagnostic::message).containsExactly(
            "2097152 bytes populated on 0000:3b:00.0 but only 1048576 bytes of the range [0x7f0000000000, 0x7f00000fffff] are resident "
                + "nowhere (without read duplication a page is resident on one processor): counted 1048576");
        assertThat(bytes(m, VS, A, GPU)).isEqualTo(MIB);
    }

    @Test
    void aManagedRangeCannotGoOntoTheDeferredList() {
        History h = new History().created(VS, 10).range(VS, A, MIB, RangeType.managed).destroyed(VS, A, true);
        ReclaimModel m = h.replay();
        assertThat(h.diagnostics).extracting(Diagnostic::message).containsExactly(
            "a managed range cannot go onto the deferred free list (only external and device_p2p ranges): destroyed");
        assertThat(m.vaSpace(VS).deferred()).isEmpty();
    }

    @Test
    void closingAnFdNeverHeldIsSaid() {
        History h = new History().created(VS, 10).closed(VS, 10, FdKind.mm).closed(VS, 99, FdKind.va_space);
        ReclaimModel m = h.replay();
        assertThat(h.diagnostics).extracting(Diagnostic::message).containsExactly(
            "pid 10 closes a mm fd of va_space vs1 it was not seen holding",
            "pid 99 closes a va_space fd of va_space vs1 it was not seen holding");
        assertThat(m.vaSpace(VS).held()).isTrue();
    }

    @Test
    void aVaSpaceCreatedAgainWhileLiveReplacesTheOldOne() {
        History h = new History().created(VS, 10).range(VS, A, MIB, RangeType.managed).populated(VS, A, MIB, GPU).created(VS, 11);
        ReclaimModel m = h.replay();
        assertThat(h.diagnostics).extracting(Diagnostic::message).containsExactly(
            "va_space vs1 created again while the model still has it live: the old one is taken as destroyed");
        assertThat(m.vaSpace(VS).ranges()).isEmpty();
        assertThat(m.vaSpace(VS).owner().pid()).isEqualTo(11);
        assertThat(m.residentTotals()).containsEntry(GPU, 0L);
    }

    @Test
    void perProcessUseBeforeAnySnapshotIsIgnored() {
        History h = new History().add(new GpuProcessMemory(new EventTime("b1", 1, EventTime.UNKNOWN), new Provenance("h", 1, "x"), GPU, 5, null, MIB));
        h.replay();
        assertThat(h.diagnostics).extracting(Diagnostic::message).containsExactly(
            "per-process use of 0000:3b:00.0 before any gpu_memory snapshot of it: ignored");
    }
}
