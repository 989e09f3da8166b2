package dev.uvmctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uvmctl.testing.Golden;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code uvmctl leaks} on system roots with no trace of the driver's own events: the fixture
 * roots of the live-system tests and the examples, read through their kernel log and their
 * /proc + nvidia-smi snapshot. The JSON document and the table are compared exactly.
 */
class LeaksRootsTest {
    private static final String ROOTS = "src/test/resources/roots/";

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "host-580,       src/test/resources/roots/live-host-580,       1",
        "retained-535,   src/test/resources/roots/live-retained-535,   1",
        "container-csv,  src/test/resources/roots/live-container-csv,  3",
        "container-empty, src/test/resources/roots/live-container-empty, 3",
        "kmsg-xid,       src/test/resources/roots/kmsg-xid,            3",
        "example-clean,  examples/clean,                               0",
        "example-oom-node, examples/oom-node,                          1",
        "example-held-node, examples/held-node/capture.tar.gz,         1",
    })
    void theReportOfEachRootIsExactlyTheExpectedOne(String name, String root, int exit) {
        CliRun.Result json = new CliRun().run("leaks", "--root", root, "-o", "json");
        assertThat(json.exitCode()).as(json.toString()).isEqualTo(exit);
        Golden.assertMatches(json.out(), "expected/leaks/" + name + ".json");
        CliRun.Result table = new CliRun().run("leaks", "--root", root);
        assertThat(table.exitCode()).isEqualTo(exit);
        Golden.assertMatches(table.out() + "--- standard error ---\n" + table.err(), "expected/leaks/" + name + ".txt");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "host-580,         src/test/resources/roots/live-host-580",
        "example-oom-node, examples/oom-node",
    })
    void explainShowsTheLinesOfTheSnapshotAndTheKernelLog(String name, String root) {
        CliRun.Result r = new CliRun().run("leaks", "--root", root, "--explain");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        Golden.assertMatches(r.out(), "expected/leaks/" + name + "-explain.txt");
    }

    /** On a terminal: rows, summaries, what to do and the quoted input lines all fit its width. */
    @ParameterizedTest(name = "{0} at {2} columns")
    @CsvSource({
        "example-oom-node,  examples/oom-node,                          80",
        "example-held-node, examples/held-node/capture.tar.gz,          80",
        "host-580,          src/test/resources/roots/live-host-580,     60",
    })
    void onATerminalEveryLineFitsItsWidth(String name, String root, int width) {
        CliRun.Result r = new CliRun().terminal(new TerminalInfo(true, true, () -> width)).run("leaks", "--root", root, "--explain");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.out().lines()).as(r.toString()).allSatisfy(line -> assertThat(line.length()).as(line).isLessThanOrEqualTo(width));
        Golden.assertMatches(r.out(), "expected/leaks/" + name + "-explain-" + width + "-columns.txt");
    }

    @Test
    void aStuckZombieAForkedHolderAndMemoryNoLiveProcessExplainsAreWhatAnExpertWouldSay() {
        CliRun.Result r = new CliRun().run("leaks", "--root", ROOTS + "live-host-580", "-o", "ndjson");
        assertThat(r.out().lines().filter(l -> l.startsWith("{\"type\":\"finding\"")).map(LeaksRootsTest::classAndSubject))
            .containsExactly(
                "held /proc/4000/fd/4",
                "stuck /proc/3100/task/3107/fd/4",
                "unattributed 0000:86:00.0",
                "unattributed 0000:3b:00.0");
        assertThat(r.out()).contains("\"blocked\":{\"reason\":\"uninterruptible\",\"in\":\"uvm_va_space_destroy\"");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"live-host-580", "live-retained-535", "live-container-csv", "kmsg-xid", "../../../../examples/oom-node"})
    void aCaptureOfARootReadsAsTheRootDid(String root, @TempDir Path tmp) {
        String dir = ROOTS + root;
        Path bundle = tmp.resolve("bundle.tar.gz");
        CliRun.Result capture = new CliRun().run("--root", dir, "capture", "--to", bundle.toString());
        assertThat(capture.exitCode()).as(capture.toString()).isZero();
        CliRun.Result direct = new CliRun().run("--root", dir, "leaks", "-o", "json");
        CliRun.Result fromBundle = new CliRun().run("leaks", bundle.toString(), "-o", "json");
        assertThat(fromBundle.exitCode()).as(fromBundle.toString()).isEqualTo(direct.exitCode());
        assertThat(withoutWallClockCapture(fromBundle.out()).replace(bundle.toString(), dir)).isEqualTo(direct.out());
        CliRun.Result asRoot = new CliRun().run("--root", bundle.toString(), "leaks", "-o", "json");
        assertThat(withoutWallClockCapture(asRoot.out()).replace(bundle.toString(), dir)).isEqualTo(direct.out());
    }

    private static final java.util.regex.Pattern WALL_CLOCK_CAPTURE = java.util.regex.Pattern.compile(
        ",\\n\\s*\\{\\n\\s*\"input\" : \"/proc/uptime\",\\n\\s*\"line\" : 1,\\n\\s*\"message\" : \"only wall-clock time[^\"]*\"\\n\\s*}");

    /**
     * A {@code leaks -o json} document without the diagnostic a bundle of a root that has no
     * {@code /proc/uptime} adds: the capture gives it a wall-clock time ({@code captured_at}) that
     * the root had not, and no kernel time to place it in the boot.
     */
    static String withoutWallClockCapture(String json) {
        return WALL_CLOCK_CAPTURE.matcher(json).replaceFirst("");
    }

    @Test
    void theBundlesVaSpacesSnapshotReadsAsTheBundlesProcDid(@TempDir Path tmp) throws Exception {
        Path bundle = tmp.resolve("bundle");
        assertThat(new CliRun().run("--root", ROOTS + "live-host-580", "capture", "--to", bundle.toString()).exitCode()).isZero();
        Path text = bundle.resolve("uvmctl/va-spaces.txt");
        assertThat(text).exists();
        CliRun.Result fromText = new CliRun().run("leaks", text.toString(), "-o", "json");
        CliRun.Result fromRoot = new CliRun().run("leaks", "--root", ROOTS + "live-host-580", "-o", "json");
        assertThat(fromText.exitCode()).isEqualTo(1);
        assertThat(fromText.out().replace("\"" + text + "\",\n      \"format\" : \"snapshot\"",
                "\"" + ROOTS + "live-host-580 (snapshot)\",\n      \"format\" : \"snapshot\""))
            .isEqualTo(fromRoot.out());
        assertThat(Files.readString(text)).contains("boot_id=0f3e9b7c-58a1-4c2d-9e6f-2b4a8d1c7e50");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"src/test/resources/roots/live-host-580", "examples/oom-node"})
    void aRootsEventsWrittenAsNdjsonReadBackToTheSameFindings(String root, @TempDir Path tmp) throws Exception {
        CliRun.Result events = new CliRun().run("--root", root, "events", "-o", "ndjson");
        Path file = tmp.resolve("events.ndjson");
        Files.writeString(file, events.out());
        String replayed = new CliRun().run("leaks", file.toString(), "-o", "json").out();
        String direct = new CliRun().run("--root", root, "leaks", "-o", "json").out();
        assertThat(replayed.substring(replayed.indexOf("\"findings\" : ["))).isEqualTo(direct.substring(direct.indexOf("\"findings\" : [")));
        assertThat(new CliRun().run("events", file.toString(), "-o", "ndjson").out()).isEqualTo(events.out());
    }

    private static String classAndSubject(String finding) {
        String c = field(finding, "class");
        String vs = field(finding, "va_space");
        return c + " " + (vs != null ? vs : finding.replaceAll(".*\"gpus\":\\[\"([^\"]+)\".*", "$1"));
    }

    private static String field(String json, String name) {
        int i = json.indexOf("\"" + name + "\":\"");
        if (i < 0) {
            return null;
        }
        int start = i + name.length() + 4;
        return json.substring(start, json.indexOf('"', start));
    }
}
