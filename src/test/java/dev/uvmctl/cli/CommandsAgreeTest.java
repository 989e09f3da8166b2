package dev.uvmctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uvmctl.finding.FindingClass;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * holders, va-spaces and leaks judge a root through the same reclaim model: the same findings
 * and the same exit status on the same root, and one line naming what is missing whenever the
 * answer could not be complete. The verdict-* roots are the cases where they used to disagree
 * (src/test/fixtures/make-verdict-roots.py).
 */
class CommandsAgreeTest {
    private static final String ROOTS = "src/test/resources/roots/";
    private static final Pattern FINDING = Pattern.compile("^\\{\"type\":\"finding\",\"id\":\"([^\"]+)\",\"class\":\"([^\"]+)\"");
    private static final Pattern NAMED = Pattern.compile("\"findings\":\\[([^\\]]*)]");
    private static final Pattern NAMED_ID = Pattern.compile("\"id\":\"([^\"]+)\"");

    private static CliRun.Result run(String... args) {
        return new CliRun().run(args);
    }

    /** {@code class id} of each finding record of an NDJSON output. */
    private static Set<String> findings(CliRun.Result r) {
        Set<String> out = new TreeSet<>();
        for (String line : r.out().lines().toList()) {
            Matcher m = FINDING.matcher(line);
            if (m.find()) {
                out.add(m.group(2) + " " + m.group(1));
            }
        }
        return out;
    }

    /** The ids a record of {@code type} names in its {@code findings} (the first such list on its line). */
    private static Set<String> named(CliRun.Result r, String type, String key) {
        Set<String> out = new TreeSet<>();
        for (String line : r.out().lines().filter(l -> l.startsWith("{\"type\":\"" + type + "\"," + key)).toList()) {
            Matcher list = NAMED.matcher(line);
            assertThat(list.find()).as(line).isTrue();
            Matcher id = NAMED_ID.matcher(list.group(1));
            while (id.find()) {
                out.add(id.group(1));
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"live-host-580", "live-retained-535", "live-container-csv", "live-container-empty",
        "verdict-defunct-teardown", "verdict-nvml-gone", "verdict-smi-cut", "verdict-smi-unreachable", "verdict-smi-no-memory", "verdict-smi-apps-no-gpu", "verdict-maps-missing", "verdict-wsl", "verdict-wsl-q"})
    void holdersVaSpacesAndLeaksGiveTheSameFindingsAndExitStatus(String root) {
        CliRun.Result leaks = run("leaks", "--root", ROOTS + root, "-o", "ndjson");
        Set<String> judged = findings(leaks);
        Set<String> classes = Arrays.stream(FindingClass.values()).filter(FindingClass::isFinding).map(Enum::name).collect(Collectors.toSet());
        assertThat(judged).allSatisfy(f -> assertThat(classes).contains(f.split(" ")[0]));
        Set<String> ids = judged.stream().map(f -> f.split(" ")[1]).collect(Collectors.toCollection(TreeSet::new));
        for (String command : List.of("holders", "va-spaces")) {
            CliRun.Result view = run(command, "--root", ROOTS + root, "-o", "ndjson");
            assertThat(view.exitCode()).as(command + " " + root + ": " + view).isEqualTo(leaks.exitCode());
            assertThat(findings(view)).as(command + " " + root).isEqualTo(judged);
            Set<String> pointedAt = new TreeSet<>(named(view, "holder", "\"pid\""));
            pointedAt.addAll(named(view, "va_space", "\"owner_pid\""));
            pointedAt.addAll(named(view, "nvml_process", "\"pid\""));
            assertThat(ids).as("every finding a holder, va_space or NVML process names is one of leaks'").containsAll(pointedAt);
        }
    }

    @Test
    void aDefunctProcessReleasingItsVaSpaceInTheDriverIsStuckForEveryCommand() {
        String root = ROOTS + "verdict-defunct-teardown";
        CliRun.Result leaks = run("leaks", "--root", root, "-o", "ndjson");
        assertThat(leaks.exitCode()).as(leaks.toString()).isEqualTo(1);
        String stuck = leaks.out().lines().filter(l -> l.startsWith("{\"type\":\"finding\",\"id\":\"stuck-")).findFirst().orElseThrow();
        assertThat(stuck).contains("\"va_space\":\"/proc/4400/task/4417\"", "\"owner\":{\"pid\":4400,\"comm\":\"python\"",
            "\"blocked\":{\"reason\":\"uninterruptible\",\"in\":\"uvm_va_space_destroy\"");
        String id = stuck.replaceAll("^\\{\"type\":\"finding\",\"id\":\"([^\"]+)\".*", "$1");
        CliRun.Result holders = run("holders", "--root", root, "-o", "ndjson");
        String holder = holders.out().lines().filter(l -> l.startsWith("{\"type\":\"holder\",\"pid\":4400,")).findFirst().orElseThrow();
        assertThat(holder).contains("\"class\":\"zombie\"", "\"findings\":[{\"class\":\"stuck\",\"id\":\"" + id + "\"}]");
        assertThat(run("holders", "--root", root).out()).containsPattern("4400  python  zombie .* " + id + " ");
        CliRun.Result events = run("events", "--root", root, "-o", "ndjson");
        assertThat(events.out()).contains("{\"type\":\"va_space_created\"").contains("\"va_space\":\"/proc/4400/task/4417\",\"pid\":4400");
    }

    @ParameterizedTest(name = "--tolerance {0}")
    @CsvSource({
        "16M, 1, '6188 6200'",
        "64M, 1, '6200'",
        "4G,  0, ''",
    })
    void aDeadPidStillChargedIsAFindingAboveTheToleranceAndANoteAtOrBelowIt(String tolerance, int exit, String pids) {
        String root = ROOTS + "verdict-nvml-gone";
        CliRun.Result leaks = run("leaks", "--root", root, "--tolerance", tolerance, "-o", "ndjson");
        CliRun.Result holders = run("holders", "--root", root, "--tolerance", tolerance, "-o", "ndjson");
        assertThat(leaks.exitCode()).as(leaks.toString()).isEqualTo(exit);
        assertThat(holders.exitCode()).as(holders.toString()).isEqualTo(exit);
        assertThat(findings(holders)).isEqualTo(findings(leaks)).allSatisfy(f -> assertThat(f).startsWith("unattributed "));
        for (String pid : List.of("6188", "6200")) {
            boolean finding = List.of(pids.split(" ")).contains(pid);
            String nvml = holders.out().lines().filter(l -> l.startsWith("{\"type\":\"nvml_process\",\"pid\":" + pid + ",")).findFirst()
                .orElseThrow();
            assertThat(nvml).contains("\"class\":\"gone\"");
            assertThat(nvml.contains("\"findings\":[{\"class\":\"unattributed\"")).as(pid + " at " + tolerance).isEqualTo(finding);
            assertThat(leaks.out().contains("{\"pid\":" + pid + ",\"comm\"")).as(pid + " named by leaks at " + tolerance).isEqualTo(finding);
            assertThat(holders.out()).as("the view notes the pid whatever the tolerance")
                .contains("{\"type\":\"note\",\"id\":\"nvml-pid-gone\",\"message\":\"NVML lists PID " + pid + " ");
        }
    }

    @Test
    void aStaleChargeAboveTheToleranceIsReportedAsWhatNvidiaSmiCharges() {
        CliRun.Result leaks = run("leaks", "--root", ROOTS + "verdict-nvml-gone");
        assertThat(leaks.out()).contains("nvidia-smi still charges 2 GiB of GPU 0000:86:00.0 to processes that ended: 6200 (python3), "
            + "which is gone, with 2 GiB; the GPU shows 512 MiB in use, 512 MiB of it used by live processes, 0 B resident in live UVM ranges.");
    }

    /**
     * The rule on its own, replayed: nvidia-smi lists a pid (and its memory) while its RM client
     * lives, so a pid listed after it exited still has that memory charged, whatever the GPU's
     * total says.
     */
    @Test
    void aReplayedDeadPidChargedAboveTheToleranceIsUnattributed() {
        String events = "src/test/resources/dev/uvmctl/leaks/fixtures/charged-to-ended.ndjson";
        CliRun.Result found = run("leaks", events, "-o", "ndjson");
        assertThat(found.exitCode()).as(found.toString()).isEqualTo(1);
        assertThat(findings(found)).singleElement().asString().startsWith("unattributed ");
        assertThat(found.out()).contains("\"total_bytes\":1073741824", "{\"pid\":9102,\"comm\":\"train\"",
            "nvidia-smi still charges 1 GiB of GPU 0000:3b:00.0 to processes that ended: 9102 (train), which exited with code 0, with 1 GiB; "
                + "the GPU shows 2 GiB in use, 2 GiB of it used by live processes");
        assertThat(run("leaks", events, "--pid", "9102").exitCode()).as("the finding names the dead pid").isEqualTo(1);
        CliRun.Result within = run("leaks", events, "--tolerance", "1G");
        assertThat(within.exitCode()).as("1 GiB is not above a tolerance of 1 GiB: " + within).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"holders", "va-spaces", "leaks"})
    void aCutProcessPanelWithMemoryInUseIsIncompleteNeverClean(String command) {
        String root = ROOTS + "verdict-smi-cut";
        String line = "nvidia-smi lists no processes in /uvmctl/commands/nvidia-smi.txt (its process panel is cut off or missing), yet GPU "
            + "0000:01:00.0 has 350 MiB in use, more than the tolerance of 64 MiB: who holds that memory is unknown";
        incompleteSaying(run(command, "--root", root), line);
        CliRun.Result tolerant = run(command, "--root", root, "--tolerance", "512M", "-o", "json");
        assertThat(tolerant.exitCode()).as("350 MiB is within a tolerance of 512 MiB: " + tolerant).isZero();
    }

    /**
     * nvidia-smi could not reach the GPU ("Unable to determine the device handle"), gave no figure
     * for its memory ("[Insufficient Permissions]"), or listed processes' memory without their GPU
     * (a compute-apps query without gpu_uuid or gpu_bus_id, which made the GPU's use look
     * unattributed): its memory cannot be judged, so incomplete, whatever the tolerance.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"holders", "va-spaces", "leaks"})
    void aGpuWhoseMemoryNvidiaSmiCannotTellIsIncompleteNeverClean(String command) {
        Map<String, String> said = Map.of(
            "verdict-smi-unreachable", "nvidia-smi could not reach GPU 0000:01:00.0 (Unknown Error): its memory in use and the processes "
                + "on it are unknown, so none of it is judged",
            "verdict-smi-no-memory", "nvidia-smi gives no figure for the memory of GPU 0000:01:00.0 (memory.total: Insufficient "
                + "Permissions; memory.used: Insufficient Permissions; memory.free: Insufficient Permissions): its memory in use is "
                + "unknown, so none of it is judged",
            "verdict-smi-apps-no-gpu", "nvidia-smi (/uvmctl/commands/nvidia-smi-query-compute-apps.csv): 2 of the 2 processes it lists "
                + "name no GPU (no gpu_uuid or gpu_bus_id column), so their GPU memory cannot be set against a GPU");
        said.forEach((root, line) -> {
            for (String tolerance : List.of("64M", "1T")) {
                CliRun.Result r = run(command, "--root", ROOTS + root, "--tolerance", tolerance);
                incompleteSaying(r, line);
                assertThat(r.err()).doesNotContain("no nvidia-smi CSV header");
            }
        });
    }

    /**
     * No nvidia-smi output lists a GPU the driver shows: nvidia-smi failed as a whole (NVML's
     * driver/library version mismatch, after an upgrade without a reboot: the state users reach
     * for uvmctl in) or none was saved. The GPU's memory in use is unknown, so the answer is
     * incomplete, never clean; a GPU the driver excludes (NVreg_ExcludedGpus) has none to judge.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"holders", "va-spaces", "leaks"})
    void aGpuNoNvidiaSmiOutputListsIsIncompleteNeverClean(String command, @TempDir Path tmp) throws Exception {
        for (String smi : new String[] {"Failed to initialize NVML: Driver/library version mismatch\n", null}) {
            Path root = tmp.resolve(smi == null ? "none" : "nvml");
            dev.uvmctl.testing.Trees.copy(Path.of(ROOTS + "verdict-smi-unreachable"), root);
            Path out = root.resolve("uvmctl/commands/nvidia-smi.txt");
            if (smi == null) {
                Files.delete(out);
            } else {
                Files.writeString(out, smi);
            }
            CliRun.Result r = run(command, "--root", root.toString(), "--tolerance", "1T");
            incompleteSaying(r, "no nvidia-smi output lists GPU 0000:01:00.0");
            Path information = root.resolve("proc/driver/nvidia/gpus/0000:01:00.0/information");
            Files.writeString(information, Files.readString(information).replace("GPU Excluded:\t No", "GPU Excluded:\t Yes"));
            assertThat(run(command, "--root", root.toString()).err()).as("an excluded GPU").doesNotContain("no nvidia-smi output lists");
        }
    }

    /** Exit status 3, {@code line} on standard error, and no "No findings". */
    private static void incompleteSaying(CliRun.Result r, String line) {
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
        assertThat(r.err()).contains(line);
        assertThat(r.out()).doesNotContain("No findings");
    }

    /**
     * WSL: the Windows driver (WDDM) drives the GPU and nvidia-smi cannot tell each process's use
     * (N/A, "Not available in WDDM driver model") and lists Windows programs by the host's pids.
     * Nothing can be set against the GPU's 2880 MiB in use: no finding, no pid "gone", no GPU row
     * for process lines that name none, no "(null)"; one line says why, and the answer is incomplete.
     */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "holders, verdict-wsl, none of the 4 processes it lists has a GPU memory value",
        "va-spaces, verdict-wsl, none of the 4 processes it lists has a GPU memory value",
        "leaks, verdict-wsl, none of the 4 processes it lists has a GPU memory value",
        "holders, verdict-wsl-q, per-process GPU memory is not available in the WDDM driver model (Windows, WSL)",
        "va-spaces, verdict-wsl-q, per-process GPU memory is not available in the WDDM driver model (Windows, WSL)",
        "leaks, verdict-wsl-q, per-process GPU memory is not available in the WDDM driver model (Windows, WSL)",
    })
    void perProcessUseThatWslCannotTellIsIncompleteNeverALeak(String command, String root, String why) {
        CliRun.Result r = run(command, "--root", ROOTS + root);
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
        assertThat(r.err()).contains(why).contains("who uses the GPUs' memory cannot be told, so none of it is judged");
        assertThat(r.err().lines().filter(l -> l.startsWith("uvmctl: the answer is incomplete")).count()).as(r.err()).isLessThanOrEqualTo(1);
        assertThat(r.out()).doesNotContain("unattributed", "nvml-pid-gone", "(null)", "No findings");
        CliRun.Result json = run(command, "--root", ROOTS + root, "-o", "ndjson");
        assertThat(findings(json)).isEmpty();
        assertThat(json.out()).doesNotContain("\"class\":\"gone\"", "null)");
        if (!command.equals("leaks")) {
            assertThat(json.out().lines().filter(l -> l.startsWith("{\"type\":\"gpu\"")).toList())
                .as("a GPU row only for a GPU some output names").allSatisfy(l -> assertThat(l).contains("0000:09:00.0"));
        }
    }

    /**
     * How much, by source: a snapshot's va_space has no residency, but its /dev/nvidia-uvm mappings
     * (uvm_mmap, uvm.c: one vma per managed range) bound its managed part, and nvidia-smi charges
     * its process; a replayed va_space's bytes are the replayed residency.
     */
    @Test
    void everyFigureOfHowMuchSaysWhereItCameFrom() {
        String stuck = run("leaks", "--root", ROOTS + "live-host-580", "-o", "ndjson").out().lines()
            .filter(l -> l.startsWith("{\"type\":\"finding\",\"id\":\"stuck-")).findFirst().orElseThrow();
        assertThat(stuck).contains("\"bytes\":{\"0000:3b:00.0\":4294967296}", "\"bytes_source\":\"nvidia-smi\"",
            "\"managed_bytes_max\":1073741824,\"managed_bytes_max_source\":\"maps\"");
        String replayed = run("leaks", "examples/leaks-held/events.ndjson", "-o", "ndjson").out().lines()
            .filter(l -> l.startsWith("{\"type\":\"finding\"")).findFirst().orElseThrow();
        assertThat(replayed).contains("\"bytes_source\":\"replay\"", "\"managed_bytes_max\":null,\"managed_bytes_max_source\":null");
        CliRun.Result bound = run("leaks", "src/test/resources/roots/capture-real-layout/snapshots/while-running",
            "src/test/resources/roots/capture-real-layout/snapshots/after-parent-killed");
        assertThat(bound.out()).containsPattern("held +≤ 1\\.0 GiB ");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"holders", "va-spaces", "leaks"})
    void aHoldersMissingMapsOrAMissingStatusIsIncompleteNeverClean(String command) {
        CliRun.Result r = run(command, "--root", ROOTS + "verdict-maps-missing");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
        assertThat(r.err()).contains("/proc/7300/maps of PID 7300 (python) is missing, though /proc/7300 is still there: what the process "
            + "holds is unknown").contains("/proc/7350/status is missing, though /proc/7350 is still there");
    }

    /** The finding records of an NDJSON output, whole. */
    private static List<String> findingRecords(CliRun.Result r) {
        return r.out().lines().filter(l -> l.startsWith("{\"type\":\"finding\"")).toList();
    }

    /**
     * A root whose kernel log is all it has of the machine (no /proc/PID) shows nothing of who
     * holds a va_space (the driver keeps one while an fd or a mapping holds its file: uvm_release,
     * uvm.c, 580.95.05): every command says the answer is incomplete, with the same findings of the
     * log, aged to the same capture time.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"kmsg-xid", "log-order", "bundle-node7"})
    void aRootWithAKernelLogAndNoProcessTableIsIncompleteForEveryCommand(String root) {
        CliRun.Result leaks = run("leaks", "--root", ROOTS + root, "-o", "ndjson");
        assertThat(leaks.exitCode()).as(leaks.toString()).isEqualTo(ExitCode.INCOMPLETE);
        assertThat(leaks.out().lines().findFirst().orElseThrow()).contains("\"unreadable\":[{\"input\":\"" + ROOTS + root + " (snapshot)\"");
        List<String> judged = findingRecords(leaks);
        for (String command : List.of("holders", "va-spaces")) {
            CliRun.Result view = run(command, "--root", ROOTS + root, "-o", "ndjson");
            assertThat(view.exitCode()).as(command + " " + root + ": " + view).isEqualTo(ExitCode.INCOMPLETE);
            assertThat(findingRecords(view)).as(command + " " + root).isEqualTo(judged);
        }
        CliRun.Result metrics = run("leaks", "--root", ROOTS + root, "-o", "prometheus");
        assertThat(metrics.exitCode()).isEqualTo(ExitCode.INCOMPLETE);
        assertThat(metrics.out()).contains("\nuvmctl_scrape_incomplete 1");
        if (root.equals("bundle-node7")) {
            // The capture's /proc/uptime (6100.50) ends the history, not the log's last line (6000.000101).
            assertThat(judged).singleElement().asString().contains("\"since\":6000.00001,\"age_seconds\":100.49999,");
        }
    }

    /**
     * A finding is written alike by every command that lists it, the incident it belongs to
     * included (docs/va-spaces.md: "each as in the uvmctl.leaks/v2 document"), and by leaks --each
     * with its node.
     */
    @Test
    void everyCommandWritesTheSameFindingRecordsIncidentIncluded() {
        String root = "examples/oom-node";
        List<String> judged = findingRecords(run("leaks", "--root", root, "-o", "ndjson"));
        assertThat(judged).hasSize(2).allSatisfy(f -> assertThat(f).endsWith(",\"incident\":\"incident-2d61c162049d7eeb\"}"));
        for (String command : List.of("holders", "va-spaces")) {
            assertThat(findingRecords(run(command, "--root", root, "-o", "ndjson"))).as(command).isEqualTo(judged);
        }
        List<String> each = run("leaks", "--each", root, "-o", "ndjson").out().lines().filter(l -> l.startsWith("{\"type\":\"finding\""))
            .map(l -> l.replaceFirst("^\\{\"type\":\"finding\",\"node\":\"[^\"]*\",", "{\"type\":\"finding\",")).toList();
        assertThat(each).isEqualTo(judged);
    }

    /** The OOM-killed node of examples/oom-node with its /proc lost: its log and nvidia-smi are read, and it is never clean. */
    @Test
    void aNodeWhoseProcessTableIsMissingIsNeverClean(@TempDir Path tmp) {
        Path root = RootKernelLogTest.copy(Path.of("examples/oom-node/uvmctl"), tmp.resolve("root/uvmctl"));
        for (String command : List.of("leaks", "holders", "va-spaces")) {
            CliRun.Result r = run(command, "--root", root.getParent().toString());
            assertThat(r.exitCode()).as(command + ": " + r).isEqualTo(ExitCode.INCOMPLETE);
            assertThat(r.out()).as(command).doesNotContainIgnoringCase("no findings").doesNotContainIgnoringCase("no finding");
            assertThat(r.err()).as(command).contains("/proc could not be listed (no such file)");
        }
    }

    /**
     * A bundle that lost a file its manifest lists as copied (damaged, or edited by hand) is
     * incomplete for every command, naming the file, never read as if the machine had not had it:
     * no kernel log, a holder with no maps or one fd fewer, a GPU UVM does not retain.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/uvmctl/commands/dmesg.txt", "/proc/4301/maps", "/proc/4301/fd/4",
        "/proc/driver/nvidia-uvm/gpus/GPU-5a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9/0/info"})
    void aFileTheManifestListsAsCopiedThatTheBundleLacksMakesEveryCommandIncomplete(String lost, @TempDir Path tmp) throws Exception {
        Path bundle = Files.createDirectories(tmp.resolve("bundle"));
        Process tar = new ProcessBuilder("tar", "-xzf", Path.of("examples/held-node/capture.tar.gz").toAbsolutePath().toString(),
            "-C", bundle.toString()).inheritIO().start();
        assertThat(tar.waitFor()).isZero();
        String root = bundle.toString();
        assertThat(run("leaks", "--root", root, "-q").exitCode()).isEqualTo(ExitCode.FOUND);
        Files.delete(bundle.resolve(lost.substring(1)));
        for (String command : List.of("leaks", "holders", "va-spaces")) {
            CliRun.Result r = run(command, "--root", root);
            assertThat(r.exitCode()).as(command + ": " + r).isEqualTo(ExitCode.INCOMPLETE);
            assertThat(r.err()).as(command).contains(lost).contains("missing from the bundle, though its manifest lists it as copied (the bundle is damaged)");
        }
        assertThat(run("leaks", "--root", root, "-o", "prometheus").out()).contains("\nuvmctl_scrape_incomplete 1");
    }
}
