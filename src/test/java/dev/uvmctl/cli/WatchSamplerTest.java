package dev.uvmctl.cli;

import dev.uvmctl.render.Style;
import dev.uvmctl.render.WatchFrame;
import dev.uvmctl.render.WatchScreen;
import static org.assertj.core.api.Assertions.assertThat;

import dev.uvmctl.source.CommandRunner;
import dev.uvmctl.source.DirectorySysRoot;
import dev.uvmctl.source.ForwardingSysRoot;
import dev.uvmctl.source.SysRoot;
import dev.uvmctl.testing.Golden;
import dev.uvmctl.testing.VanishingSysRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WatchSamplerTest {
    private static final Path HOST = Golden.resource("roots/live-host-580");

    /** The fixture as it is, or with the zombie 3100 gone (reaped) once {@code reaped} is set. */
    private static final class Reaping extends ForwardingSysRoot {
        final SysRoot before = new DirectorySysRoot(HOST);
        final SysRoot after = new VanishingSysRoot(HOST, Set.of(3100), "");
        boolean reaped;

        @Override
        protected SysRoot delegate() {
            return reaped ? after : before;
        }
    }

    private static final class Ticking extends Clock {
        Instant now = Instant.parse("2026-11-27T12:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void findingsAreNewWhenTheyAppearGoneForOneRefreshWhenTheyGoAndKeepTheirAgeBetween() {
        Reaping root = new Reaping();
        Ticking clock = new Ticking();
        WatchSampler sampler = new WatchSampler(root, false, CommandRunner.none(), command -> {
            throw new IOException("no commands in a test");
        }, clock, 5, 64L << 20);

        WatchFrame first = sampler.sample();
        WatchFrame.Item stuck = item(first, "stuck");
        assertThat(stuck.gone()).isFalse();
        assertThat(stuck.firstSeen()).isEqualTo(first.at());
        assertThat(first.items()).extracting(WatchFrame.Item::level).contains("held", "stuck", "info");

        clock.now = clock.now.plusSeconds(2);
        root.reaped = true;
        WatchFrame second = sampler.sample();
        assertThat(item(second, "stuck").gone()).as("reaped: the stuck teardown is gone").isTrue();
        assertThat(item(second, "held").firstSeen()).as("still there: first seen at the first refresh").isEqualTo(first.at());

        clock.now = clock.now.plusSeconds(2);
        WatchFrame third = sampler.sample();
        assertThat(third.items()).extracting(WatchFrame.Item::level).doesNotContain("stuck");
        assertThat(third.items()).noneMatch(WatchFrame.Item::gone);
    }

    @Test
    void theScreenMarksNewAndGoneAndFitsItsSize() {
        Reaping root = new Reaping();
        Ticking clock = new Ticking();
        WatchSampler sampler = new WatchSampler(root, false, CommandRunner.none(), command -> {
            throw new IOException("no commands in a test");
        }, clock, 5, 64L << 20);
        sampler.sample();
        clock.now = clock.now.plusSeconds(2);
        root.reaped = true;
        WatchFrame frame = sampler.sample();
        List<String> tall = new WatchScreen(100, 45, Style.of(false)).render(frame, java.time.Duration.ofSeconds(2));
        assertThat(tall).hasSizeLessThanOrEqualTo(45);
        assertThat(String.join("\n", tall)).as("what changed comes first")
            .containsPattern("WHAT\ngone +stuck +stuck-[0-9a-f]{16} +2s")
            .containsPattern("\n +held +held-[0-9a-f]{16} +2s")
            .contains("Holders (9)").contains("7100  nvidia-smi");
        List<String> short_ = new WatchScreen(100, 28, Style.of(false)).render(frame, java.time.Duration.ofSeconds(2));
        assertThat(short_).hasSizeLessThanOrEqualTo(28);
        assertThat(String.join("\n", short_)).contains("more holders (a taller terminal shows them)")
            .contains("more lines of findings (a taller terminal shows them)");
    }

    /** A jump in /dev/kmsg's record numbers has no line of its own: the kernel-log pane says what is missing, not the next line twice. */
    @Test
    void theKernelLogPaneSaysWhereKmsgRecordsWereLost(@TempDir Path root) throws IOException {
        Files.createDirectories(root.resolve("dev"));
        Files.writeString(root.resolve("dev/kmsg"), "6,502,2501001,-;nvidia-uvm: Loaded the UVM driver, major device number 508.\n"
            + "6,700,3000000,-;usb 1-1: new high-speed USB device number 2 using xhci_hcd\n"
            + "4,701,3100000,-;NVRM: Xid (PCI:0000:01:00): 31, pid=13705, name=python3, channel 0x0000000c, intr 00000000.\n");
        WatchFrame frame = new WatchSampler(new DirectorySysRoot(root), false, CommandRunner.none(), command -> {
            throw new IOException("no commands in a test");
        }, new Ticking(), 5, 64L << 20).sample();
        assertThat(frame.kernelLines()).containsExactly("6,502,2501001,-;nvidia-uvm: Loaded the UVM driver, major device number 508.",
            "-- the /dev/kmsg record numbers jump from 502 to 700 here: 197 records missing (the kernel's ring buffer overwrote them "
                + "before they were read, or lines were taken out of this copy): the log is incomplete here --",
            "4,701,3100000,-;NVRM: Xid (PCI:0000:01:00): 31, pid=13705, name=python3, channel 0x0000000c, intr 00000000.");
    }

    @Test
    void watchShowsTheFindingsLeaksReportsAndSaysWhatItCannotSee() {
        Path root = Golden.resource("roots/verdict-defunct-teardown");
        WatchFrame frame = new WatchSampler(new DirectorySysRoot(root), false, CommandRunner.none(), command -> {
            throw new IOException("no commands in a test");
        }, new Ticking(), 5, 64L << 20).sample();
        CliRun.Result leaks = new CliRun().run("leaks", "--root", root.toString(), "-o", "ndjson");
        List<String> ids = leaks.out().lines().filter(l -> l.startsWith("{\"type\":\"finding\","))
            .map(l -> l.replaceAll("^\\{\"type\":\"finding\",\"id\":\"([^\"]+)\".*", "$1")).toList();
        assertThat(ids).hasSize(2);
        assertThat(frame.items()).filteredOn(i -> !i.level().equals("info")).extracting(WatchFrame.Item::id)
            .containsExactlyInAnyOrderElementsOf(ids);
        assertThat(frame.problems()).as("only the kernel-log tail, which a fixture root without a log cannot show")
            .allSatisfy(p -> assertThat(p).startsWith("no kernel log is there"));
        WatchFrame blind = new WatchSampler(new DirectorySysRoot(Golden.resource("roots/verdict-smi-cut")), false, CommandRunner.none(),
            command -> {
                throw new IOException("no commands in a test");
            }, new Ticking(), 5, 64L << 20).sample();
        assertThat(blind.problems()).anySatisfy(p -> assertThat(p).contains("its process panel is cut off or missing"));
    }

    private static WatchFrame.Item item(WatchFrame f, String level) {
        return f.items().stream().filter(i -> i.level().equals(level)).findFirst().orElseThrow(() ->
            new AssertionError("no " + level + " item in " + f.items()));
    }

    /** watch --trace on a busy node loses events: a finding that rests on an incomplete history says so on its line. */
    @Test
    void aFindingInferredFromAnIncompleteHistorySaysSoOnItsLine() throws IOException {
        dev.uvmctl.model.ReclaimModel m = new dev.uvmctl.model.ReclaimModel(d -> { }, 0);
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(Path.of("src/test/resources/ftrace/pipe-lost.trace"));
             dev.uvmctl.event.EventReader r = new dev.uvmctl.ingest.FtraceEventSource().open(in, "pipe-lost.trace", d -> { })) {
            for (dev.uvmctl.event.Event e = r.next(); e != null; e = r.next()) {
                m.apply(e);
            }
        }
        dev.uvmctl.finding.Finding f = new dev.uvmctl.finding.LeakFinder(m, 0).conclude().findings().get(0);
        assertThat(WatchSampler.message(f)).isEqualTo(f.summary() + " (inferred: events were lost once while it existed; "
            + "'uvmctl leaks -o json' lists where)");
    }

    /** A teardown the live trace says hangs, as watch --trace lists it: who, which va_space, how long, and that the end judges. */
    @Test
    void aHangingTeardownOfTheLiveTraceSaysWhoWhatAndHowLong() {
        String line = WatchSampler.hanging(new dev.uvmctl.ingest.FtraceEventSource.HangingTeardown(6101, 6100, "python", "0xffff9a2b41c00000",
            10_100_000_400_000L, 10_240_000_200_000L));
        assertThat(line).isEqualTo("trace: thread 6101 (python) of process 6100 entered uvm_va_space_destroy of va_space 0xffff9a2b41c00000 "
            + "at [10100.000400] and had not returned 2m19s later, at [10240.000200]: blocked in the driver's teardown, as a hung-task "
            + "warning would say, unless it returns ('uvmctl leaks --trace' judges it when it ends)");
        assertThat(WatchSampler.hanging(new dev.uvmctl.ingest.FtraceEventSource.HangingTeardown(6101, 6100, null, "0xffff9a2b41c00000",
            0, 120_000_000_000L))).startsWith("trace: thread 6101 of process 6100 entered uvm_va_space_destroy of va_space 0xffff9a2b41c00000 at [0.000000] and had "
                + "not returned 2m00s later, at [120.000000]: ");
    }

    /** watch --trace marks the trace while it reads, and stops once the run ends. */
    @Test
    void theLiveViewsHeartbeatMarksWhileItReadsAndStopsAtTheEnd() throws InterruptedException {
        java.util.concurrent.atomic.AtomicInteger marks = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicBoolean reading = new java.util.concurrent.atomic.AtomicBoolean(true);
        Thread beat = new Thread(() -> LiveTrace.beat(reading::get, () -> {
            if (marks.incrementAndGet() == 3) {
                reading.set(false);
            }
        }, 5));
        beat.start();
        beat.join(10_000);
        assertThat(beat.isAlive()).isFalse();
        assertThat(marks.get()).as("none after the end").isEqualTo(3);
        reading.set(false);
        LiveTrace.beat(reading::get, marks::incrementAndGet, 5);
        assertThat(marks.get()).as("an ended run is not marked").isEqualTo(3);
    }
}
