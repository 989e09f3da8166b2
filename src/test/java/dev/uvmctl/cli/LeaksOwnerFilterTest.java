package dev.uvmctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uvmctl.testing.HeldRoot;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code leaks --uid} and {@code --cgroup}: held-node's capture with its holder, 4301, run by user
 * 1000 in Slurm job 4242's cgroup; oom-node, whose findings name only an ended process.
 */
class LeaksOwnerFilterTest {
    @TempDir
    static Path tmp;
    private static String root;

    @BeforeAll
    static void unpack() throws IOException, InterruptedException {
        root = HeldRoot.unpack(tmp.resolve("held"), 1000, "0::/system.slice/slurmstepd.scope/job_4242/step_0/user/task_0");
    }

    private static CliRun.Result leaks(String... args) {
        return LeaksCommandTest.leaks(args);
    }

    @Test
    void keepsTheFindingsALiveProcessOfTheUserHolds() {
        assertThat(leaks(root, "--uid", "1000", "-o", "ndjson").exitCode()).isEqualTo(ExitCode.FOUND);
        CliRun.Result other = leaks(root, "--uid", "1001");
        assertThat(other.exitCode()).as(other.toString()).isEqualTo(ExitCode.OK);
        assertThat(other.out()).contains("1 left out by --min-size, --min-age, --pid, --gpu, --uid or --cgroup");
    }

    @Test
    void keepsTheFindingsALiveProcessInAMatchingCgroupHolds() {
        assertThat(leaks(root, "--cgroup", "**/job_4242{,/**}").exitCode()).isEqualTo(ExitCode.FOUND);
        assertThat(leaks(root, "--cgroup", "**/job_424{,/**}").exitCode()).isEqualTo(ExitCode.OK);
        // * stays within one level of the path.
        assertThat(leaks(root, "--cgroup", "/system.slice/*/job_4242/*").exitCode()).isEqualTo(ExitCode.OK);
        assertThat(leaks(root, "--cgroup", "/system.slice/*/job_4242/**").exitCode()).isEqualTo(ExitCode.FOUND);
    }

    @Test
    void withBothOneProcessMustMatchBoth() {
        assertThat(leaks(root, "--uid", "1000", "--cgroup", "**/job_4242{,/**}").exitCode()).isEqualTo(ExitCode.FOUND);
        assertThat(leaks(root, "--uid", "1001", "--cgroup", "**/job_4242{,/**}").exitCode()).isEqualTo(ExitCode.OK);
        assertThat(leaks(root, "--uid", "1000", "--cgroup", "**/job_4243{,/**}").exitCode()).isEqualTo(ExitCode.OK);
    }

    @Test
    void findingsWhoseProcessesAllEndedNameNoUserAndAreLeftOutCounted() {
        // oom-node's process 5120 was OOM-killed: its pid is read nowhere, whatever lives under it now.
        CliRun.Result r = leaks("examples/oom-node", "--uid", "1000");
        assertThat(leaks("examples/oom-node").exitCode()).isEqualTo(ExitCode.FOUND);
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.OK);
        assertThat(r.out()).contains("2 left out by");
    }

    @Test
    void withoutASystemRootNoUserCanBeToldAndAskingIsAUsageError() {
        CliRun.Result r = leaks("examples/leaks-held/events.ndjson", "--uid", "1000");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("--uid: the inputs hold no system root");
        assertThat(leaks(root, "--uid", "-1").exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(leaks(root, "--uid", "alice").err()).contains("'alice' is not a numeric user id");
        assertThat(leaks(root, "--cgroup", "[job").exitCode()).isEqualTo(ExitCode.USAGE);
    }
}
