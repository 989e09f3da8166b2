package dev.uvmctl.shared;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The rule for one Xid two inputs both report (nvErrorLog, nvErrorLog2 from 570.123.01, os_init.c, 535..595: the kernel log's
 * line, then the probes on nv_log_error and the nvidia_dev_xid tracepoint), at its boundaries.
 */
class RepeatedXidsTest {
    private static final String BOOT = "7c1d9e2a-3b4f-4a5b-9c6d-0e1f2a3b4c5d";
    private static final String GPU = "0000:3b:00.0";

    @Test
    void anotherInputsXidAtMostTheWindowAwayIsTheSameOneAndEachStandsForOneOfEachInput() {
        RepeatedXids x = new RepeatedXids(false);
        assertThat(x.repeats(BOOT, GPU, 31, 1_000_000_000L, "log")).isNull();
        // Read after, but a second earlier in time (dmesg reads its inputs one after the other).
        assertThat(x.repeats(BOOT, GPU, 31, 1_000_000_000L - RepeatedXids.WINDOW_NANOS, "trace"))
            .isEqualTo(new RepeatedXids.Earlier("log", -RepeatedXids.WINDOW_NANOS));
        // One past the window, another boot, GPU or code, or the same input: an Xid of its own.
        RepeatedXids apart = new RepeatedXids(false);
        apart.repeats(BOOT, GPU, 31, 1_000_000_000L, "log");
        assertThat(apart.repeats(BOOT, GPU, 31, 1_000_000_000L + RepeatedXids.WINDOW_NANOS + 1, "journal")).isNull();
        assertThat(apart.repeats(BOOT, GPU, 31, 1_000_000_000L - RepeatedXids.WINDOW_NANOS - 1, "trace")).isNull();
        assertThat(x.repeats("0b1d9e2a-3b4f-4a5b-9c6d-0e1f2a3b4c5d", GPU, 31, 1_000_000_000L, "journal")).isNull();
        assertThat(x.repeats(BOOT, "0000:5e:00.0", 31, 1_000_000_000L, "journal")).isNull();
        assertThat(x.repeats(BOOT, GPU, 43, 1_000_000_000L, "journal")).isNull();
        assertThat(x.repeats(BOOT, GPU, 31, 1_000_000_000L, "log")).isNull();
        // The first log Xid already stands for one of trace's: trace's next goes to the other log Xid at that time.
        assertThat(x.repeats(BOOT, GPU, 31, 1_000_000_004L, "trace")).isEqualTo(new RepeatedXids.Earlier("log", 4));
        assertThat(x.repeats(BOOT, GPU, 31, 1_000_000_005L, "trace")).isNull();
        // Unknown boot or time: never compared.
        assertThat(x.repeats(null, GPU, 31, 1_000_000_000L, "other")).isNull();
        assertThat(x.repeats(BOOT, GPU, 31, -1, "other")).isNull();
    }

    @Test
    void whatADiscardTakesBackIsForgottenAndWhatACommitKeepsStays() {
        RepeatedXids x = new RepeatedXids(false);
        x.repeats(BOOT, GPU, 31, 5_000_000_000L, "a");
        x.commit();
        assertThat(x.repeats(BOOT, GPU, 31, 5_000_000_000L, "b")).isNotNull();
        x.repeats(BOOT, GPU, 13, 6_000_000_000L, "b");
        x.discard();
        // b's repeat was taken back: its next report is the same Xid again; b's own 13 was forgotten.
        assertThat(x.repeats(BOOT, GPU, 31, 5_000_000_000L, "b")).isNotNull();
        assertThat(x.repeats(BOOT, GPU, 13, 6_000_000_000L, "c")).isNull();
    }

    /** In replay order, a run of days with an Xid storm remembers only the last second's Xids. */
    @Test
    void inReplayOrderMemoryStaysFlat() {
        RepeatedXids x = new RepeatedXids(true);
        long repeats = 0;
        for (long i = 0; i < 200_000; i++) {
            long t = i * 10_000_000L;
            assertThat(x.repeats(BOOT, GPU, 13, t, "log")).isNull();
            repeats += x.repeats(BOOT, GPU, 13, t + 3_000, "trace") != null ? 1 : 0;
            assertThat(x.remembered()).isLessThanOrEqualTo(102);
        }
        assertThat(repeats).isEqualTo(200_000);
        // A new boot forgets the last one's.
        x.repeats("0b1d9e2a-3b4f-4a5b-9c6d-0e1f2a3b4c5d", GPU, 13, 0, "log");
        assertThat(x.remembered()).isEqualTo(1);
    }
}
