package dev.uvmctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uvmctl.testing.Prometheus;
import dev.uvmctl.testing.Samples;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code leaks --textfile DIR}: node_exporter's textfile collector, with counters kept between runs. */
class TextfileTest {
    private static final String SERIES = "uvmctl_xid_events_total{code=\"79\",gpu=\"0000:01:00.0\"}";

    /** A /dev/kmsg record of Xid 79 at kernel time {@code micros}. */
    private static String xid(long seq, long micros) {
        return "4," + seq + "," + micros + ",-;NVRM: Xid (PCI:0000:01:00): 79, pid=1234, name=python3, GPU has fallen off the bus.\n";
    }

    private static String banner() {
        return "6,1,2329368,-;NVRM: loading NVIDIA UNIX Open Kernel Module for x86_64  580.95.05  Release Build  (root@)\n";
    }

    private static CliRun.Result textfile(Path root, Path dir, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("leaks", root.toString(), "--textfile", dir.toString()));
        args.addAll(List.of(more));
        return new CliRun().run(args.toArray(String[]::new));
    }

    private static double xids(Path dir) throws IOException {
        String text = Files.readString(dir.resolve("uvmctl.prom"));
        Prometheus.checkMetrics(text);
        return Samples.of(text).getOrDefault(SERIES, 0.0);
    }

    @Test
    void writesTheMetricsAtomicallyAndExitsZeroWhateverItFound(@TempDir Path dir) throws IOException {
        CliRun.Result r = new CliRun().run("leaks", MetricsOutputTest.HELD_EVENTS, "--textfile", dir.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).isEmpty();
        String text = Files.readString(dir.resolve("uvmctl.prom"));
        Prometheus.checkMetrics(text);
        assertThat(Samples.of(text)).containsEntry("uvmctl_findings{class=\"held\"}", 1.0);
        // Only the metrics, the counts' state and the lock: no temporary file left, none that ends in .prom but ours.
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("uvmctl.prom", "uvmctl-xids.json", ".uvmctl.lock");
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("uvmctl.prom")))).isEqualTo("rw-r--r--");
        // The same as -o prometheus prints.
        assertThat(text).isEqualTo(new CliRun().run("leaks", MetricsOutputTest.HELD_EVENTS, "-o", "prometheus").out());
    }

    @Test
    void anUnreadableInputIsWrittenAsIncompleteAndStillExitsZero(@TempDir Path dir) throws IOException {
        CliRun.Result r = new CliRun().run("leaks", "no/such.log", "--textfile", dir.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.err()).contains("no/such.log").contains("uvmctl_scrape_incomplete is 1");
        assertThat(Samples.of(Files.readString(dir.resolve("uvmctl.prom")))).containsEntry("uvmctl_scrape_incomplete", 1.0);
    }

    @Test
    void xidCountsNeverFallWhenTheRingBufferForgetsAndGrowOnlyByNewXids(@TempDir Path tmp) throws IOException {
        Path root = tmp.resolve("root");
        Path dir = Files.createDirectories(tmp.resolve("textfile"));
        Files.createDirectories(root.resolve("dev"));
        Path kmsg = root.resolve("dev/kmsg");
        Files.writeString(kmsg, banner() + xid(2, 100_000_000) + xid(3, 200_000_000));
        assertThat(textfile(root, dir).exitCode()).isZero();
        assertThat(xids(dir)).isEqualTo(2.0);
        // The same log again: nothing new.
        textfile(root, dir);
        assertThat(xids(dir)).isEqualTo(2.0);
        // The ring buffer forgot the first two; a third came: 3, not 1.
        Files.writeString(kmsg, xid(4, 300_000_000));
        textfile(root, dir);
        assertThat(xids(dir)).isEqualTo(3.0);
        // A new boot (its own boot id) starts at kernel time 0 again: its Xids count.
        Files.createDirectories(root.resolve("proc/sys/kernel/random"));
        Files.writeString(root.resolve("proc/sys/kernel/random/boot_id"), "0d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6\n");
        Files.writeString(kmsg, banner() + xid(2, 50_000_000));
        textfile(root, dir);
        assertThat(xids(dir)).isEqualTo(4.0);
    }

    @Test
    void aDamagedStateStartsTheCountsAgainAndSaysSo(@TempDir Path tmp) throws IOException {
        Path root = tmp.resolve("root");
        Path dir = Files.createDirectories(tmp.resolve("textfile"));
        Files.createDirectories(root.resolve("dev"));
        Files.writeString(root.resolve("dev/kmsg"), banner() + xid(2, 100_000_000));
        Files.writeString(dir.resolve("uvmctl-xids.json"), "{\"schema\": \"uvmctl.xid-counts/v1\", \"counts\": [{\"gpu\": 7}]");
        CliRun.Result r = textfile(root, dir);
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.err()).contains("uvmctl-xids.json").contains("counter reset");
        assertThat(xids(dir)).isEqualTo(1.0);
    }

    @Test
    void wrongUsesAreUsageErrors(@TempDir Path dir) throws IOException {
        CliRun.Result notDir = textfile(Path.of(MetricsOutputTest.HELD_EVENTS), dir.resolve("missing"));
        assertThat(notDir.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(notDir.err()).contains("not a directory");
        CliRun.Result json = textfile(Path.of(MetricsOutputTest.HELD_EVENTS), dir, "-o", "json");
        assertThat(json.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(json.err()).contains("--textfile writes the Prometheus text format");
        assertThat(textfile(Path.of(MetricsOutputTest.HELD_EVENTS), dir, "-o", "prometheus").exitCode()).isZero();
    }
}
