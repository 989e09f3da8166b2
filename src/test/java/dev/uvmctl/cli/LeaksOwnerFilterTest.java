package dev.uvmctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uvmctl.testing.HeldRoot;
import dev.uvmctl.testing.OomKilledRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code leaks --uid} and {@code --cgroup}: held-node's capture with its holder, 4301, run by user
 * 1000 in Slurm job 4242's cgroup; oom-node, whose findings name only an ended process, and
 * copies of it whose OOM kill lines put that process in a Slurm job's cgroup.
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
    void anEndedProcessMatchesByTheIdentityItsEndToldAndOnlyByThat() {
        // oom-node's process 5120 was OOM-killed; the kill lines say uid 1000, memory cgroup
        // /user.slice/user-1000.slice/session-3.scope. nvidia-smi still charges it 3.1 GiB (the
        // unattributed finding): that one is its user's. UVM's retained GPU names no process at all
        // (the incident ties it to the kill, the finding does not): it is left out, counted.
        assertThat(leaks("examples/oom-node").exitCode()).isEqualTo(ExitCode.FOUND);
        CliRun.Result r = leaks("examples/oom-node", "--uid", "1000", "-o", "ndjson");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.FOUND);
        assertThat(r.out()).contains("\"id\":\"unattributed-").doesNotContain("\"id\":\"leaked-");
        assertThat(leaks("examples/oom-node", "--uid", "1000").out()).contains("1 more finding left out by");
        CliRun.Result other = leaks("examples/oom-node", "--uid", "1001");
        assertThat(other.exitCode()).as(other.toString()).isEqualTo(ExitCode.OK);
        assertThat(other.out()).contains("2 left out by");
        assertThat(leaks("examples/oom-node", "--cgroup", "/user.slice/**").exitCode()).isEqualTo(ExitCode.FOUND);
        assertThat(leaks("examples/oom-node", "--cgroup", "**/job_42{,/**}").exitCode()).isEqualTo(ExitCode.OK);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/slurm/uid_1000/job_42/step_0/task_0", "/system.slice/slurmstepd.scope/job_42/step_0/user/task_0"})
    void anOomKilledJobsLeakIsThatJobsInSlurmsCgroupLayouts(String memcg) throws IOException {
        String killed = OomKilledRoot.copy(tmp.resolve("oom-" + memcg.hashCode()), 1000, memcg);
        CliRun.Result r = leaks(killed, "--uid", "1000", "--cgroup", "**/job_42{,/**}");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.FOUND);
        assertThat(r.out()).contains("5120 (python3), which was killed by the OOM killer");
        assertThat(leaks(killed, "--uid", "1001", "--cgroup", "**/job_42{,/**}").exitCode()).isEqualTo(ExitCode.OK);
        assertThat(leaks(killed, "--uid", "1000", "--cgroup", "**/job_43{,/**}").exitCode()).isEqualTo(ExitCode.OK);
        assertThat(leaks(killed, "--uid", "1000", "--cgroup", "**/job_4{,/**}").exitCode()).isEqualTo(ExitCode.OK);
    }

    @Test
    void anEndedProcessWhoseEndToldNoIdentityIsLeftOut() throws IOException {
        // An old kernel's kill line: no UID:, no oom-kill: summary before it.
        String killed = OomKilledRoot.copy(tmp.resolve("old-kernel"), 1000, "/slurm/uid_1000/job_42/step_0/task_0");
        Path dmesg = Path.of(killed, "uvmctl/commands/dmesg.txt");
        Files.writeString(dmesg, Files.readString(dmesg).replaceAll("(?m)^.*oom-kill:constraint=.*\n", "").replace(" UID:1000", ""));
        assertThat(leaks(killed).exitCode()).isEqualTo(ExitCode.FOUND);
        CliRun.Result r = leaks(killed, "--uid", "1000", "--cgroup", "**/job_42{,/**}");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.OK);
        assertThat(r.out()).contains("2 left out by");
    }

    @Test
    void aSnapshotTellsWhoseEachLiveProcessIsSoThatItIsKnownOnceItEnded() {
        // process_state carries the uid of /proc/PID/status and, for a holder, its /proc/PID/cgroup
        // path: the model keeps them for the process (model/ProcessIdentityReplayTest).
        CliRun.Result r = new CliRun().run("events", "--root", root, "-o", "ndjson");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("\"pid\":4301,\"state\":\"alive\",\"ppid\":1,\"comm\":\"pt_data_worker\",\"uid\":1000,"
            + "\"cgroup\":\"/system.slice/slurmstepd.scope/job_4242/step_0/user/task_0\",");
        assertThat(r.out()).contains("\"pid\":1,\"state\":\"alive\",\"ppid\":0,\"comm\":\"systemd\",\"uid\":0,\"src\"");
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
