package dev.uvmctl.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uvmctl.event.Event;
import dev.uvmctl.event.Evicted;
import dev.uvmctl.event.Migrated;
import dev.uvmctl.event.RangeSplit;
import dev.uvmctl.event.TransferMode;
import dev.uvmctl.event.VaSpaceDestroyed;
import dev.uvmctl.finding.LeakFinder;
import dev.uvmctl.render.LeaksJson;
import dev.uvmctl.finding.LeaksReport;
import dev.uvmctl.shared.Diagnostic;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
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

    /**
     * A move loses no bytes unless it collapses duplicated pages, and adds at most the bytes the
     * model did not know were on its source; a copy never loses any.
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void aMoveLosesNoBytesButDuplicatesAndAddsAtMostWhatItCopied(long seed) {
        List<Event> events = RandomHistories.history(seed);
        ReclaimModel m = new ReclaimModel(d -> { }, 0);
        for (Event e : events) {
            boolean sameBoot = e.time().boot().equals(m.boot());
            long before = sum(m.residentTotals());
            boolean duplicated = e instanceof Migrated mi && duplicated(m, mi.vaSpace(), mi.address());
            m.apply(e);
            if (e instanceof Migrated mi && sameBoot) {
                long after = sum(m.residentTotals());
                // A copy proves its bytes were on the source: what the model did not have there is
                // added, never more (on the source too when the source keeps its pages).
                if (mi.mode() == TransferMode.copy) {
                    assertThat(after).as("after %s", e).isBetween(before, before + 2 * mi.bytes());
                } else if (duplicated) {
                    assertThat(after).as("after %s", e).isLessThanOrEqualTo(before + mi.bytes());
                } else {
                    assertThat(after).as("after %s", e).isBetween(before, before + mi.bytes());
                }
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
            boolean duplicated = e instanceof Evicted ev && ev.vaSpace() != null && ev.address() != null
                && duplicated(m, ev.vaSpace(), ev.address());
            m.apply(e);
            Map<String, Long> after = m.residentTotals();
            after.values().forEach(v -> assertThat(v).as("after %s", e).isNotNegative());
            if (e instanceof Evicted ev && sameBoot) {
                String gpu = m.gpus().resolve(ev.gpu());
                assertThat(after.getOrDefault(gpu, 0L)).as("after %s", e).isLessThanOrEqualTo(before.getOrDefault(gpu, 0L));
                // What it copied was on the GPU, whether or not the model had it there: never lost
                // unless duplicated pages collapse, added at most once.
                if (duplicated) {
                    assertThat(sum(after)).as("after %s", e).isLessThanOrEqualTo(sum(before) + ev.bytes());
                } else {
                    assertThat(sum(after)).as("after %s", e).isBetween(sum(before), sum(before) + ev.bytes());
                }
            }
        }
    }

    /**
     * The properties above hold for range_split only if the histories split live ranges, some of
     * them with an exact residency (uvm_va_range_split keeps each page's residency with its block).
     */
    @Test
    void theRandomHistoriesSplitLiveRangesSomeWithAnExactResidency() {
        long splits = 0;
        long exact = 0;
        for (long seed : seeds().toArray()) {
            ReclaimModel m = new ReclaimModel(d -> { }, 0);
            for (Event e : RandomHistories.history(seed)) {
                int before = e instanceof RangeSplit sp ? liveRanges(m, sp.vaSpace()) : 0;
                m.apply(e);
                if (e instanceof RangeSplit sp && liveRanges(m, sp.vaSpace()) == before + 1) {
                    splits++;
                    VaRange upper = m.vaSpace(sp.vaSpace()).ranges.containing(sp.start());
                    if (upper.residencyKnown() && m.bytes(upper).values().stream().anyMatch(b -> b > 0)) {
                        exact++;
                    }
                }
            }
        }
        assertThat(splits).isGreaterThan(100);
        assertThat(exact).isGreaterThan(10);
    }

    private static int liveRanges(ReclaimModel m, String vaSpace) {
        VaSpace vs = m.vaSpace(vaSpace);
        return vs == null ? 0 : vs.ranges.all().size();
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

    /**
     * After every event: ranges do not overlap; no processor holds more of a range than its size,
     * and all of them together no more either unless a copy duplicated pages (first touch is per
     * range); what a GPU has is where events naming it in any spelling find it; and, before each boot ends and at the end, the totals per processor are the sum
     * over the ranges, whatever names the GPUs were given and merged under.
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void rangesNeverOverlapResidencyNeverExceedsARangeAndTheTotalsAreItsSum(long seed) {
        List<Event> events = RandomHistories.history(seed);
        ReclaimModel m = new ReclaimModel(d -> { }, 0);
        for (Event e : events) {
            if (m.boot() != null && !e.time().boot().equals(m.boot())) {
                checkTotals(m, e);
            }
            m.apply(e);
            for (VaSpace vs : m.vaSpaces.values()) {
                checkRanges(m, vs.ranges.all(), e, true);
                checkRanges(m, vs.deferred, e, false);
            }
        }
        checkTotals(m, null);
    }

    private static void checkRanges(ReclaimModel m, List<VaRange> ranges, Event e, boolean disjoint) {
        VaRange previous = null;
        for (VaRange r : ranges) {
            if (disjoint && previous != null && Long.compareUnsigned(r.start(), previous.end()) <= 0) {
                throw new AssertionError("after " + e + ": " + span(r) + " overlaps " + span(previous));
            }
            previous = r;
            if (!r.residencyKnown()) {
                continue;
            }
            long total = 0;
            for (int p = 0; p < r.processorWidth(); p++) {
                long b = r.bytesOn(p);
                if (b < 0 || b > r.size()) {
                    throw new AssertionError("after " + e + ": " + span(r) + " has " + b + " bytes on processor " + p);
                }
                total += b;
            }
            if (total > r.size() && !r.duplicated()) {
                throw new AssertionError("after " + e + ": " + span(r) + " has " + total + " bytes over its processors, and no copy duplicated any");
            }
            // What a GPU has under any of its names is where an event naming it finds it.
            for (Map.Entry<String, Long> named : m.bytes(r).entrySet()) {
                long there = r.bytesOn(m.processors.id(named.getKey()));
                if (there != named.getValue()) {
                    throw new AssertionError("after " + e + ": " + span(r) + " has " + named.getValue() + " bytes on " + named.getKey()
                        + " but " + there + " where events naming it look");
                }
            }
        }
    }

    private static void checkTotals(ReclaimModel m, Event next) {
        Map<String, Long> sums = new HashMap<>();
        for (VaSpace vs : m.vaSpaces.values()) {
            List<VaRange> all = new ArrayList<>(vs.ranges.all());
            all.addAll(vs.deferred);
            for (VaRange r : all) {
                Map<String, Long> bytes = m.bytes(r);
                if (bytes != null) {
                    bytes.forEach((name, b) -> sums.merge(name, b, Long::sum));
                }
            }
        }
        m.residentTotals().forEach((name, total) -> assertThat(sums.getOrDefault(name, 0L)).as("%s before %s", name, next).isEqualTo(total));
    }

    private static String span(VaRange r) {
        return RangeReplay.span(r.start(), r.end());
    }

    private static boolean duplicated(ReclaimModel m, String vaSpace, long address) {
        VaSpace vs = m.vaSpace(vaSpace);
        VaRange r = vs == null ? null : vs.ranges.containing(address);
        return r != null && r.duplicated();
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
            new LeaksReport.Stats(m.applied(), m.vaSpaces().size(), m.processCount(), m.bootsEnded(),
                LeaksReport.Losses.of(m.losses())), diagnostics, diagnostics.size()));
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
