package dev.uvmctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import dev.uvmctl.source.LiveKernelLog;
import dev.uvmctl.testing.FailingSysRoot;
import java.util.Arrays;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeaksCommandTest {
    /**
     * `journalctl -k -o json` of every boot (no -b: the oldest first) beside a capture of its last boot, in either order:
     * the older boot replays first, by the wall-clock starts the journal and the capture tell, and the capture's finding
     * stands. Before, given after the capture, the journal's older boot replayed last and ended the capture's boot: 'No
     * findings', exit 0.
     */
    @Test
    void aJournalOfEveryBootBesideACaptureOfTheLastReplaysTheBootsInTheOrderTheyRan() {
        String bundle = "examples/held-node/capture.tar.gz";
        String journal = "src/test/resources/kernel-logs/journal-every-boot-held-node.json";
        CliRun.Result alone = new CliRun().run("leaks", bundle, "-o", "json");
        for (String[] inputs : new String[][] {{bundle, journal}, {journal, bundle}}) {
            CliRun.Result r = new CliRun().run("leaks", inputs[0], inputs[1], "-o", "json");
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
            assertThat(r.out()).contains("\"class\" : \"held\"").contains("\"boots_ended\" : 1")
                .doesNotContain("comes after boot");
            assertThat(r.out().substring(r.out().indexOf("\"findings\" : ["), r.out().indexOf("\"incidents\"")))
                .isEqualTo(alone.out().substring(alone.out().indexOf("\"findings\" : ["), alone.out().indexOf("\"incidents\"")));
        }
    }

    private static final String HELD = "examples/leaks-held/events.ndjson";
    private static final String OOM = "examples/leaks-oom/events.ndjson";
    private static final String BROKEN = "src/test/resources/dev/uvmctl/leaks/fixtures/broken.ndjson";

    static CliRun.Result leaks(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "leaks";
        System.arraycopy(args, 0, all, 1, args.length);
        return new CliRun().run(all);
    }

    @Test
    void aClassWhoseFindingsAllHaveUnknownBytesSumsToNullNotZeroAndCountsThem() {
        // oom-node: a retained GPU (leaked, bytes unknown) and what nvidia-smi charges the killed process (unattributed).
        for (String format : new String[] {"json", "ndjson"}) {
            String out = leaks("examples/oom-node", "-o", format).out().replaceAll("\\s+", "");
            assertThat(out).as(format).contains("\"leaked\":{\"findings\":1,\"bytes\":null,\"unknown_bytes\":1}")
                .contains("\"unattributed\":{\"findings\":1,\"bytes\":3327131648,\"unknown_bytes\":0}")
                .contains("\"held\":{\"findings\":0,\"bytes\":0,\"unknown_bytes\":0}");
        }
        // As the table (?) and the metrics (no bytes series for the leaked class) say.
        assertThat(leaks("examples/oom-node").out()).containsPattern("(?m)^leaked +\\? ");
        assertThat(leaks("examples/oom-node", "-o", "prometheus").out()).doesNotContain("uvmctl_unreleased_bytes{class=\"leaked\"");
    }

    @Test
    void minSizeLeavesOutSmallerFindingsAndSaysHowMany() {
        CliRun.Result r = leaks(HELD, "--min-size", "3GiB");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).startsWith("No findings: 14 events replayed, 1 va_space and 2 processes at the end; 1 left out by");
        assertThat(leaks(HELD, "--min-size", "2G").exitCode()).isEqualTo(1);
        assertThat(leaks(HELD, "--min-size", "2684354560").exitCode()).isEqualTo(1);
        assertThat(leaks(HELD, "--min-size", "2684354561").exitCode()).isZero();
    }

    @Test
    void minAgeIsMeasuredToTheEndOfTheInput() {
        assertThat(leaks(HELD, "--min-age", "10m").exitCode()).isEqualTo(1);
        assertThat(leaks(HELD, "--min-age", "600s").exitCode()).isEqualTo(1);
        assertThat(leaks(HELD, "--min-age", "601").exitCode()).isZero();
        assertThat(leaks(HELD, "--min-age", "1h").exitCode()).isZero();
    }

    @Test
    void pidKeepsFindingsWhoseOwnerOrHolderItIs() {
        assertThat(leaks(HELD, "--pid", "4301").exitCode()).isEqualTo(1);
        assertThat(leaks(HELD, "--pid", "4242").exitCode()).isEqualTo(1);
        assertThat(leaks(HELD, "--pid", "1,2").exitCode()).isZero();
    }

    @Test
    void gpuAcceptsEveryFormAndResolvesIndexesAndUuidsThroughTheInputs() {
        for (String gpu : new String[] {"0000:3b:00.0", "00000000:3B:00.0", "PCI:0000:3b:00", "0", "gpu0",
            "GPU-5A1B2C3D-4E5F-6071-8293-A4B5C6D7E8F9"}) {
            assertThat(leaks(HELD, "--gpu", gpu).exitCode()).as(gpu).isEqualTo(1);
        }
        assertThat(leaks(HELD, "--gpu", "1").exitCode()).as("no input mentions a GPU 1 (UsageErrorsTest)").isEqualTo(ExitCode.USAGE);
        CliRun.Result bad = leaks(HELD, "--gpu", "nvidia0");
        assertThat(bad.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(bad.err()).contains("'nvidia0' names no GPU");
    }

    @Test
    void badSizesAndAgesAreUsageErrors() {
        CliRun.Result size = leaks(HELD, "--min-size", "64Q");
        assertThat(size.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(size.err()).contains("unknown unit 'Q'");
        CliRun.Result age = leaks(HELD, "--min-age", "soon");
        assertThat(age.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(age.err()).contains("'soon' is not a duration");
    }

    @Test
    void standardInputWorksAsAnInputAndWithEvents() throws IOException {
        String held = Files.readString(Path.of(HELD));
        CliRun.Result dash = new CliRun().stdin(held).run("leaks", "-", "-o", "json");
        CliRun.Result events = new CliRun().stdin(held).run("leaks", "--events", "-", "-o", "json");
        assertThat(dash.exitCode()).as(dash.toString()).isEqualTo(1);
        assertThat(dash.out()).contains("\"name\" : \"<stdin>\"").contains("\"input\" : \"<stdin>\"").isEqualTo(events.out());
        assertThat(dash.out().replace("<stdin>", HELD)).isEqualTo(leaks(HELD, "-o", "json").out());
    }

    @Test
    void standardInputTwiceIsAUsageError() {
        CliRun.Result r = new CliRun().stdin("").run("leaks", "-", "--events", "-");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("'-' (standard input) is given more than once");
    }

    @Test
    void gzipInputsAreReadAsIs(@TempDir Path tmp) throws IOException {
        Path gz = tmp.resolve("events.log.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(Files.readAllBytes(Path.of(OOM)));
        }
        CliRun.Result r = leaks(gz.toString(), "-o", "json");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.out().replace(gz.toString(), OOM)).isEqualTo(leaks(OOM, "-o", "json").out());
    }

    @Test
    void aCutOffGzipReplaysTheEventsBeforeTheCutAndIsIncomplete(@TempDir Path tmp) throws IOException {
        ByteArrayOutputStream whole = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(whole)) {
            out.write(Files.readAllBytes(Path.of("src/test/resources/kernel-logs/oom-killed-then-hung-in-exit.log")));
        }
        Path gz = Files.write(tmp.resolve("kern.log.gz"), Arrays.copyOf(whole.toByteArray(), whole.size() - 20));
        CliRun.Result r = new CliRun().run("events", "-o", "ndjson", gz.toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
        assertThat(r.err()).contains(gz + ": could not be read after ").contains(" events: the gzip data ends too soon (the file is cut off) at line ");
        assertThat(r.out()).as("the events before the cut are replayed").contains("\"type\":\"process_exited\"");
        CliRun.Result found = leaks(gz.toString());
        assertThat(found.exitCode()).as(found.toString()).isEqualTo(3);
        assertThat(found.out()).as("what the lines before the cut prove is found").contains("stuck-")
            .contains("Incomplete: there may be more than these findings, since not everything could be read:");
    }

    @Test
    void severalInputsAreMergedIntoOneHistory(@TempDir Path tmp) throws IOException {
        Path exit = tmp.resolve("exit.ndjson");
        Files.writeString(exit, "{\"type\":\"process_exited\",\"boot\":\"6f1c2a4e-9b3d-4c5e-8a7f-0d1e2f3a4b5c\",\"time\":4500,"
            + "\"pid\":4301,\"reason\":\"exit\",\"code\":0}\n");
        CliRun.Result r = leaks(HELD, exit.toString(), "-o", "json");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).contains("\"class\" : \"leaked\"").doesNotContain("\"class\" : \"held\"")
            .contains("\"since\" : 4500,");
    }

    @Test
    void anInputThatCannotBeReadMakesTheAnswerIncompleteButWhatWasReadIsStillReported(@TempDir Path tmp) throws IOException {
        CliRun.Result r = leaks(HELD, tmp.resolve("missing.ndjson").toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.INCOMPLETE);
        assertThat(r.out()).contains("held");
        assertThat(r.err()).isEqualTo("uvmctl: " + tmp.resolve("missing.ndjson") + ": no such file\n");
        Path text = tmp.resolve("notes.txt");
        Files.writeString(text, "some notes\n");
        CliRun.Result unknown = leaks(text.toString(), "-o", "json");
        assertThat(unknown.exitCode()).isEqualTo(ExitCode.INCOMPLETE);
        assertThat(unknown.err()).contains("notes.txt: no kernel-log lines could be read from it");
        assertThat(unknown.out()).contains("\"message\" : \"no kernel-log lines could be read from it\"");
    }

    @Test
    void inputsWithoutAnyEventAreNeverAClean(@TempDir Path tmp) throws IOException {
        Path empty = tmp.resolve("header-only.ndjson");
        Files.writeString(empty, "{\"type\":\"schema\",\"schema\":\"uvmctl-events/1\"}\n\n");
        CliRun.Result r = leaks(empty.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCode.INCOMPLETE);
        assertThat(r.err()).contains("the inputs hold no events, so there is nothing to judge");
        assertThat(r.out()).isEqualTo("Incomplete, so not clean: the inputs hold no events, so there is nothing to judge.\n");
    }

    /**
     * A log of a GPU that never came up (RmInitAdapter failed, three times) is a kernel log of the driver, and none of its records
     * is an event: still nothing to judge, but said as what it is, as dmesg reads it, not as a file that may be the wrong one. A
     * log with no line of the driver (a boot's first line alone) is asked about as before.
     */
    @Test
    void aLogOfDriverRecordsWithoutEventsSaysWhatItHolds(@TempDir Path tmp) throws IOException {
        String initFailed = "src/test/resources/corpus/xid/012-after-xid79-rminitadapter-failed-loop.txt";
        CliRun.Result r = leaks(initFailed);
        assertThat(r.exitCode()).isEqualTo(ExitCode.INCOMPLETE);
        assertThat(r.err()).isEqualTo("uvmctl: the inputs hold no events, so there is nothing to judge: " + initFailed + " holds 3 records of "
            + "the NVIDIA driver (gpu-failure 3) and nothing the model replays (no va_space, process, Xid, load or fault): 'uvmctl dmesg' "
            + "lists them\n");
        assertThat(new CliRun().run("dmesg", initFailed).out()).as("dmesg's view of the same records").contains("3 records, 3 need attention");
        assertThat(new CliRun().run("events", initFailed).err()).isEqualTo("uvmctl: the inputs hold no events: " + initFailed + " holds 3 "
            + "records of the NVIDIA driver (gpu-failure 3) and nothing the model replays (no va_space, process, Xid, load or fault): "
            + "'uvmctl dmesg' lists them\n");
        Path boot = tmp.resolve("boot.log");
        Files.writeString(boot, "[    0.000000] Linux version 6.1.0-18-amd64 (debian-kernel@lists.debian.org)\n"
            + "[    2.000000] EXT4-fs (sda1): mounted filesystem\n");
        assertThat(leaks(boot.toString()).err()).isEqualTo("uvmctl: the inputs hold no events, so there is nothing to judge (is this the "
            + "right file?)\n");
    }

    @Test
    void aRootWithNothingToReadIsNeverReportedClean(@TempDir Path root) {
        CliRun.Result bundle = leaks("--root", root.toString());
        assertThat(bundle.exitCode()).as(bundle.toString()).isEqualTo(ExitCode.INCOMPLETE);
        assertThat(bundle.out()).startsWith("Incomplete, so not clean: nothing found in what could be read (0 events replayed");
        assertThat(bundle.err()).isEqualTo("uvmctl: " + root + ": neither a kernel log (dev/kmsg, uvmctl/commands/dmesg.txt, dmesg.txt, "
            + "journal-k.json) nor a process table (/proc/PID) is there: give a system root, a bundle 'uvmctl capture' wrote, a kernel log, "
            + "or recorded events (FILE.ndjson, --events -)\n");
        CliRun.Result dir = leaks(root.toString());
        assertThat(dir.exitCode()).isEqualTo(ExitCode.INCOMPLETE);
        assertThat(dir.err()).isEqualTo(bundle.err());
    }

    /** A folder that holds inputs but is no root (examples/leaks-held): the answer names them, so the user can give one. */
    @Test
    void aFolderOfInputsThatIsNoRootNamesThem(@TempDir Path tmp) throws IOException {
        Path one = Files.createDirectories(tmp.resolve("one"));
        Files.writeString(one.resolve("README.md"), "# a story\n");
        Files.writeString(one.resolve("events.ndjson"), "{\"type\":\"schema\",\"schema\":\"uvmctl-events/1\"}\n");
        Files.createDirectories(one.resolve("more"));
        CliRun.Result r = leaks(one.toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.INCOMPLETE);
        assertThat(r.err()).endsWith("or recorded events (FILE.ndjson, --events -) (it holds events.ndjson: give that file)\n");
        Path many = Files.createDirectories(tmp.resolve("many"));
        for (String name : List.of("e.trace", "a.ndjson", "d.log", "c.tar.gz", "b.json")) {
            Files.writeString(many.resolve(name), "x\n");
        }
        assertThat(leaks(many.toString()).err()).endsWith("(it holds a.ndjson, b.json, c.tar.gz, d.log, ...: give one of those)\n");
    }

    @Test
    void aKernelLogClosedToTheUserMakesTheAnswerIncompleteWithTheAdvice() {
        CliRun.Result r = new CliRun().rootOpener(dir -> new FailingSysRoot(dir, Set.of(LiveKernelLog.KMSG)))
            .run("--root", "src/test/resources/roots/kmsg-xid", "leaks");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.INCOMPLETE);
        assertThat(r.err()).contains("uvmctl: src/test/resources/roots/kmsg-xid: kernel-log: cannot read the kernel log: /dev/kmsg: "
            + "permission denied (kernel.dmesg_restrict?): " + LiveKernelLog.ADVICE + "\n");
        assertThat(r.out()).doesNotContain("No findings");
    }

    @Test
    void processesThatCannotBeReadMakeTheAnswerIncomplete() {
        CliRun.Result r = new CliRun().rootOpener(dir -> new FailingSysRoot(dir, Set.of("/proc/6000/fd")))
            .run("--root", "src/test/resources/roots/live-host-580", "leaks", "-o", "json");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.INCOMPLETE);
        assertThat(r.err()).contains("uvmctl: src/test/resources/roots/live-host-580 (snapshot): 1 of 15 processes could not be read in full");
        assertThat(r.out()).contains("\"class\" : \"stuck\"");
    }

    @Test
    void quietPrintsNothingAndTheExitStatusIsTheAnswer() {
        CliRun.Result r = leaks(HELD, "-q");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEmpty();
        // Its diagnostics are not printed; why the answer is incomplete is (an eviction of a va_space no input showed made or held).
        CliRun.Result broken = leaks(BROKEN, "-q");
        assertThat(broken.exitCode()).isEqualTo(ExitCode.INCOMPLETE);
        assertThat(broken.out()).isEmpty();
        assertThat(broken.err()).isEqualTo(UNKNOWN_HOLDERS);
    }

    private static final String UNKNOWN_HOLDERS = "uvmctl: " + BROKEN + ": 1 va_space in use (0xffff9c0060000000) that no input showed made "
        + "(they began after it) or held: whether that memory should have been released is not judged; a snapshot of every holder taken "
        + "after this input began (a system root, 'uvmctl capture') names the holders\n";

    @Test
    void allListsTheLiveVaSpacesOfLiveProcessesWithoutMakingThemFindings() {
        CliRun.Result r = leaks("examples/leaks-pinned/events.ndjson", "--all");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).contains("Live (not findings):").contains("live   8.0 GiB  8.0 GiB  0000:3b:00.0  0xffffa0c3d1e20000  6001 solver [alive]");
        CliRun.Result json = leaks("examples/leaks-pinned/events.ndjson", "--all", "-o", "json");
        assertThat(json.out()).contains("\"findings\" : 1,").contains("\"class\" : \"live\"");
        assertThat(leaks("examples/leaks-pinned/events.ndjson", "-o", "json").out()).contains("\"live\" : null");
    }

    @Test
    void diagnosticsAreOneLineOnStandardErrorInTheTableAndListedInJson() {
        CliRun.Result table = leaks(BROKEN);
        assertThat(table.err()).isEqualTo("uvmctl: " + BROKEN + ":1: va_space 0xffff9c0050000000 was never seen created: taken to exist "
            + "from here on (the input may have begun after it was created) (and 6 more; -o json lists them all)\n" + UNKNOWN_HOLDERS);
        CliRun.Result ndjson = leaks(BROKEN, "-o", "ndjson");
        assertThat(ndjson.out().lines().filter(l -> l.startsWith("{\"type\":\"diagnostic\"")).count()).isEqualTo(7);
        assertThat(ndjson.out()).contains("{\"type\":\"diagnostic\",\"input\":\"" + BROKEN + "\",\"line\":3,"
            + "\"message\":\"time goes backwards (9 s after 11 s): kept in input order\"}");
    }

    @Test
    void hostileTextIsEscapedOnTheTerminalAndKeptExactInJson(@TempDir Path tmp) throws IOException {
        Path input = tmp.resolve("hostile.ndjson");
        Files.writeString(input, String.join("\n",
            "{\"type\":\"va_space_created\",\"time\":1,\"va_space\":\"vs\",\"pid\":10,\"comm\":\"a\"}",
            "{\"type\":\"fd_held\",\"time\":2,\"va_space\":\"vs\",\"pid\":11,\"comm\":\"evil\\u001b]0;pwned\\u0007\",\"fd\":\"mm\","
                + "\"src\":{\"input\":\"kern.log\",\"line\":3,\"text\":\"\\u001b[2Jcleared \\u202eevil\"}}",
            "{\"type\":\"process_exited\",\"time\":3,\"pid\":10,\"reason\":\"exit\"}", ""));
        CliRun.Result table = leaks(input.toString(), "--explain");
        assertThat(table.exitCode()).as(table.toString()).isEqualTo(1);
        assertThat(table.out()).doesNotContain("\u001b").doesNotContain("\u0007").doesNotContain("\u202e")
            .contains("11 evil\\x1b]0;pwned\\x07 (mm fd)")
            .contains("kern.log:3  \\x1b[2Jcleared \\u202eevil");
        CliRun.Result json = leaks(input.toString(), "-o", "json");
        assertThat(json.out()).contains("\"comm\" : \"evil\\u001B]0;pwned\\u0007\"");
    }

    @Test
    void colourMarksTheClassRowsWhenAsked() {
        CliRun.Result r = new CliRun().env("NO_COLOR", null).run("leaks", "--color=always", OOM);
        assertThat(r.out()).contains("\u001b[31mleaked ").contains("\u001b[1mleaked-511270cb5fd13a60\u001b[0m");
    }

    @Test
    void helpNamesEveryOptionAndTheExitCodes() {
        CliRun.Result r = new CliRun().run("leaks", "--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("--min-size=SIZE").contains("--min-age=AGE").contains("--pid=PID").contains("--gpu=GPU")
            .contains("--tolerance=SIZE").contains("--all").contains("--explain").contains("-o, --output=FORMAT")
            .contains("--events=FILE").contains("70   internal error");
    }

}
