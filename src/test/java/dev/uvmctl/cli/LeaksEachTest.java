package dev.uvmctl.cli;

import dev.uvmctl.testing.Trees;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code leaks --each}: many nodes' captures in one directory, each node analysed on its own. */
class LeaksEachTest {
    private static final Path SNAPSHOTS = Path.of("src/test/resources/roots/capture-real-layout/snapshots");
    private static final String BOOT = "7c1d9e2a-3b4f-4a5b-9c6d-0e1f2a3b4c5d\n";

    @TempDir
    Path fleet;

    /**
     * gpu-node-07 (a bundle), gpu-node-12 (an unpacked root), gpu-node-31 (two captures of one
     * boot, whose names sort against the order they were taken in), and a redacted capture.
     */
    @BeforeEach
    void captures() throws IOException {
        Files.copy(Path.of("examples/held-node/capture.tar.gz"), fleet.resolve("node07.tar.gz"));
        Trees.copy(Path.of("examples/oom-node"), fleet.resolve("oom"));
        for (String[] s : new String[][] {{"while-running", "b-first"}, {"after-parent-killed", "a-second"}}) {
            Path dir = fleet.resolve(s[1]);
            Trees.copy(SNAPSHOTS.resolve(s[0]), dir);
            Files.createDirectories(dir.resolve("proc/sys/kernel/random"));
            Files.writeString(dir.resolve("proc/sys/kernel/hostname"), "gpu-node-31\n");
            Files.writeString(dir.resolve("proc/sys/kernel/random/boot_id"), BOOT);
        }
        Path redacted = fleet.resolve("r-0042");
        Trees.copy(Path.of("examples/oom-node"), redacted);
        Files.writeString(redacted.resolve("uvmctl/manifest.json"),
            "{\"schema\": \"uvmctl.capture/v1\", \"host\": \"host-5f3a\", \"redacted\": true, \"captured_at\": \"2026-11-27T15:00:00Z\"}\n");
    }

    @Test
    void oneRowPerNodeEachAsItsOwnLeaksSaysAndCapturesOfOneBootAsOneHistory() {
        CliRun.Result r = new CliRun().run("leaks", "--each", fleet.toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.FOUND);
        assertThat(r.err()).isEmpty();
        String[] lines = r.out().split("\n");
        assertThat(lines).hasSize(5);
        assertThat(lines[0]).startsWith("NODE").contains("LEAKED").contains("HELD").contains("BYTES").contains("TOP FINDING");
        assertThat(lines[1]).startsWith("gpu-node-07 ");
        assertThat(lines[2]).startsWith("gpu-node-12 ");
        assertThat(lines[3]).startsWith("gpu-node-31 ");
        assertThat(lines[4]).startsWith("r-0042 ");
        // Each row is what leaks says of that node alone.
        assertRow(lines[1], new CliRun().run("leaks", "examples/held-node/capture.tar.gz", "-o", "json").out());
        assertRow(lines[2], new CliRun().run("leaks", "examples/oom-node", "-o", "json").out());
        assertRow(lines[4], new CliRun().run("leaks", "examples/oom-node", "-o", "json").out());
        // gpu-node-31: its two captures replayed in the order taken (their captured-at), not by name.
        String inOrder = new CliRun().run("leaks", fleet.resolve("b-first").toString(), fleet.resolve("a-second").toString(), "-o", "json").out();
        assertThat(inOrder).contains("\"class\" : \"held\"");
        assertRow(lines[3], inOrder);
    }

    /** The row's counts per class are those of the report's summary. */
    private static void assertRow(String row, String json) {
        String[] cells = row.trim().split("\\s+");
        String[] classes = {"leaked", "held", "stuck", "pinned", "deferred", "unattributed", "driver"};
        for (int i = 0; i < classes.length; i++) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"" + classes[i] + "\" : \\{\\s*\"findings\" : (\\d+)").matcher(json);
            assertThat(m.find()).as(json).isTrue();
            assertThat(cells[1 + i]).as(classes[i] + " in " + row).isEqualTo(m.group(1));
        }
    }

    /** A run of dev/capture-real.sh among the captures is one node, read as 'uvmctl leaks RUN' reads it. */
    @Test
    void aCaptureRunIsANodeReadAsLeaksReadsIt() throws IOException {
        Path run = fleet.resolve("real-node-44");
        Files.createDirectories(run);
        Files.copy(Path.of("src/test/resources/roots/capture-real-layout/dmesg.txt"), run.resolve("dmesg.txt"));
        Trees.copy(SNAPSHOTS.resolve("while-running"), run.resolve("snapshots/while-running"));
        Trees.copy(SNAPSHOTS.resolve("after-parent-killed"), run.resolve("snapshots/after-parent-killed"));
        CliRun.Result r = new CliRun().run("leaks", "--each", fleet.toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.FOUND);
        String row = r.out().lines().filter(l -> l.startsWith("real-node-44 ")).findFirst().orElseThrow();
        String alone = new CliRun().run("leaks", run.toString(), "-o", "json").out();
        assertThat(alone).contains("\"class\" : \"held\"");
        assertRow(row, alone);
    }

    /** What is no capture in the directory is said, not dropped unseen; the table is the same without it. */
    @Test
    void entriesThatAreNoCaptureAreSaidAndLeftOut() throws IOException {
        String without = new CliRun().run("leaks", "--each", fleet.toString()).out();
        Files.writeString(fleet.resolve("notes.txt"), "node 31 rebooted at 14:02\n");
        Files.createDirectories(fleet.resolve("empty-dir"));
        Files.writeString(fleet.resolve(".hidden"), "x");
        CliRun.Result r = new CliRun().run("leaks", "--each", fleet.toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.FOUND);
        assertThat(r.out()).isEqualTo(without);
        assertThat(r.err()).isEqualTo("uvmctl: passed over, as neither a bundle (.tar.gz) nor a system root nor a capture run: "
            + fleet.resolve("empty-dir") + ", " + fleet.resolve("notes.txt") + "\n");
    }

    @Test
    void ndjsonGivesEachNodesFindingsWithItsName() {
        CliRun.Result r = new CliRun().run("leaks", "--each", fleet.toString(), "-o", "ndjson");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.FOUND);
        String[] lines = r.out().split("\n");
        assertThat(lines).filteredOn(l -> l.startsWith("{\"type\":\"node\"")).hasSize(4);
        assertThat(lines).filteredOn(l -> l.startsWith("{\"type\":\"finding\"")).allMatch(l -> l.contains(",\"node\":\""))
            .anyMatch(l -> l.contains("\"node\":\"gpu-node-31\"") && l.contains("\"class\":\"held\""));
        long single = new CliRun().run("leaks", "examples/oom-node", "-o", "ndjson").out().lines()
            .filter(l -> l.startsWith("{\"type\":\"finding\"")).count();
        assertThat(lines).filteredOn(l -> l.startsWith("{\"type\":\"finding\",\"node\":\"gpu-node-12\"")).hasSize((int) single);
    }

    @Test
    void anUnreadableCaptureIsListedAndMakesTheAnswerIncomplete() throws IOException {
        Files.writeString(fleet.resolve("torn.tar.gz"), "not gzip");
        CliRun.Result r = new CliRun().run("leaks", "--each", fleet.toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.INCOMPLETE);
        assertThat(r.out()).contains("torn.tar.gz").contains("unreadable");
        assertThat(r.err()).contains("torn.tar.gz");
    }

    @Test
    void aProgressBarOnlyOnATerminal() {
        CliRun.Result tty = new CliRun().terminal(new TerminalInfo(false, true, () -> 120)).run("leaks", "--each", fleet.toString());
        assertThat(tty.err()).contains("4/4 nodes").contains("\r");
        CliRun.Result pipe = new CliRun().run("leaks", "--each", fleet.toString());
        assertThat(pipe.err()).isEmpty();
        assertThat(tty.out()).isEqualTo(pipe.out());
    }

    @Test
    void formatsWithoutOneRowPerNodeAreRefused() {
        for (String format : new String[] {"json", "prometheus"}) {
            CliRun.Result r = new CliRun().run("leaks", "--each", fleet.toString(), "-o", format);
            assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        }
        assertThat(new CliRun().run("leaks", "--each").exitCode()).isEqualTo(ExitCode.USAGE);
    }
}
