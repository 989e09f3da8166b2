package dev.uvmctl.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uvmctl.ProcessRunner;
import dev.uvmctl.testing.HeldRoot;
import dev.uvmctl.testing.OomKilledRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Slurm prolog and epilog and the NHC check of examples/deploy/, run by bash with the real
 * uvmctl on fixture roots and a fake {@code scontrol} on the PATH that records its arguments. The
 * job is 4242 of user 1000; the held roots are held-node's capture with its holder (4301) given a
 * user and a Slurm cgroup: this job's, another user's job's, or another job's of the same user; and
 * oom-node's copies whose OOM kill lines put the killed process, which left its memory, in a job's
 * cgroup (testing/OomKilledRoot), in Slurm's cgroup v1 and v2 layouts.
 */
class SlurmEpilogTest {
    private static final String LEAKY = Path.of("examples/oom-node").toAbsolutePath().toString();
    private static final String CLEAN = Path.of("examples/clean").toAbsolutePath().toString();

    @TempDir
    Path tmp;
    private Path bin;
    private Path calls;

    private String ours;
    private String otherUser;
    private String otherJob;

    @BeforeEach
    void fakes() throws IOException, InterruptedException {
        ours = held("ours", 1000, "0::/system.slice/slurmstepd.scope/job_4242/step_0/user/task_0");
        otherUser = held("other-user", 2000, "0::/system.slice/slurmstepd.scope/job_4100/step_0/user/task_0");
        otherJob = held("other-job", 1000, "12:memory:/slurm/uid_1000/job_4243/step_batch\n0::/slurm/uid_1000/job_4243/step_batch");
        bin = Files.createDirectories(tmp.resolve("bin"));
        calls = tmp.resolve("scontrol.calls");
        executable(bin.resolve("scontrol"), "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done >> '" + calls + "'\necho --- >> '" + calls + "'\n");
        Uvmctl.script(bin);
        // uvmctl on the roots named by ROOTS, one per call in turn (the last one for every later call).
        executable(bin.resolve("uvmctl-on"), "#!/bin/sh\nn=$(cat \"$COUNT\" 2>/dev/null || echo 0); n=$((n+1)); echo $n > \"$COUNT\"\n"
            + "set -- \"$@\" --root \"$(echo $ROOTS | tr ' ' '\\n' | sed -n \"${n}p;\\$p\" | head -n 1)\"\n"
            + "exec '" + bin.resolve("uvmctl") + "' \"$@\"\n");
    }

    private String held(String name, int uid, String cgroup) throws IOException, InterruptedException {
        return HeldRoot.unpack(tmp.resolve(name), uid, cgroup);
    }

    private static void executable(Path p, String text) throws IOException {
        Files.writeString(p, text);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** Runs the prolog on {@code before}, then the epilog with uvmctl seeing {@code after} in turn. */
    private ProcessRunner.Result job(String before, String... after) throws IOException, InterruptedException {
        ProcessRunner prolog = env(ProcessRunner.withPathAndHome(), before);
        ProcessRunner.Result p = prolog.run("bash", DeployExamplesTest.DEPLOY.resolve("slurm-prolog.sh").toString());
        assertThat(p.exitCode()).as(p.toString()).isZero();
        Files.deleteIfExists(tmp.resolve("count"));
        return env(ProcessRunner.withPathAndHome(), after).run("bash", DeployExamplesTest.DEPLOY.resolve("slurm-epilog.sh").toString());
    }

    private ProcessRunner env(ProcessRunner r, String... roots) {
        return r.env("PATH", bin + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"))
            .env("UVMCTL", bin.resolve("uvmctl-on").toString())
            .env("ROOTS", String.join(" ", roots))
            .env("COUNT", tmp.resolve("count").toString())
            .env("UVMCTL_STATE", tmp.resolve("state").toString())
            .env("UVMCTL_GRACE", "1")
            .env("SLURM_JOB_ID", "4242")
            .env("SLURM_JOB_UID", "1000")
            .env("SLURMD_NODENAME", "gpu-node-12");
    }

    private List<String> scontrol() throws IOException {
        return Files.exists(calls) ? Files.readAllLines(calls) : List.of();
    }

    @Test
    void memoryTheJobLeftAndThatStaysDrainsTheNodeWithTheFindingsSummaryAsReason() throws Exception {
        ProcessRunner.Result r = job(CLEAN, ours);
        assertThat(r.exitCode()).as(r.toString()).isZero();
        List<String> args = scontrol();
        assertThat(args).as(r.toString()).hasSize(5);
        assertThat(args.subList(0, 3)).containsExactly("update", "nodename=gpu-node-12", "state=drain");
        // One argument: the one-line summary of the first finding's incident, or of the finding, at most 250 characters.
        String reason = "uvmctl: job 4242 left GPU memory: " + new CliSummary(ours).drainLine();
        assertThat(args.get(3)).isEqualTo("reason=" + reason.substring(0, Math.min(reason.length(), 250)));
        assertThat(args.get(4)).isEqualTo("---");
        assertThat(tmp.resolve("state/job-4242.before")).doesNotExist();
    }

    @Test
    void memoryLeftBeforeTheJobIsNotItsToAnswerFor() throws Exception {
        ProcessRunner.Result r = job(ours, ours);
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(scontrol()).isEmpty();
    }

    @Test
    void memoryAnotherUsersJobLeftOnTheNodeDoesNotDrainIt() throws Exception {
        // The whole node has a held finding that stays: uvmctl leaks alone exits 1 on it.
        assertThat(Uvmctl.run("leaks", "--root", otherUser, "-q").exitCode()).isEqualTo(1);
        ProcessRunner.Result r = job(CLEAN, otherUser);
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(scontrol()).as(r.toString()).isEmpty();
    }

    @Test
    void memoryAnotherJobOfTheSameUserLeftIsNotThisJobsWhereJobsHaveCgroups() throws Exception {
        ProcessRunner.Result r = job(CLEAN, otherJob);
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(scontrol()).as(r.toString()).isEmpty();
        // Without cgroups (UVMCTL_JOB_CGROUP empty) the uid is all there is to tell, and it is the user's.
        Files.deleteIfExists(tmp.resolve("count"));
        ProcessRunner.Result uidOnly = env(ProcessRunner.withPathAndHome(), otherJob).env("UVMCTL_JOB_CGROUP", "")
            .run("bash", DeployExamplesTest.DEPLOY.resolve("slurm-epilog.sh").toString());
        assertThat(uidOnly.exitCode()).as(uidOnly.toString()).isZero();
        assertThat(scontrol()).as(uidOnly.toString()).hasSize(5).contains("state=drain");
    }

    @Test
    void memoryAProcessOfAnotherCgroupLeftWhenItWasKilledIsNotBlamedOnThisJob() throws Exception {
        // oom-node: user 1000's process 5120, OOM-killed in /user.slice/user-1000.slice/session-3.scope
        // (not in job 4242), left GPU memory that nvidia-smi still charges it and a retained GPU.
        ProcessRunner.Result r = job(CLEAN, LEAKY);
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(scontrol()).as(r.toString()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/slurm/uid_1000/job_4242/step_0/task_0", "/system.slice/slurmstepd.scope/job_4242/step_0/user/task_0"})
    void memoryThisJobsOomKilledProcessLeftAndThatStaysDrainsTheNode(String memcg) throws Exception {
        // No live process holds it: the OOM killer's lines of the kill say whose the process was.
        String killed = OomKilledRoot.copy(tmp.resolve("killed"), 1000, memcg);
        ProcessRunner.Result r = job(CLEAN, killed);
        assertThat(r.exitCode()).as(r.toString()).isZero();
        List<String> args = scontrol();
        assertThat(args).as(r.toString()).hasSize(5);
        assertThat(args.subList(0, 3)).containsExactly("update", "nodename=gpu-node-12", "state=drain");
        // The one-line summary of the incident the finding belongs to: it names the killed process, whole.
        // (The job's findings alone are one, no incident: the incident is the whole node's, which lists that finding.)
        assertThat(args.get(3)).isEqualTo("reason=uvmctl: job 4242 left GPU memory: 5120 (python3) was killed by the OOM killer at "
            + "[4210.481290]: left 3.1 GiB on 0000:3b:00.0; no live process holds it (2 findings)");
        assertThat(new CliSummary(killed).drainLine("--uid", "1000", "--cgroup", "**/job_4242{,/**}")).startsWith("5120 (python3) was killed");
        // The node health check of the job says the same.
        assertThat(nhc(killed, true).out()).contains("DIE 1 uvmctl: 5120 (python3) was killed by the OOM killer at [4210.481290]")
            .contains("RC 1");
    }

    @Test
    void memoryAnotherJobsOomKilledProcessLeftDoesNotDrainTheNode() throws Exception {
        // Another job of the same user (v1 layout), and another user's job (v2 layout).
        for (String[] other : new String[][] {{"1000", "/slurm/uid_1000/job_4243/step_0/task_0"},
                {"2000", "/system.slice/slurmstepd.scope/job_4100/step_0/user/task_0"}}) {
            String killed = OomKilledRoot.copy(tmp.resolve("killed-" + other[0]), Integer.parseInt(other[0]), other[1]);
            assertThat(Uvmctl.run("leaks", "--root", killed, "-q").exitCode()).isEqualTo(1);
            ProcessRunner.Result r = job(CLEAN, killed);
            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(scontrol()).as(other[1] + ": " + r).isEmpty();
        }
    }

    @Test
    void memoryReleasedWithinTheGracePeriodDoesNotDrain() throws Exception {
        ProcessRunner.Result r = job(CLEAN, ours, CLEAN);
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(scontrol()).isEmpty();
        assertThat(r.err()).contains("released within 1s");
    }

    @Test
    void whenUvmctlCannotSeeItLogsAndDoesNotDrain() throws Exception {
        Path blind = Files.createDirectories(tmp.resolve("blind"));
        ProcessRunner.Result r = job(CLEAN, blind.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(scontrol()).isEmpty();
        assertThat(r.err()).contains("could not read what it needs (exit 3): not draining");
    }

    @Test
    void theNodeHealthCheckFailsTheNodeOnlyOnFindings() throws Exception {
        Path blind = Files.createDirectories(tmp.resolve("blind"));
        ProcessRunner.Result leaky = nhc(LEAKY, false);
        assertThat(leaky.out()).contains("DIE 1 uvmctl: " + new CliSummary(LEAKY).lead()).contains("RC 1")
            .contains("DIE 1 uvmctl: 5120 (python3) was killed by the OOM killer at [4210.481290]: left 3.1 GiB on 0000:3b:00.0");
        assertThat(nhc(CLEAN, false).out()).isEqualTo("RC 0\n");
        assertThat(nhc(blind.toString(), false).out()).contains("LOG check_uvmctl_leaks: uvmctl could not read").contains("RC 0");
    }

    @Test
    void theNodeHealthCheckOfAJobLooksOnlyAtWhatThatJobLeft() throws Exception {
        String message = "uvmctl: " + new CliSummary(ours).drainLine();
        assertThat(nhc(ours, true).out()).contains("DIE 1 " + message.substring(0, Math.min(message.length(), 250)) + "\n")
            .contains("RC 1");
        assertThat(nhc(otherUser, true).out()).isEqualTo("RC 0\n");
        assertThat(nhc(otherJob, true).out()).isEqualTo("RC 0\n");
        // Given a uid alone (no job's cgroup), another job of that user counts.
        Files.deleteIfExists(tmp.resolve("count"));
        assertThat(env(ProcessRunner.withPathAndHome(), otherJob).run("bash", "-c", nhcScript("check_uvmctl_leaks 1000")).out())
            .contains("DIE 1").contains("RC 1");
    }

    /** NHC's check on {@code root}, as NHC runs it (die and log are NHC's); {@code job}: with the job's Slurm variables. */
    private ProcessRunner.Result nhc(String root, boolean job) throws IOException, InterruptedException {
        Files.deleteIfExists(tmp.resolve("count"));
        ProcessRunner r = env(ProcessRunner.withPathAndHome(), root);
        if (!job) {
            r = r.env("SLURM_JOB_ID", "").env("SLURM_JOB_UID", "");
        }
        return r.run("bash", "-c", nhcScript("check_uvmctl_leaks"));
    }

    private static String nhcScript(String call) {
        String nhc = DeployExamplesTest.DEPLOY.resolve("uvmctl.nhc").toAbsolutePath().toString();
        return "die() { echo \"DIE $1 $2\"; }\nlog() { echo \"LOG $*\"; }\nsource '" + nhc + "'\n" + call + "\necho \"RC $?\"\n";
    }

    /** One-line summaries as uvmctl leaks gives them. */
    private record CliSummary(String root) {
        private static final java.util.regex.Pattern SUMMARY = java.util.regex.Pattern.compile("\"summary\":\"((?:[^\"\\\\]|\\\\.)*)\"");

        /** What a drain says: the summary of the first finding's incident (the record listing its id), else the finding's. */
        String drainLine(String... only) throws IOException, InterruptedException {
            List<String> all = Uvmctl.run("leaks", "--root", root, "-o", "ndjson").out().lines().toList();
            List<String> records = only.length == 0 ? all : Uvmctl.run(Stream.concat(
                Stream.of("leaks", "--root", root, "-o", "ndjson"), Stream.of(only)).toArray(String[]::new)).out().lines().toList();
            String finding = records.stream().filter(l -> l.startsWith("{\"type\":\"finding\"")).findFirst().orElseThrow();
            java.util.regex.Matcher id = java.util.regex.Pattern.compile("\"id\":\"([^\"]+)\"").matcher(finding);
            assertThat(id.find()).as(finding).isTrue();
            String line = all.stream().filter(l -> l.startsWith("{\"type\":\"incident\"") && l.contains("\"" + id.group(1) + "\""))
                .findFirst().orElse(finding);
            java.util.regex.Matcher m = SUMMARY.matcher(line);
            assertThat(m.find()).as(line).isTrue();
            return m.group(1).replace("\\\"", "\"");
        }

        /** What the table leads with: the first incident's line when there is one, else the first finding's summary. */
        String lead() throws IOException, InterruptedException {
            String json = Uvmctl.run("leaks", "--root", root, "-o", "json").out();
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"summary\" : \"((?:[^\"\\\\]|\\\\.)*)\"").matcher(json);
            int incidents = json.replaceAll("\\s+", " ").contains("\"incidents\" : [ {") ? json.indexOf("\"incidents\" :") : -1;
            assertThat(incidents < 0 ? m.find() : m.find(incidents)).as(json).isTrue();
            return m.group(1).replace("\\\"", "\"");
        }
    }
}
