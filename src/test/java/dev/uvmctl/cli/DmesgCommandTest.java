package dev.uvmctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uvmctl.source.LiveKernelLog;
import dev.uvmctl.testing.Golden;
import dev.uvmctl.testing.FailingSysRoot;
import dev.uvmctl.testing.Fifo;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DmesgCommandTest {
    private static final String CORPUS = "src/test/resources/corpus/";
    private static final String XID_002 = CORPUS + "xid/002-xid31-62-45-cascade-chia.txt";
    private static final String HEALTHY = CORPUS + "uvm-log/008-430-boot-uvm-loaded-in-8-mode.txt";
    private static final String ROOT = "src/test/resources/roots/kmsg-xid";

    private static CliRun.Result run(String... args) {
        return new CliRun().run(args);
    }

    @Test
    void tableOfAnXidCascadeWithItsSummary() {
        CliRun.Result r = run("dmesg", XID_002);
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.FOUND);
        assertThat(r.err()).isEmpty();
        Golden.assertMatches(r.out(), "expected/dmesg/xid-002.table");
    }

    @Test
    void jsonOfALostGpu() {
        CliRun.Result r = run("dmesg", "-o", "json", CORPUS + "xid/019-xid79-serial-crash-dump-multiline-h100.txt");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.FOUND);
        Golden.assertMatches(r.out(), "expected/dmesg/xid-019.json");
    }

    @Test
    void ndjsonOfATraceThroughNvidiaUvm() {
        CliRun.Result r = run("dmesg", "-o", "ndjson", CORPUS + "uvm-log/010-null-deref-raw-q-flush-uvm-suspend-trimmed.txt");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.FOUND);
        Golden.assertMatches(r.out(), "expected/dmesg/uvm-log-010.ndjson");
        List<String> lines = r.out().lines().toList();
        assertThat(lines).allMatch(l -> l.startsWith("{\"type\":\""));
        assertThat(lines.get(lines.size() - 1)).startsWith("{\"type\":\"summary\",\"schema\":\"uvmctl.dmesg/v2\"");
    }

    @Test
    void aHealthyBootLogPassesAndQuietPrintsNothing() {
        CliRun.Result r = run("dmesg", HEALTHY);
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.OK);
        assertThat(r.out()).contains("Summary: 12 records, 0 need attention");
        CliRun.Result quiet = run("dmesg", "-q", HEALTHY);
        assertThat(quiet.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(quiet.out()).isEmpty();
        CliRun.Result found = run("dmesg", "-q", XID_002);
        assertThat(found.exitCode()).isEqualTo(ExitCode.FOUND);
        assertThat(found.out()).isEmpty();
        assertThat(found.err()).isEmpty();
    }

    @Test
    void aKernelLogWithoutGpuLinesIsReadAndClean() {
        CliRun.Result r = new CliRun().stdin("[    0.000000] Linux version 6.8.0-49-generic (b@h) #49-Ubuntu SMP\n"
            + "[    1.000000] usb 1-1: new high-speed USB device number 2 using xhci_hcd\n").run("dmesg", "-");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.OK);
        assertThat(r.err()).isEmpty();
        CliRun.Result json = new CliRun().stdin("{\"MESSAGE\":\"usb 1-1: new device\",\"PRIORITY\":\"6\"}\n").run("dmesg", "-q", "-");
        assertThat(json.exitCode()).as(json.toString()).isEqualTo(ExitCode.OK);
    }

    @Test
    void diagnosticsGoToStandardErrorAsOneLineAndToJson() {
        String file = CORPUS + "xid/016-xid31-then-13-32-with-ellipsis-dxvk.txt";
        CliRun.Result table = run("dmesg", file);
        assertThat(table.err()).isEqualTo("uvmctl: " + file + ":3: '...' where lines were left out: the log is incomplete here\n");
        assertThat(table.exitCode()).isEqualTo(ExitCode.FOUND);
        CliRun.Result json = run("dmesg", "-o", "json", file);
        assertThat(json.out()).contains("  \"diagnostics\" : [\n    {\n      \"input\" : \"" + file + "\",\n      \"line\" : 3,\n"
            + "      \"message\" : \"'...' where lines were left out: the log is incomplete here\"\n    }\n  ],\n  \"diagnostics_omitted\" : 0,");
        assertThat(json.err()).isEmpty();
    }

    @Test
    void filtersByXidGpuPidAndTime() {
        assertThat(run("dmesg", "-o", "ndjson", "--xid", "45", XID_002).out().lines()
            .filter(l -> l.contains("\"type\":\"xid\""))).hasSize(8);
        assertThat(run("dmesg", "-o", "ndjson", "--xid", "13,30-31", XID_002).out().lines()
            .filter(l -> !l.contains("\"type\":\"summary\""))).singleElement().asString().contains("\"code\":31");
        assertThat(run("dmesg", "-o", "ndjson", "--gpu", "0a:00.0", "--pid", "13332", XID_002).out().lines()
            .filter(l -> !l.contains("\"type\":\"summary\""))).singleElement().asString().contains("\"pid\":13332");
        assertThat(run("dmesg", "-o", "ndjson", "--since", "14372.2", "--until", "14380.33", XID_002).out().lines()
            .filter(l -> !l.contains("\"type\":\"summary\""))).extracting(l -> l.substring(l.indexOf("\"time\":"), l.indexOf(",\"wall_time\"")))
            .containsExactly("\"time\":14372.202098", "\"time\":14376.322743", "\"time\":14380.322701");
        CliRun.Result none = run("dmesg", "--gpu", "0000:99:00.0", XID_002);
        assertThat(none.exitCode()).as("a GPU the log does not mention (UsageErrorsTest)").isEqualTo(ExitCode.USAGE);
    }

    @Test
    void wallTimeFiltersUseTheLogsOwnClock() {
        String file = CORPUS + "xid/012-after-xid79-rminitadapter-failed-loop.txt";
        assertThat(run("dmesg", "-o", "ndjson", "--since", "05-27 16:50", file).out().lines().count()).isEqualTo(4);
        assertThat(run("dmesg", "-o", "ndjson", "--since", "05-27T16:51", file).out().lines().count()).isEqualTo(1);
        assertThat(run("dmesg", "-o", "ndjson", "--since", "100", file).out().lines().count())
            .as("kernel seconds against a log that has only wall time: nothing can be shown in range").isEqualTo(1);
    }

    @Test
    void badOptionValuesAreUsageErrors() {
        assertThat(run("dmesg", "--xid", "thirteen", XID_002)).satisfies(r -> {
            assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
            assertThat(r.err()).isEqualTo("uvmctl: --xid thirteen: expected Xid codes and ranges such as 13,31,43-48\n");
        });
        assertThat(run("dmesg", "--gpu", "GPU-1234", XID_002).err()).isEqualTo("uvmctl: --gpu GPU-1234: expected a PCI address such as 0000:3b:00.0\n");
        assertThat(run("dmesg", "--boot", "previous", XID_002).err())
            .isEqualTo("uvmctl: --boot previous: expected a boot number (1, 2, ...), 'last' or 'all'\n");
        assertThat(run("dmesg", "--since", "yesterday", XID_002).exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run("dmesg", "-o", "xml", XID_002).exitCode()).isEqualTo(ExitCode.USAGE);
    }

    @Test
    void bootSelectionDefaultsToTheLastBootOfAFileAndToAllOfAStream() {
        String log = String.join("\n",
            "[    0.000000] Linux version 6.8.0-49-generic (buildd@lcy02) #49-Ubuntu SMP",
            "[  100.000000] NVRM: Xid (PCI:0000:3b:00): 13, pid=1, name=a, Graphics Exception",
            "[    0.000000] Linux version 6.8.0-50-generic (buildd@lcy02) #50-Ubuntu SMP",
            "[  200.000000] NVRM: Xid (PCI:0000:3b:00): 31, pid=2, name=b, Ch 00000001", "");
        CliRun.Result stream = new CliRun().stdin(log).run("dmesg", "-o", "ndjson", "-");
        assertThat(stream.out().lines().filter(l -> l.contains("\"type\":\"xid\""))).hasSize(2);
        assertThat(stream.out()).contains("\"input\":\"<stdin>\"");
        CliRun.Result first = new CliRun().stdin(log).run("dmesg", "-o", "ndjson", "--boot", "1", "-");
        assertThat(first.out().lines().filter(l -> l.contains("\"type\":\"xid\""))).singleElement().asString().contains("\"code\":13");
        Path file = writeTemp(log);
        CliRun.Result last = run("dmesg", "-o", "ndjson", file.toString());
        assertThat(last.out().lines().filter(l -> !l.contains("\"type\":\"summary\""))).extracting(l -> l.substring(0, l.indexOf(",\"boot_id\"")))
            .containsExactly("{\"type\":\"boot\",\"boot\":2", "{\"type\":\"xid\",\"boot\":2");
        CliRun.Result all = run("dmesg", "--boot", "all", file.toString());
        assertThat(all.out()).contains("Xid 13 (graphics engine exception) ×1 from pid 1 (a) at 100.000000")
            .contains("Xid 31 (MMU fault) ×1 from pid 2 (b) at 200.000000");
    }

    @Test
    void aStreamIsPrintedAsItComesInFixedColumns() {
        CliRun.Result r = new CliRun().stdin("[  100.000000] NVRM: Xid (PCI:0000:3b:00): 13, pid=1, name=a, Graphics Exception\n")
            .run("dmesg", "-");
        assertThat(r.out()).isEqualTo("BOOT  TIME             GPU           KIND            CODE              PID  PROCESS          MEANING\n"
            + "   1  100.000000       0000:3b:00.0  xid             13                  1  a                graphics engine exception; "
            + "restart app; Xid-13 workflow\n\n"
            + "Summary: 1 record, 1 needs attention\n"
            + "GPU 0000:3b:00.0: 1 record needs attention\n"
            + "  Xid 13 (graphics engine exception) ×1 from pid 1 (a) at 100.000000\n");
    }

    @Test
    void readsTheKernelLogOfAFixtureRoot() {
        CliRun.Result r = run("--root", ROOT, "dmesg", "-o", "ndjson");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.FOUND);
        assertThat(r.out().lines().filter(l -> !l.contains("\"type\":\"summary\""))).extracting(l -> l.substring(9, l.indexOf("\",")))
            .containsExactly("driver-load", "uvm-load", "gpu-info", "xid");
        CliRun.Result dir = run("dmesg", "-o", "ndjson", ROOT);
        assertThat(dir.out().lines().count()).isEqualTo(5);
    }

    @Test
    void aKernelLogClosedToTheUserIsExit3WithTheAdvice() {
        CliRun.Result r = new CliRun().rootOpener(dir -> new FailingSysRoot(dir, Set.of(LiveKernelLog.KMSG))).run("--root", ROOT, "dmesg");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.INCOMPLETE);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("uvmctl: cannot read the kernel log: /dev/kmsg"
            + ": permission denied (kernel.dmesg_restrict?): " + LiveKernelLog.ADVICE + "\n");
        CliRun.Result quiet = new CliRun().rootOpener(dir -> new FailingSysRoot(dir, Set.of(LiveKernelLog.KMSG))).run("--root", ROOT, "dmesg", "-q");
        assertThat(quiet.exitCode()).isEqualTo(ExitCode.INCOMPLETE);
        assertThat(quiet.err()).as("fatal errors are written even under -q").isNotEmpty();
    }

    /** The name of an input that cannot be read comes back as typed, its control characters shown, not sent to the terminal. */
    @Test
    void anUnreadableInputsNameIsEscaped() {
        CliRun.Result r = run("dmesg", "no-such\u001b]0;title\u0007.log");
        assertThat(r.exitCode()).isEqualTo(ExitCode.INCOMPLETE);
        assertThat(r.err()).isEqualTo("uvmctl: no-such\\x1b]0;title\\x07.log: no such file\n");
    }

    @Test
    void inputsThatCannotBeReadMakeTheAnswerIncomplete() {
        CliRun.Result r = run("dmesg", "no-such.log", XID_002);
        assertThat(r.exitCode()).isEqualTo(ExitCode.INCOMPLETE);
        assertThat(r.err()).isEqualTo("uvmctl: no-such.log: no such file\n");
        assertThat(r.out()).as("what could be read is still shown").contains("Xid 45 (preemptive cleanup) ×8");
        CliRun.Result report = run("dmesg", CORPUS + "bug-report/001-proc-driver-nvidia-sections-440-4gpu.txt");
        assertThat(report.exitCode()).isEqualTo(ExitCode.INCOMPLETE);
        assertThat(report.err()).endsWith(": holds no kernel log (a bug report without dmesg or kernel-log scan sections?)\n");
        CliRun.Result garbage = new CliRun().stdin("\u0001\u0002 binary\n").run("dmesg", "-");
        assertThat(garbage.exitCode()).isEqualTo(ExitCode.INCOMPLETE);
        assertThat(garbage.err()).isEqualTo("uvmctl: <stdin>: no kernel-log lines could be read from it\n");
    }

    @Test
    void aCutOffGzipShowsEveryLineBeforeTheCutAndIsIncomplete(@TempDir Path tmp) throws IOException {
        Path plain = Path.of(CORPUS + "xid/002-xid31-62-45-cascade-chia.txt");
        Path cut = tmp.resolve("kern.log.gz");
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(gz)) {
            out.write(Files.readAllBytes(plain));
        }
        // Without its trailer (8 bytes) and the end of its data: as a copy stopped early leaves it.
        Files.write(cut, Arrays.copyOf(gz.toByteArray(), gz.size() - 20));
        CliRun.Result r = run("dmesg", "-o", "ndjson", cut.toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.INCOMPLETE);
        assertThat(r.err()).matches("uvmctl: " + Pattern.quote(cut.toString())
            + ": read failed: the gzip data ends too soon \\(the file is cut off\\) at line 1[0-2] \\(the lines before it are read\\)\n");
        List<String> whole = run("dmesg", "-o", "ndjson", plain.toString()).out().lines().filter(l -> l.contains("\"type\":\"xid\"")).toList();
        List<String> read = r.out().lines().filter(l -> l.contains("\"type\":\"xid\"")).toList();
        assertThat(read.size()).as("every Xid before the cut is kept").isBetween(whole.size() - 2, whole.size() - 1);
        assertThat(read.get(0)).isEqualTo(whole.get(0).replace(plain.toString(), cut.toString()));
    }

    @Test
    void aPipeIsReadLikeTheFileItCarries(@TempDir Path tmp) throws Exception {
        Path log = Path.of(CORPUS + "xid/002-xid31-62-45-cascade-chia.txt");
        CliRun.Result file = run("dmesg", "-o", "ndjson", log.toString());
        CliRun.Result pipe = run("dmesg", "-o", "ndjson", Fifo.of(tmp, "kern.fifo", Files.readAllBytes(log)).toString());
        assertThat(pipe.exitCode()).as(pipe.toString()).isEqualTo(ExitCode.FOUND);
        assertThat(pipe.err()).isEmpty();
        assertThat(pipe.out().replace(tmp.resolve("kern.fifo").toString(), log.toString())).isEqualTo(file.out());
    }

    @Test
    void aGzippedBugReportIsReadLikeThePlainOne() {
        CliRun.Result gz = run("dmesg", "-o", "ndjson", "src/test/resources/corpus-broken/bug-report/003-crlf-nul.txt.gz");
        CliRun.Result plain = run("dmesg", "-o", "ndjson", CORPUS + "bug-report/003-kernlog-scan-section-start-430-to-xid.txt");
        assertThat(gz.exitCode()).isEqualTo(ExitCode.FOUND);
        assertThat(gz.out().lines().count()).isEqualTo(plain.out().lines().count()).isEqualTo(41);
        assertThat(gz.out()).contains("\"section\":\"/var/log/kern.log\"");
    }

    /**
     * A process name with control characters in it, as /dev/kmsg escapes them ({@code \x1b}), is
     * escaped on the terminal and kept in JSON. A raw ESC in a text log is a terminal's (colour, a
     * title), never the kernel's: it is taken out before the line is read, and reaches no terminal.
     */
    @Test
    void hostileProcessNamesAreEscapedOnTheTerminal() {
        String kmsg = "4,1,100000000,-;NVRM: Xid (PCI:0000:3b:00): 13, pid=1, name=\\x1b]0;pwned\\x07x, Graphics Exception\n";
        CliRun.Result r = new CliRun().stdin(kmsg).run("dmesg", "--boot", "all", "-");
        assertThat(r.out()).doesNotContain("\u001b").contains("\\x1b]0;pwned\\x07x");
        CliRun.Result json = new CliRun().stdin(kmsg).run("dmesg", "-o", "ndjson", "-");
        assertThat(json.out()).contains("\"process\":\"\\u001B]0;pwned\\u0007x\"");
        CliRun.Result text = new CliRun().stdin("[  100.000000] NVRM: Xid (PCI:0000:3b:00): 13, pid=1, name=\u001b]0;pwned\u0007x, Graphics Exception\n")
            .run("dmesg", "--boot", "all", "-");
        assertThat(text.out()).doesNotContain("\u001b").doesNotContain("pwned").contains(" x ");
    }

    @Test
    void colourOnlyWhenAsked() {
        CliRun.Result r = new CliRun().env("NO_COLOR", null).run("--color=always", "dmesg", XID_002);
        assertThat(r.out()).contains("\u001b[31m");
        assertThat(run("dmesg", XID_002).out()).doesNotContain("\u001b[");
    }

    private static Path writeTemp(String text) {
        try {
            Path p = java.nio.file.Files.createTempFile("uvmctl-test-", ".log");
            p.toFile().deleteOnExit();
            java.nio.file.Files.writeString(p, text);
            return p;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

}
