package dev.uvmctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uvmctl.testing.Golden;
import org.junit.jupiter.api.Test;

/**
 * {@code uvmctl leaks} on snapshots given in the order they were taken, in the layout of
 * dev/capture-real.sh: a forked child keeps its dead parent's va_space (held), and is
 * then killed too (nothing left). Each snapshot alone cannot tell that story.
 */
class LeaksSnapshotSequenceTest {
    private static final String SNAPSHOTS = "src/test/resources/roots/capture-real-layout/snapshots/";
    private static final String RUNNING = SNAPSHOTS + "while-running";
    private static final String PARENT_KILLED = SNAPSHOTS + "after-parent-killed";
    private static final String CHILD_KILLED = SNAPSHOTS + "after-child-killed";
    private static final String DMESG = "src/test/resources/roots/capture-real-layout/dmesg.txt";

    @Test
    void theChildHoldsTheVaSpaceOfItsKilledParent() {
        CliRun.Result table = new CliRun().run("leaks", RUNNING, PARENT_KILLED);
        assertThat(table.exitCode()).as(table.toString()).isEqualTo(1);
        Golden.assertMatches(table.out() + "--- standard error ---\n" + table.err(), "expected/leaks/snapshots-held.txt");
        CliRun.Result json = new CliRun().run("leaks", RUNNING, PARENT_KILLED, "-o", "json", "--explain");
        Golden.assertMatches(json.out(), "expected/leaks/snapshots-held.json");
    }

    @Test
    void theManagedUpperBoundIsWrittenInAsciiWhereTheOutputIsNotUtf8() {
        String utf8 = new CliRun().run("leaks", RUNNING, PARENT_KILLED).out();
        assertThat(utf8).contains("\u2264 1.0 GiB").doesNotContain("<= 1.0 GiB");
        for (java.nio.charset.Charset other : new java.nio.charset.Charset[] {java.nio.charset.StandardCharsets.US_ASCII,
                java.nio.charset.StandardCharsets.ISO_8859_1}) {
            String text = new CliRun().outputCharset(other).run("leaks", RUNNING, PARENT_KILLED).out();
            assertThat(text).as(other.name()).contains("<= 1.0 GiB").matches("\\p{ASCII}*");
            // The same table: only the symbol (and the padding its width moves) differs.
            assertThat(text.replaceAll(" +", " ")).isEqualTo(utf8.replace("\u2264", "<=").replaceAll(" +", " "));
        }
    }

    @Test
    void theKernelLogBesideTheSnapshotsIsOfTheirBoot() {
        // Neither names a boot id: the snapshots join the log's boot instead of making one that
        // the log's would end, whichever is given first.
        for (String[] args : new String[][] {
            {"leaks", DMESG, RUNNING, PARENT_KILLED, "-o", "ndjson"},
            {"leaks", RUNNING, PARENT_KILLED, DMESG, "-o", "ndjson"}}) {
            CliRun.Result r = new CliRun().run(args);
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
            assertThat(r.out()).contains("\"class\":\"held\"").contains("\"va_space\":\"/proc/5120/fd/4\"");
            assertThat(r.out()).contains("names no boot: taken to be of boot " + DMESG + "#1");
        }
    }

    @Test
    void nothingIsLeftOnceTheChildIsKilledToo() {
        CliRun.Result r = new CliRun().run("leaks", RUNNING, PARENT_KILLED, CHILD_KILLED, "--all");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).startsWith("No findings:").contains("0 va_spaces").doesNotContain("live ");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void theSameSnapshotTwiceIsOneVaSpaceSeenTwice() {
        CliRun.Result once = new CliRun().run("leaks", RUNNING, "--all", "-o", "json");
        CliRun.Result twice = new CliRun().run("leaks", RUNNING, RUNNING, "--all", "-o", "json");
        assertThat(twice.exitCode()).as(twice.toString()).isZero();
        assertThat(twice.err()).isEmpty();
        assertThat(twice.out()).contains("\"diagnostics\" : [ ]").contains("\"va_space\" : \"/proc/5120/fd/4\"");
        assertThat(count(twice.out(), "\"class\" : \"live\"")).isEqualTo(count(once.out(), "\"class\" : \"live\"")).isEqualTo(1);
    }

    @Test
    void aSnapshotOfOnlyTheHoldersBlamesNoProcessItCannotSee() {
        // The child's process group leader (5077, the capturing shell) is not in a snapshot that
        // keeps only the processes holding NVIDIA files: it is not taken as the dead owner.
        CliRun.Result r = new CliRun().run("leaks", PARENT_KILLED, "--all");
        assertThat(r.out()).doesNotContain("5077").contains("5133 mm [alive]");
    }

    @Test
    void theSnapshotsCaptureTimeAndNvidiaSmiQueriesAreRead() {
        CliRun.Result r = new CliRun().run("events", PARENT_KILLED, "-o", "ndjson");
        assertThat(r.out())
            .contains("\"type\":\"capture\"").contains("2026-11-27T18:01:15.622345678Z").contains("\"all_holders\":true")
            .contains("\"type\":\"gpu_memory\"").contains("\"reserved\":563085312")
            .contains("\"fd_path\":\"/proc/5133/fd/5\"");
    }

    private static long count(String text, String what) {
        return text.split(java.util.regex.Pattern.quote(what), -1).length - 1L;
    }
}
