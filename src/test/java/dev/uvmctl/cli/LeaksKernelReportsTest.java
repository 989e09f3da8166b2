package dev.uvmctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Kernel logs whose only news is the driver in trouble: a task blocked or caught by a call trace
 * in the driver's teardown, or elsewhere in it, a fault outside a teardown. {@code dmesg} says they
 * need attention; {@code leaks} makes each a finding citing the same line, with what no input tells
 * (the va_space, its bytes) null, never judged clean and never "no events".
 */
class LeaksKernelReportsTest {
    private static final String LOGS = "src/test/resources/kernel-logs/";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        hung-task-in-va-space-destroy.log      | stuck  | 4 | 7311 (pt_main_thread) is blocked in the driver's teardown (uvm_va_space_destroy), as a hung-task warning says
        calltrace-uvm-release-no-header.log    | stuck  | 1 | A task the report does not name was in the driver's teardown (uvm_va_range_destroy_managed) when the kernel printed a call trace of it
        oom-killed-then-hung-in-exit.log       | stuck  | 4 | 5120 (python3) is blocked in the driver's teardown (uvm_va_range_destroy), as a hung-task warning says
        soft-lockup-in-fault-servicing.log     | driver | 1 | 2241 (UVM GPU1 BH) is stuck on a CPU in the nvidia driver (uvm_va_block_service_locked), outside a teardown
        warning-in-nvidia-outside-teardown.log | driver | 2 | A driver warning in 1021 (modprobe) in nv_pci_probe, outside a teardown
        """)
    void aReportOfTheDriverInTroubleIsAFindingCitingItsLine(String log, String findingClass, long line, String summary) {
        String input = LOGS + log;
        assertThat(new CliRun().run("dmesg", "-q", input).exitCode()).isEqualTo(ExitCode.FOUND);
        CliRun.Result r = new CliRun().run("leaks", "-o", "ndjson", input);
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.FOUND);
        assertThat(r.out().lines().filter(l -> l.startsWith("{\"type\":\"finding\""))).singleElement().asString()
            .contains("\"class\":\"" + findingClass + "\"")
            .contains("\"summary\":\"" + summary)
            .contains("\"va_space\":null,\"sharing\":null,\"bytes\":null,\"total_bytes\":null")
            .contains("{\"input\":\"" + input + "\",\"line\":" + line + ",");
    }

    /** The kernel cannot unload nvidia_uvm while a release of one of its files runs: the teardown got on. */
    @Test
    void aTeardownAnUnloadOfTheDriverFollowedIsNoFinding() {
        String input = LOGS + "hung-in-teardown-then-unloaded.log";
        assertThat(new CliRun().run("dmesg", "-q", input).exitCode()).as("the hang needed attention when it was printed")
            .isEqualTo(ExitCode.FOUND);
        CliRun.Result r = new CliRun().run("leaks", input);
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.OK);
        assertThat(r.out()).startsWith("No findings: 2 events replayed");
    }

    @Test
    void aTraceThatNamesNoTaskTravelsAsATaskBlockedWithoutPidAndReadsBackToTheSameFinding(@TempDir Path tmp) throws Exception {
        String input = LOGS + "calltrace-uvm-release-no-header.log";
        CliRun.Result events = new CliRun().run("events", "-o", "ndjson", input);
        assertThat(events.out()).contains("{\"type\":\"task_blocked\",\"boot\":\"" + input + "#1\",\"time\":9120.004611,\"wall\":null,"
            + "\"pid\":null,\"comm\":null,\"reason\":\"call_trace\",\"frames\":[\"uvm_va_range_destroy_managed+0x5c/0x140 [nvidia_uvm]\"");
        Path ndjson = Files.writeString(tmp.resolve("events.ndjson"), events.out());
        String direct = new CliRun().run("leaks", "-o", "json", input).out();
        String replayed = new CliRun().run("leaks", "-o", "json", ndjson.toString()).out();
        assertThat(replayed.substring(replayed.indexOf("\"findings\" : ["))).isEqualTo(direct.substring(direct.indexOf("\"findings\" : [")));
    }
}
