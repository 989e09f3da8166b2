package dev.uvmctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uvmctl.ingest.KmsgFollower;
import dev.uvmctl.render.Exposition;
import dev.uvmctl.render.XidCounter;
import dev.uvmctl.source.DirectorySysRoot;
import dev.uvmctl.testing.Samples;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * serve's Xid counters: it follows the root's /dev/kmsg (a fixture's dev/kmsg file) from its own
 * start and counts each Xid once, so a counter never falls when the ring buffer forgets old lines,
 * and the scrape's own reading of the log does not count them again.
 */
class ServeXidCountersTest {
    private static final String BANNER = "6,1,2329368,-;NVRM: loading NVIDIA UNIX Open Kernel Module for x86_64  580.95.05  Release Build  (root@)\n";

    @TempDir
    Path root;

    /** A kmsg record of Xid {@code code} on 0000:01:00.0, sequence {@code seq}, at {@code seq} tenths of a second. */
    private static String xid(int seq, int code) {
        return "4," + seq + "," + (100_000L * seq) + ",-;NVRM: Xid (PCI:0000:01:00): " + code + ", pid=1234, name=python3, Ch 00000010\n";
    }

    private void kmsg(String... records) throws IOException {
        Files.createDirectories(root.resolve("dev"));
        Path tmp = root.resolve("dev/kmsg.new");
        Files.writeString(tmp, String.join("", records));
        Files.move(tmp, root.resolve("dev/kmsg"), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
            java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** A context on the fixture root that writes standard error to {@code err} and drops standard output. */
    private CliContext context(PrintWriter err) {
        return CliContext.builder(new PrintWriter(java.io.Writer.nullWriter()), err, InputStream.nullInputStream()).root(root).build();
    }

    /** Waits until the counter holds {@code expected}, checking at each look that no count fell. */
    private static void await(XidCounter xids, Map<String, Long> expected, Map<String, Long> floor) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        Map<String, Long> now = xids.totals();
        while (!now.equals(expected) && System.nanoTime() < deadline) {
            noneFell(floor, now);
            Thread.sleep(25);
            now = xids.totals();
        }
        noneFell(floor, now);
        assertThat(now).isEqualTo(expected);
    }

    private static void noneFell(Map<String, Long> floor, Map<String, Long> now) {
        floor.forEach((k, v) -> assertThat(now.getOrDefault(k, 0L)).as("%s fell", k).isGreaterThanOrEqualTo(v));
    }

    private static Map<String, Long> counts(long c79, long c48) {
        Map<String, Long> m = new TreeMap<>();
        if (c79 > 0) {
            m.put("0000:01:00.0 79", c79);
        }
        if (c48 > 0) {
            m.put("0000:01:00.0 48", c48);
        }
        return m;
    }

    @Test
    @Timeout(60)
    void aCounterNeverFallsWhenOldLinesLeaveTheLog() throws Exception {
        kmsg(BANNER, xid(2, 79), xid(3, 48), xid(4, 79));
        StringWriter said = new StringWriter();
        PrintWriter err = new PrintWriter(said);
        CliContext context = context(err);
        XidCounter xids = new XidCounter();
        try (KmsgFollower follower = ServeCommand.follow(new DirectorySysRoot(root), xids, context)) {
            assertThat(follower).as(said.toString()).isNotNull();
            // What the ring buffer held at the start is counted once, however often the file is read.
            await(xids, counts(2, 1), Map.of());
            Thread.sleep(3 * ServeCommand.FOLLOW_POLL_MILLIS);
            assertThat(xids.totals()).isEqualTo(counts(2, 1));
            // The ring buffer forgot the first two Xids and a new one came: 3 and 1, not 2 and 0.
            kmsg(xid(4, 79), xid(5, 79));
            await(xids, counts(3, 1), counts(2, 1));
            // Everything forgotten but the last: nothing falls, nothing is counted twice.
            kmsg(xid(5, 79));
            Thread.sleep(3 * ServeCommand.FOLLOW_POLL_MILLIS);
            await(xids, counts(3, 1), counts(3, 1));
            // A log with nothing left: still the same.
            kmsg("");
            Thread.sleep(3 * ServeCommand.FOLLOW_POLL_MILLIS);
            await(xids, counts(3, 1), counts(3, 1));
            kmsg(xid(6, 48));
            await(xids, counts(3, 2), counts(3, 1));
        }
    }

    @Test
    @Timeout(60)
    void theScrapeShowsTheFollowersCountsAndDoesNotCountTheLogAgain() throws Exception {
        kmsg(BANNER, xid(2, 79), xid(3, 48));
        CliContext context = context(new PrintWriter(java.io.Writer.nullWriter()));
        XidCounter xids = new XidCounter();
        try (KmsgFollower follower = ServeCommand.follow(context.sysRoot(), xids, context)) {
            assertThat(follower).isNotNull();
            await(xids, counts(1, 1), Map.of());
            var scrape = ServeCommand.scrapes(context, 64L << 20, 500, xids, true);
            List<Map<String, Double>> seen = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                String text = new String(Exposition.bytes(scrape.get().metrics(), false), StandardCharsets.UTF_8);
                seen.add(Samples.family(text, "uvmctl_xid_events_total"));
            }
            assertThat(seen).allSatisfy(s -> assertThat(s).isEqualTo(Map.of(
                "uvmctl_xid_events_total{code=\"79\",gpu=\"0000:01:00.0\"}", 1.0,
                "uvmctl_xid_events_total{code=\"48\",gpu=\"0000:01:00.0\"}", 1.0)));
        }
    }

    /**
     * A follower that falls behind gets EPIPE and goes on at the oldest record left
     * (devkmsg_read): the record numbers jump, and what it could not count is counted and said.
     */
    @Test
    @Timeout(60)
    void recordsOverwrittenBeforeTheFollowerReadThemAreCountedAndSaid() throws Exception {
        kmsg(BANNER, xid(2, 79), xid(9, 48), xid(10, 48), xid(14, 79));
        StringWriter said = new StringWriter();
        PrintWriter err = new PrintWriter(said);
        CliContext context = context(err);
        XidCounter xids = new XidCounter();
        try (KmsgFollower follower = ServeCommand.follow(context.sysRoot(), xids, context)) {
            assertThat(follower).isNotNull();
            await(xids, counts(2, 2), Map.of());
            var scrape = ServeCommand.scrapes(context, 64L << 20, 500, xids, true);
            String text = new String(Exposition.bytes(scrape.get().metrics(), false), StandardCharsets.UTF_8);
            assertThat(Samples.family(text, "uvmctl_kernel_log_records_lost_total")).isEqualTo(Map.of("uvmctl_kernel_log_records_lost_total", 9.0));
        }
        assertThat(said.toString()).contains(
            "uvmctl: serve: following the kernel log: the kernel overwrote 6 records (3 to 8) before they were read: Xids among them are not "
                + "counted (uvmctl_kernel_log_records_lost_total)\n",
            "uvmctl: serve: following the kernel log: the kernel overwrote 3 records (11 to 13) before they were read");
    }

    /** A follower that lost nothing says 0; a reading of the whole log at once (no follower) has no such count. */
    @Test
    @Timeout(60)
    void noRecordLostIsZeroAndWithoutAFollowerThereIsNoCount() throws Exception {
        kmsg(BANNER, xid(2, 79), xid(3, 48));
        CliContext context = context(new PrintWriter(java.io.Writer.nullWriter()));
        XidCounter followed = new XidCounter();
        try (KmsgFollower follower = ServeCommand.follow(context.sysRoot(), followed, context)) {
            await(followed, counts(1, 1), Map.of());
            String text = new String(Exposition.bytes(ServeCommand.scrapes(context, 64L << 20, 500, followed, true).get().metrics(), false),
                StandardCharsets.UTF_8);
            assertThat(Samples.family(text, "uvmctl_kernel_log_records_lost_total")).isEqualTo(Map.of("uvmctl_kernel_log_records_lost_total", 0.0));
        }
        String unfollowed = new String(Exposition.bytes(ServeCommand.scrapes(context, 64L << 20, 500, new XidCounter(), false).get().metrics(), false),
            StandardCharsets.UTF_8);
        assertThat(unfollowed).contains("uvmctl_xid_events_total").doesNotContain("records_lost");
    }

    @Test
    void aRootWithoutDevKmsgIsCountedFromEachScrapesReadingAndSaysSo() {
        StringWriter said = new StringWriter();
        PrintWriter err = new PrintWriter(said);
        CliContext context = context(err);
        assertThat(ServeCommand.follow(new DirectorySysRoot(root), new XidCounter(), context)).isNull();
        // It names what it tried: the file under the given root, not the live system's /dev/kmsg.
        assertThat(said.toString()).startsWith("uvmctl: serve: " + root.toAbsolutePath().normalize().resolve("dev/kmsg") + " cannot be followed (")
            .contains("counted from each scrape's reading");
    }

}
