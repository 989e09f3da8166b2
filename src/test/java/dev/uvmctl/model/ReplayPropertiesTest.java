package dev.uvmctl.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uvmctl.event.Event;
import dev.uvmctl.event.Evicted;
import dev.uvmctl.event.Migrated;
import dev.uvmctl.event.VaSpaceDestroyed;
import dev.uvmctl.finding.LeakFinder;
import dev.uvmctl.render.LeaksJson;
import dev.uvmctl.finding.LeaksReport;
import dev.uvmctl.shared.Diagnostic;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Invariants of the replay over random histories ({@link RandomHistories}, one per seed): they
 * hold whatever the input, however broken. A failure names its seed, which reproduces it.
 */
class ReplayPropertiesTest {

    static LongStream seeds() {
        return RandomHistories.seeds();
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void aMigrationNeverLosesBytesAndAddsAtMostWhatItCopied(long seed) {
        List<Event> events = RandomHistories.history(seed);
        ReclaimModel m = new ReclaimModel(d -> { }, 0);
        for (Event e : events) {
            boolean sameBoot = e.time().boot().equals(m.boot());
            long before = sum(m.residentTotals());
            m.apply(e);
            if (e instanceof Migrated mg && sameBoot) {
                // A copy proves its bytes were on the source: what the model did not have there is added, never more.
                assertThat(sum(m.residentTotals())).as("after %s", e).isBetween(before, before + mg.bytes());
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void evictionNeverRaisesGpuResidencyAndNothingGoesNegative(long seed) {
        List<Event> events = RandomHistories.history(seed);
        ReclaimModel m = new ReclaimModel(d -> { }, 0);
        for (Event e : events) {
            boolean sameBoot = e.time().boot().equals(m.boot());
            Map<String, Long> before = m.residentTotals();
            m.apply(e);
            Map<String, Long> after = m.residentTotals();
            after.values().forEach(v -> assertThat(v).as("after %s", e).isNotNegative());
            if (e instanceof Evicted ev && sameBoot) {
                String gpu = m.gpus().resolve(ev.gpu());
                assertThat(after.getOrDefault(gpu, 0L)).as("after %s", e).isLessThanOrEqualTo(before.getOrDefault(gpu, 0L));
                // What it copied was on the GPU, whether or not the model had it there: never lost, added at most once.
                assertThat(sum(after)).isBetween(sum(before), sum(before) + ev.bytes());
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void aDestroyedVaSpaceHasNoLiveRange(long seed) {
        List<Event> events = RandomHistories.history(seed);
        ReclaimModel m = new ReclaimModel(d -> { }, 0);
        for (Event e : events) {
            m.apply(e);
            if (e instanceof VaSpaceDestroyed d) {
                assertThat(m.vaSpace(d.vaSpace())).isNull();
                assertThat(m.vaSpaces()).noneMatch(vs -> vs.id().equals(d.vaSpace()));
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void replayNeverThrowsAndTheSameInputGivesTheSameReport(long seed) {
        List<Event> events = RandomHistories.history(seed);
        assertThat(report(events)).isEqualTo(report(events));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void rangesNeverOverlapAndResidencyNeverExceedsARange(long seed) {
        List<Event> events = RandomHistories.history(seed);
        ReclaimModel m = new ReclaimModel(d -> { }, 0);
        for (Event e : events) {
            m.apply(e);
        }
        for (VaSpace vs : m.vaSpaces()) {
            long previousEnd = -1;
            boolean first = true;
            for (VaRange r : vs.ranges()) {
                assertThat(first || Long.compareUnsigned(r.start(), previousEnd) > 0).isTrue();
                first = false;
                previousEnd = r.end();
                Map<String, Long> bytes = m.bytes(r);
                if (bytes != null) {
                    bytes.values().forEach(b -> assertThat(b).isBetween(0L, r.size() * 3));
                }
            }
        }
    }

    private static String report(List<Event> events) {
        List<Diagnostic> diagnostics = new ArrayList<>();
        ReclaimModel m = new ReclaimModel(diagnostics::add, 0);
        for (Event e : events) {
            m.apply(e);
        }
        m.finish();
        LeakFinder.Conclusions c = new LeakFinder(m, 0).conclude();
        StringWriter out = new StringWriter();
        LeaksJson.document(new PrintWriter(out), new LeaksReport(m.boot(), m.end(), List.of(), List.of(), c.findings(), c.live(), 0,
            new LeaksReport.Stats(m.applied(), m.vaSpaces().size(), m.processCount(), m.bootsEnded()), diagnostics, diagnostics.size()));
        return out.toString();
    }

    private static long sum(Map<String, Long> totals) {
        long s = 0;
        for (long v : totals.values()) {
            s += v;
        }
        return s;
    }
}
