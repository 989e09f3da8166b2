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

    /** One list of teardown functions: what dmesg calls a va_space teardown, leaks judges as one (and the other way round). */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"uvm_gpu_va_space_destroy, stuck", "uvm_va_block_kill, stuck", "uvm_api_migrate, driver"})
    void dmesgAndLeaksAgreeOnWhatIsATeardown(String function, String findingClass) {
        String log = String.join("\n",
            "[  500.000001] INFO: task python:4242 blocked for more than 122 seconds.",
            "[  500.000002] task:python          state:D stack:0     pid:4242  tgid:4242  ppid:1      flags:0x00004006",
            "[  500.000003] Call Trace:",
            "[  500.000004]  <TASK>",
            "[  500.000005]  schedule+0x33/0x110",
            "[  500.000006]  " + function + "+0x2a1/0x500 [nvidia_uvm]",
            "[  500.000007]  uvm_unlocked_ioctl_entry+0x6b/0x90 [nvidia_uvm]",
            "[  500.000008]  </TASK>", "");
        boolean teardown = findingClass.equals("stuck");
        assertThat(new CliRun().stdin(log).run("dmesg", "-o", "ndjson", "-").out().contains("in va_space teardown")).isEqualTo(teardown);
        assertThat(new CliRun().stdin(log).run("leaks", "-o", "ndjson", "-").out()).contains("\"class\":\"" + findingClass + "\"");
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
