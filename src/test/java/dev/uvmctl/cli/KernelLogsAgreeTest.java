package dev.uvmctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One diagnosis: {@code dmesg}, {@code leaks} and {@code events} judge an input given as a kernel
 * log the same way, once read, whatever its first line, and none of them is ever clean when it
 * could not read what it was given.
 */
class KernelLogsAgreeTest {

    /** Every real input of the test corpus and corpus-more (logs, and nvidia-smi output, maps and parameters, which are not) and the kernel-log fixtures. */
    static Stream<String> inputs() throws IOException {
        List<Path> dirs = List.of(Path.of("src/test/resources/corpus"), Path.of("src/test/resources/corpus-broken"),
            Path.of("src/test/resources/kernel-logs"), Path.of("src/test/resources/corpus-more"));
        Stream<String> all = Stream.empty();
        for (Path dir : dirs) {
            try (Stream<Path> files = Files.walk(dir)) {
                all = Stream.concat(all, files.filter(Files::isRegularFile).map(Path::toString)
                    .filter(f -> !f.endsWith(".md")).toList().stream());
            }
        }
        return all.sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inputs")
    void anInputDmesgReadsLeaksAndEventsReadTooAndWhatItRefusesTheyRefuseInItsWords(String input) {
        CliRun.Result dmesg = new CliRun().run("dmesg", "-q", input);
        String refusal = refusal(dmesg.err(), input);
        for (String command : List.of("leaks", "events")) {
            CliRun.Result r = new CliRun().run(command, "-o", "json", input);
            if (refusal == null) {
                assertThat(dmesg.exitCode()).as(dmesg.toString()).isIn(ExitCode.OK, ExitCode.FOUND);
                assertThat(r.err()).as(command + ": read as dmesg read it").doesNotContain("uvmctl: " + input + ":");
            } else {
                assertThat(dmesg.exitCode()).isEqualTo(ExitCode.INCOMPLETE);
                assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.INCOMPLETE);
                assertThat(r.err()).as(command).contains("uvmctl: " + input + ": " + refusal + "\n");
            }
        }
    }

    /**
     * A call trace or hung task through the driver, a driver fault (oops, BUG, WARN, a UVM assert)
     * and a leak report make {@code dmesg} exit 1: each is a {@code leaks} finding whose evidence
     * cites its line. The one exception is the driver's own proof that a task got on: a report of a
     * blocked task that an unload of nvidia_uvm (or nvidia) follows, which cannot happen while a
     * release of one of its files runs (uvm.c: uvm_fops .owner = THIS_MODULE).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("inputs")
    void everyTraceHungTaskFaultAndLeakReportDmesgFlagsIsALeaksFindingCitingItsLine(String input) {
        List<String> records = new CliRun().run("dmesg", "-o", "ndjson", input).out().lines()
            .filter(l -> !l.startsWith("{\"type\":\"summary\"") && !l.startsWith("{\"type\":\"diagnostic\"")).toList();
        CliRun.Result leaks = new CliRun().run("leaks", "-o", "ndjson", input);
        Set<String> cited = new HashSet<>();
        leaks.out().lines().filter(l -> l.startsWith("{\"type\":\"finding\"")).forEach(l -> {
            Matcher m = EVIDENCE.matcher(l.substring(l.indexOf("\"evidence\"")));
            while (m.find()) {
                cited.add(m.group(1) + ":" + m.group(2));
            }
        });
        List<String> owed = new ArrayList<>();
        boolean unloadedAfter = false;
        for (int i = records.size() - 1; i >= 0; i--) {
            String r = records.get(i);
            unloadedAfter |= r.startsWith("{\"type\":\"uvm-unload\"") || r.startsWith("{\"type\":\"driver-unload\"") && r.contains("\"code\":\"nvidia-nvlink\"");
            boolean blocked = r.matches(".*\"trace_kind\":\"(hung-task|soft-lockup|stall|trace)\".*");
            boolean owes = r.contains("\"attention\":true") && (r.startsWith("{\"type\":\"call-trace\"") && !(blocked && unloadedAfter)
                || r.startsWith("{\"type\":\"driver-leak\"") || r.startsWith("{\"type\":\"uvm-print\"") && r.contains("\"severity\":\"assert\""));
            if (owes) {
                owed.add(field(r, "input") + ":" + r.replaceAll(".*,\"line\":(\\d+),.*", "$1"));
            }
        }
        assertThat(cited).as(leaks.toString()).containsAll(owed);
        if (!owed.isEmpty()) {
            assertThat(leaks.exitCode()).as(leaks.toString()).isEqualTo(ExitCode.FOUND);
        }
    }

    private static final Pattern EVIDENCE = Pattern.compile("\\{\"input\":\"((?:[^\"\\\\]|\\\\.)*)\",\"line\":(\\d+),");

    private static String field(String json, String name) {
        int start = json.indexOf("\"" + name + "\":\"") + name.length() + 4;
        return json.substring(start, json.indexOf('"', start));
    }

    @Test
    void aPastedPromptOrASectionHeaderBeforeTheLogIsStillALog() {
        for (String log : List.of("src/test/resources/kernel-logs/pasted-sudo-dmesg-prompt.log",
            "src/test/resources/kernel-logs/journalctl-boot-section.log")) {
            assertThat(new CliRun().run("dmesg", "-q", log).exitCode()).isEqualTo(ExitCode.FOUND);
            CliRun.Result events = new CliRun().run("events", "-o", "ndjson", log);
            assertThat(events.exitCode()).as(events.toString()).isEqualTo(ExitCode.OK);
            assertThat(events.out()).contains("{\"type\":\"xid\"");
            CliRun.Result leaks = new CliRun().run("leaks", "-o", "json", log);
            assertThat(leaks.exitCode()).as(leaks.toString()).isEqualTo(ExitCode.OK);
            assertThat(leaks.out()).contains("\"format\" : \"kernel-log\"").contains("\"unreadable\" : [ ]");
        }
    }

    /**
     * The forms a kernel log is saved in besides plain dmesg ({@code dmesg --json}, {@code dmesg -e},
     * {@code dmesg --color=always}, a Windows editor's byte-order mark and CRLF, {@code journalctl
     * -o json-pretty}, PowerShell's UTF-16, a pstore record's NUL padding): the same four
     * Xids of the same GPU for {@code dmesg}, {@code events} and {@code leaks}, which read them as
     * one kernel log.
     */
    @ParameterizedTest
    @ValueSource(strings = {"forms-dmesg-json-xid31-62-45.json", "forms-dmesg-reltime-xid31-62-45.log",
        "forms-dmesg-color-xid31-62-45.log", "forms-bom-crlf-xid31-62-45.log", "forms-journal-json-pretty-xid31-62-45.json",
        "forms-utf16le-powershell-xid31-62-45.log", "forms-pstore-nul-padding-xid31-62-45.log"})
    void aLogInAnotherFormIsReadByDmesgEventsAndLeaksAlike(String name) {
        String log = "src/test/resources/kernel-logs/" + name;
        CliRun.Result dmesg = new CliRun().run("dmesg", "-o", "ndjson", log);
        assertThat(dmesg.exitCode()).as(dmesg.toString()).isEqualTo(ExitCode.FOUND);
        assertThat(dmesg.err()).isEmpty();
        List<String> codes = dmesg.out().lines().filter(l -> l.startsWith("{\"type\":\"xid\""))
            .map(l -> l.replaceAll(".*\"gpu\":\"([^\"]*)\".*\"code\":(\\d+),.*", "$1 $2")).toList();
        assertThat(codes).containsExactly("0000:0a:00.0 31", "0000:0a:00.0 62", "0000:0a:00.0 45", "0000:0a:00.0 45");
        CliRun.Result events = new CliRun().run("events", "-o", "ndjson", log);
        assertThat(events.exitCode()).as(events.toString()).isEqualTo(ExitCode.OK);
        assertThat(events.out().lines().filter(l -> l.startsWith("{\"type\":\"xid\"")).count()).isEqualTo(4);
        CliRun.Result leaks = new CliRun().run("leaks", "-o", "json", log);
        assertThat(leaks.exitCode()).as(leaks.toString()).isEqualTo(ExitCode.OK);
        assertThat(leaks.out()).contains("\"format\" : \"kernel-log\"").contains("\"unreadable\" : [ ]");
    }

    /** journalctl -o export and -o verbose are not read: exit 3 for all three, in one line that says what to run instead. */
    @ParameterizedTest
    @ValueSource(strings = {"forms-journal-export-xid31-62-45.log", "forms-journal-verbose-xid31-62-45.log"})
    void aJournalFormThatIsNotReadIsExit3SayingWhatToRun(String name) {
        String log = "src/test/resources/kernel-logs/" + name;
        for (String command : List.of("dmesg", "events", "leaks")) {
            CliRun.Result r = new CliRun().run(command, log);
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.INCOMPLETE);
            assertThat(r.out() + r.err()).as(command).contains(log + ": is journalctl -o ")
                .contains("give uvmctl the output of journalctl -k -o json");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dmesg", "events", "leaks"})
    void anEmptyInputIsExit3WithOneLineNamingIt(String command) {
        String file = "src/test/resources/kernel-logs/empty.log";
        CliRun.Result r = new CliRun().run(command, file);
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.INCOMPLETE);
        assertThat(r.err()).isEqualTo("uvmctl: " + file + ": is empty\n");
        CliRun.Result stdin = new CliRun().stdin("").run(command, "-");
        assertThat(stdin.exitCode()).as(stdin.toString()).isEqualTo(ExitCode.INCOMPLETE);
        assertThat(stdin.err()).isEqualTo("uvmctl: <stdin>: is empty\n");
    }

    @Test
    void eventsGivenAnEmptyStreamAsNdjsonSayItIsEmpty() {
        CliRun.Result r = new CliRun().stdin("").run("events", "--events", "-");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.INCOMPLETE);
        assertThat(r.err()).isEqualTo("uvmctl: <stdin>: is empty\n");
    }

    /** What {@code dmesg} said of {@code input} when it could not read it as a kernel log, or null. */
    private static String refusal(String err, String input) {
        String prefix = "uvmctl: " + input + ": ";
        return err.lines().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length()))
            .filter(m -> !m.matches("\\d+: .*")).findFirst().orElse(null);
    }
}
