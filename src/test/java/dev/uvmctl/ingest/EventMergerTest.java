package dev.uvmctl.ingest;

import dev.uvmctl.event.Capture;
import dev.uvmctl.event.Event;
import dev.uvmctl.event.EventReader;
import dev.uvmctl.event.EventTime;
import dev.uvmctl.event.Resumed;
import dev.uvmctl.event.Suspended;
import dev.uvmctl.event.Xid;
import dev.uvmctl.shared.Provenance;
import static org.assertj.core.api.Assertions.assertThat;

import dev.uvmctl.shared.Diagnostic;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventMergerTest {
    private final List<Diagnostic> diagnostics = new ArrayList<>();

    /** A reader over given events, which fails with {@code failAfter} events read when set. */
    private static OpenedInput input(String name, List<Event> events, int failAfter) {
        Deque<Event> left = new ArrayDeque<>(events);
        return new OpenedInput(name, "test", new EventReader() {
            int read;

            @Override
            public Event next() throws IOException {
                if (failAfter >= 0 && read == failAfter) {
                    throw new IOException("Input/output error");
                }
                read++;
                return left.poll();
            }

            @Override
            public void close() {
            }
        });
    }

    private static OpenedInput input(String name, Event... events) {
        return input(name, List.of(events), -1);
    }

    private static Event at(String input, long line, String boot, long seconds) {
        return new Suspended(new EventTime(boot, seconds * 1_000_000_000L, EventTime.UNKNOWN), new Provenance(input, line, "l" + line));
    }

    private static Event wall(String input, long line, String wall) {
        return new Resumed(new EventTime(null, EventTime.UNKNOWN, EventTime.parseWall(wall)), new Provenance(input, line, "l" + line));
    }

    private List<String> merge(OpenedInput... inputs) {
        EventMerger merger = new EventMerger(List.of(inputs), diagnostics::add);
        List<String> order = new ArrayList<>();
        while (merger.advance()) {
            order.add(merger.event().source().location() + "@" + merger.boot() + "/"
                + (merger.time() == EventTime.UNKNOWN ? "?" : EventTime.seconds(merger.time())));
        }
        return order;
    }

    private static Event xid(String input, long line, String boot, long micros, String gpu, int code) {
        return new Xid(new EventTime(boot, micros * 1_000L, EventTime.UNKNOWN), new Provenance(input, line, "l" + line), gpu, code, null, null, "m");
    }

    /**
     * nvErrorLog (nvErrorLog2 from 570.123.01; os_init.c, 535..595) prints an Xid and then fires the probe on nv_log_error: a
     * trace and a kernel log of one boot show each Xid once each, microseconds apart. Each Xid is
     * given once; a burst keeps its count; Xids of other GPUs, codes, boots, or more than a second
     * apart, and Xids repeated within one input, are each their own.
     */
    @Test
    void anXidTwoInputsBothReportIsGivenOnceAndEveryOtherXidStays() {
        String g = "0000:3b:00.0";
        List<String> order = merge(
            input("log",
                xid("log", 1, "b", 1_000_000, g, 31), xid("log", 2, "b", 1_000_100, g, 31), xid("log", 3, "b", 1_000_200, g, 31),
                xid("log", 4, "b", 5_000_000, g, 79), xid("log", 5, "b", 9_000_000, g, 13)),
            input("trace",
                xid("trace", 1, "b", 1_000_004, g, 31), xid("trace", 2, "b", 1_000_104, g, 31),
                xid("trace", 3, "b", 5_000_004, "0000:5e:00.0", 79), xid("trace", 4, "b", 7_000_000, g, 45),
                xid("trace", 5, "b", 10_000_001, g, 13)),
            input("journal", xid("journal", 1, "b", 1_000_000, g, 31)));
        assertThat(order).containsExactly(
            "log:1@b/1", "log:2@b/1.0001", "log:3@b/1.0002",
            "log:4@b/5", "trace:3@b/5.000004", "trace:4@b/7", "log:5@b/9", "trace:5@b/10.000001");
        assertThat(diagnostics).extracting(Diagnostic::location).containsExactly("journal:1", "trace:1");
        assertThat(diagnostics.get(1).message()).isEqualTo("Xid 31 of " + g + " is the one log reported 4 µs before in the same boot: "
            + "each Xid both inputs show is counted once, as read first (the driver prints an Xid and fires its probes in one call, "
            + "nvErrorLog; two logs of one boot hold the same lines)");

        diagnostics.clear();
        assertThat(merge(input("a", xid("a", 1, "b1", 1_000_000, g, 31)), input("c", xid("c", 1, "b2", 1_000_000, g, 31))))
            .as("another boot").hasSize(2);
        assertThat(merge(input("a", xid("a", 1, "b", 1_000_000, g, 31), xid("a", 2, "b", 1_000_000, g, 31))))
            .as("one input's own repeats").hasSize(2);
        assertThat(merge(input("a", xid("a", 1, "b", 1_000_000, g, 31)), input("c", xid("c", 1, "b", 2_000_001, g, 31))))
            .as("just over a second apart").hasSize(2);
        assertThat(merge(input("a", xid("a", 1, "b", 1_000_000, g, 31)), input("c", xid("c", 1, "b", 2_000_000, g, 31))))
            .as("a second apart").hasSize(1);
        assertThat(diagnostics).isNotEmpty();
    }

    /**
     * A boot named by a boot id is replayed after every boot an input named after itself, whatever order the inputs come
     * in: a later boot ends an earlier one, and a plain dmesg (dmesg.txt#1) cannot be known to be later than the boot a
     * snapshot or a trace names by id. Said once.
     */
    @Test
    void bootsNamedByIdComeAfterBootsAnInputNamedAfterItselfInEitherOrder() {
        String id = "7c1d9e2a-3b4f-4a5b-9c6d-0e1f2a3b4c5d";
        List<String> expected = List.of("log:1@log#1/5", "log:2@log#1/50", "snap:1@" + id + "/10", "snap:2@" + id + "/40");
        assertThat(merge(input("snap", at("snap", 1, id, 10), at("snap", 2, id, 40)),
            input("log", at("log", 1, "log#1", 5), at("log", 2, "log#1", 50)))).containsExactlyElementsOf(expected);
        assertThat(diagnostics).extracting(Diagnostic::message).containsExactly("boots named by no boot id (log#1) are replayed before "
            + "the boots named by one (" + id + "), since their order cannot be known: a log of the same boot merges with them only "
            + "when it names its boot id (journalctl -k -o json, or a root or bundle that keeps proc/sys/kernel/random/boot_id)");
        diagnostics.clear();
        assertThat(merge(input("log", at("log", 1, "log#1", 5), at("log", 2, "log#1", 50)),
            input("snap", at("snap", 1, id, 10), at("snap", 2, id, 40)))).containsExactlyElementsOf(expected);
        assertThat(diagnostics).hasSize(1);
        diagnostics.clear();
        // Boots of one kind keep the order they appear in, and say nothing.
        String other = "0b1d9e2a-3b4f-4a5b-9c6d-0e1f2a3b4c5d";
        assertThat(merge(input("a", at("a", 1, other, 10)), input("b", at("b", 1, id, 5))))
            .containsExactly("a:1@" + other + "/10", "b:1@" + id + "/5");
        assertThat(diagnostics).isEmpty();
    }

    /**
     * `journalctl -k -o json` without -b holds every boot, oldest first; given after a capture of its last boot, its first
     * record names an older boot. By appearance that older boot would replay after the capture's and end it as a reboot;
     * the wall-clock starts the first records tell (a capture, a journal record: wall less kernel time) put it before, as it
     * was, in either order of the inputs.
     */
    @Test
    void bootsNamedByIdReplayInTheOrderTheirWallClockStartsTell() {
        String old = "9b2d4f6a-1c3e-4a5b-8d7f-0e1c2b3a4d5e";
        String now = "0f3e9b7c-58a1-4c2d-9e6f-2b4a8d1c7e50";
        Event capture = new Capture(new EventTime(now, 7000L * 1_000_000_000L, EventTime.parseWall("2026-11-27T12:00:00Z")),
            new Provenance("bundle", 1, "c"), true);
        Event oldLoad = new Resumed(new EventTime(old, 2L * 1_000_000_000L, EventTime.parseWall("2026-11-20T08:00:02Z")),
            new Provenance("journal", 1, "j1"));
        Event nowLoad = new Resumed(new EventTime(now, 2L * 1_000_000_000L, EventTime.parseWall("2026-11-27T10:03:22Z")),
            new Provenance("journal", 2, "j2"));
        List<String> expected = List.of("journal:1@" + old + "/2", "journal:2@" + now + "/2", "bundle:1@" + now + "/7000");
        assertThat(merge(input("bundle", capture), input("journal", oldLoad, nowLoad))).containsExactlyElementsOf(expected);
        assertThat(merge(input("journal", oldLoad, nowLoad), input("bundle", capture))).containsExactlyElementsOf(expected);
        assertThat(diagnostics).isEmpty();
    }

    @Test
    void anInputThatNamesNoBootJoinsTheLatestBootTheOthersNamedAndInterleavesByTime() {
        List<String> order = merge(
            input("snap", at("snap", 1, null, 20), at("snap", 2, null, 40)),
            input("log", at("log", 1, "log#1", 10), at("log", 2, "log#1", 30), at("log", 3, "log#1", 50)));
        assertThat(order).containsExactly("log:1@log#1/10", "snap:1@log#1/20", "log:2@log#1/30", "snap:2@log#1/40", "log:3@log#1/50");
        assertThat(diagnostics).extracting(Diagnostic::message)
            .containsExactly("snap names no boot: taken to be of boot log#1, the latest the other inputs named when it began");
    }

    @Test
    void inputsThatAllNameNoBootStayTogetherWithoutADiagnostic() {
        List<String> order = merge(input("a", at("a", 1, null, 20)), input("b", at("b", 1, null, 10)));
        assertThat(order).containsExactly("b:1@null/10", "a:1@null/20");
        assertThat(diagnostics).isEmpty();
    }

    @Test
    void inputsAreMergedByBootThenTimeThenInputOrder() {
        List<String> order = merge(
            input("a", at("a", 1, "b1", 10), at("a", 2, "b1", 30), at("a", 3, "b2", 5)),
            input("b", at("b", 1, "b1", 20), at("b", 2, "b1", 30), at("b", 3, "b2", 1)));
        assertThat(order).containsExactly("a:1@b1/10", "b:1@b1/20", "a:2@b1/30", "b:2@b1/30", "b:3@b2/1", "a:3@b2/5");
        assertThat(diagnostics).isEmpty();
    }

    @Test
    void timeGoingBackwardsKeepsInputOrderAndSaysSo() {
        List<String> order = merge(input("a", at("a", 1, "b", 50), at("a", 2, "b", 40), at("a", 3, "b", 60)));
        assertThat(order).containsExactly("a:1@b/50", "a:2@b/50", "a:3@b/60");
        assertThat(diagnostics).containsExactly(Diagnostic.at("a", 2, "time goes backwards (40 s after 50 s): kept in input order"));
    }

    @Test
    void anEarlierBootAfterALaterOneInTheSameInputIsKeptInPlace() {
        List<String> order = merge(input("a", at("a", 1, "b1", 5), at("a", 2, "b2", 5), at("a", 3, "b1", 9)));
        assertThat(order).containsExactly("a:1@b1/5", "a:2@b2/5", "a:3@b2/5");
        assertThat(diagnostics).extracting(Diagnostic::message).containsExactly("boot b1 comes after boot b2 in this input: kept in input order");
    }

    @Test
    void wallClockOnlyEventsArePlacedByACaptureThatIsReadFirst() {
        Event capture = new Capture(new EventTime("b", 1000L * 1_000_000_000L, EventTime.parseWall("2025-03-14T10:00:00Z")),
            new Provenance("snap", 1, "capture"), false);
        List<String> order = merge(
            input("log", wall("log", 1, "2025-03-14T09:50:00Z"), wall("log", 2, "2025-03-14T09:59:00Z")),
            input("snap", capture),
            input("trace", at("trace", 1, "b", 500), at("trace", 2, "b", 700)));
        assertThat(order).containsExactly("log:1@b/400", "trace:1@b/500", "trace:2@b/700", "log:2@b/940", "snap:1@b/1000");
        assertThat(diagnostics).isEmpty();
    }

    @Test
    void wallClockOnlyEventsWithoutACaptureStayInTheirOwnOrderAndItIsSaidOnce() {
        List<String> order = merge(input("log", wall("log", 1, "2025-03-14T09:50:00Z"), wall("log", 2, "2025-03-14T09:59:00Z")));
        assertThat(order).containsExactly("log:1@null/?", "log:2@null/?");
        assertThat(diagnostics).hasSize(1);
        assertThat(diagnostics.get(0).message()).contains("wall-clock start").contains("kept in their own order");
    }

    @Test
    void anInputThatFailsPartWayKeepsWhatWasReadAndIsReported() {
        EventMerger merger = new EventMerger(List.of(input("bad", List.of(at("bad", 1, "b", 1), at("bad", 2, "b", 2)), 1),
            input("good", at("good", 1, "b", 3))), diagnostics::add);
        int n = 0;
        while (merger.advance()) {
            n++;
        }
        assertThat(n).isEqualTo(2);
        assertThat(merger.failures()).containsExactly(new EventMerger.Failure("bad", "could not be read after 1 events: Input/output error"));
    }
}
