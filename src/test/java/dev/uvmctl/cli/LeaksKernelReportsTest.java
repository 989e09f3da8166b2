package dev.uvmctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
        oom-killed-then-hung-in-exit-same-pid.log | stuck | 4 | 5120 (python3) was killed by the OOM killer but has not finished exiting: it is blocked in the driver's teardown (uvm_va_range_destroy), as a hung-task warning says
        oom-killed-then-hung-in-exit.log       | stuck  | 4 | 5120 (python3) was killed by the OOM killer but has not finished exiting: its thread 5187 (tied to it from the kernel log alone
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

    /**
     * The most common real sequence, from the kernel log alone: an OOM kill, then about 120 s later
     * a hung task of a thread of it (the hung-task line names the thread, 5187; the OOM killer the
     * thread group, 5120) blocked in its exit's release (do_exit → task_work_run → __fput →
     * uvm_release → uvm_va_space_destroy, uvm.c). One incident, led by the kill, whose finding is
     * stuck (not leaked), tied by the log-only rule and saying so, dated from the kill.
     */
    @Test
    void anOomKillThenAHungThreadInItsExitIsOneIncidentOfStuckFindings() {
        CliRun.Result r = new CliRun().run("leaks", "-o", "ndjson", LOGS + "oom-killed-then-hung-in-exit.log");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.FOUND);
        List<String> findings = r.out().lines().filter(l -> l.startsWith("{\"type\":\"finding\"")).toList();
        assertThat(findings).isNotEmpty().allSatisfy(f -> assertThat(f).contains("\"class\":\"stuck\""));
        assertThat(findings.get(0)).contains("\"owner\":{\"pid\":5120,\"comm\":\"python3\"", "\"thread\":5187", "\"thread_inferred\":true",
            "\"since\":4210.48129");
        List<String> incidents = r.out().lines().filter(l -> l.startsWith("{\"type\":\"incident\"")).toList();
        assertThat(incidents).singleElement().asString().contains("\"pid\":5120", "\"how\":\"oom_kill\"",
            "was killed by the OOM killer at [4210.481290], and has not finished exiting: its thread 5187 is blocked in uvm_va_range_destroy");
        CliRun.Result table = new CliRun().run("leaks", LOGS + "oom-killed-then-hung-in-exit.log");
        assertThat(table.out()).startsWith("incident-").doesNotContain("leaked");
    }

    /**
     * The same kill and hung thread, then a snapshot: UVM still retains the GPU and nvidia-smi
     * still charges 5120 3 GiB. The release is still running in the blocked thread's __fput: one
     * incident, every finding of it stuck, none leaked or unattributed.
     */
    @Test
    void whatAKilledProcessStillExitingLeavesIsStuckInOneIncident() {
        CliRun.Result r = new CliRun().run("leaks", "-o", "ndjson", "src/test/resources/dev/uvmctl/leaks/fixtures/killed-still-exiting.ndjson");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.FOUND);
        List<String> findings = r.out().lines().filter(l -> l.startsWith("{\"type\":\"finding\"")).toList();
        assertThat(findings).hasSize(3).allSatisfy(f -> assertThat(f).contains("\"class\":\"stuck\""));
        assertThat(findings).anySatisfy(f -> assertThat(f).contains("UVM still retains GPU 0000:3b:00.0 (retained_count 1)",
            "the release is still running, not lost"));
        assertThat(r.out().lines().filter(l -> l.startsWith("{\"type\":\"incident\""))).singleElement().asString()
            .contains("\"pid\":5120", "3 GiB on 0000:3b:00.0", "(3 findings)");
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
