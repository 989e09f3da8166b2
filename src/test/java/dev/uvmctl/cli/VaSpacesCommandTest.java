package dev.uvmctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uvmctl.procfs.SmiCommands;
import dev.uvmctl.source.CommandRunner;
import dev.uvmctl.source.DirectorySysRoot;
import dev.uvmctl.testing.FailingSysRoot;
import dev.uvmctl.testing.Fifo;
import dev.uvmctl.testing.Golden;
import dev.uvmctl.testing.Trees;
import dev.uvmctl.testing.VanishingSysRoot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VaSpacesCommandTest {
    /** Fixture roots are read from the source tree, where git keeps their fd entries as links. */
    static final String HOST = "src/test/resources/roots/live-host-580";
    static final String RETAINED = "src/test/resources/roots/live-retained-535";
    static final String CONTAINER_CSV = "src/test/resources/roots/live-container-csv";
    static final String CONTAINER_EMPTY = "src/test/resources/roots/live-container-empty";

    private static CliRun.Result run(String... args) {
        return new CliRun().run(args);
    }

    private static void expect(CliRun.Result r, int exit, String golden) {
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(exit);
        Golden.assertMatches(r.out(), "expected/live/" + golden);
    }

    @Test
    void fixtureFdEntriesAreSymbolicLinksInTheSourceTree() throws IOException {
        Path fd = Path.of(HOST, "proc/2301/fd/4");
        assertThat(Files.isSymbolicLink(fd)).isTrue();
        assertThat(Files.readSymbolicLink(fd)).hasToString("/dev/nvidia-uvm");
        Process git = new ProcessBuilder("git", "ls-files", "-s", HOST + "/proc/2301/fd/4").redirectErrorStream(true).start();
        String staged = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(staged).as("git must keep fixture fd entries as links (mode 120000)").startsWith("120000 ");
    }

    @Test
    void hostVaSpacesTableJsonAndRanges() {
        expect(run("va-spaces", "--root", HOST), 1, "host-580-va-spaces.txt");
        expect(run("va-spaces", "--root", HOST, "-o", "json"), 1, "host-580-va-spaces.json");
        expect(run("va-spaces", "--root", HOST, "--ranges"), 1, "host-580-va-spaces-ranges.txt");
        assertThat(run("va-spaces", "--root", HOST).err()).isEmpty();
    }

    @Test
    void hostHoldersTableAndNdjson() {
        expect(run("holders", "--root", HOST), 1, "host-580-holders.txt");
        CliRun.Result nd = run("holders", "--root", HOST, "-o", "ndjson");
        expect(nd, 1, "host-580-holders.ndjson");
        assertThat(nd.out().lines()).allSatisfy(l -> assertThat(l).startsWith("{\"type\":\""));
    }

    @Test
    void aRetainedGpuWithoutAnyUvmProcessAndNvmlPidsThatAreGoneOrDefunct() {
        expect(run("holders", "--root", RETAINED), 1, "retained-535-holders.txt");
        expect(run("va-spaces", "--root", RETAINED, "-o", "json"), 1, "retained-535-va-spaces.json");
    }

    @Test
    void insideAContainerTheEmptyTableIsExplainedAndNotClean() {
        CliRun.Result csv = run("holders", "--root", CONTAINER_CSV);
        expect(csv, 3, "container-csv-holders.txt");
        assertThat(csv.err()).isEqualTo("uvmctl: the answer is incomplete: 1 process uses 1012 MiB outside this PID namespace (NVML lists "
            + "host PIDs; /.dockerenv exists): run uvmctl on the host to see them\n");
        expect(run("holders", "--root", CONTAINER_EMPTY), 3, "container-empty-holders.txt");
    }

    @Test
    void unreadableProcessesMakeTheAnswerIncomplete() {
        CliRun.Result r = new CliRun().rootOpener(p -> new FailingSysRoot(p, Set.of("/proc/2301/fd", "/proc/2301/maps", "/proc/6999/fd")))
            .run("va-spaces", "--root", HOST, "-o", "json");
        expect(r, 3, "host-580-unreadable.json");
        assertThat(r.err()).isEqualTo("uvmctl: the answer is incomplete: 2 of 15 processes could not be read in full (their fds or maps "
            + "need root or CAP_SYS_PTRACE): they may hold GPU devices this view does not show\n");
        CliRun.Result quiet = new CliRun().rootOpener(p -> new FailingSysRoot(p, Set.of("/proc/2301/fd"))).run("va-spaces", "--root", HOST, "-q");
        assertThat(quiet.exitCode()).isEqualTo(3);
        assertThat(quiet.out()).isEmpty();
    }

    /**
     * Only a refused read is cured by running as root: a holder's maps that cannot be read for
     * another reason (here a directory where the file should be) is said as it is, not as "need root".
     */
    @Test
    void aFileThatCannotBeReadForAnotherReasonIsSaidSoNotAsNeedingRoot(@TempDir Path root) throws IOException {
        assertThat(mapsADirectory(root, "python")).isEqualTo("uvmctl: the answer is incomplete: /proc/2301/maps of PID 2301 (python) "
            + "could not be read (is a directory, expected a file): what the process holds is unknown\n");
    }

    /** A process names itself (prctl PR_SET_NAME): its name in the message of what could not be read is shown, not sent to the terminal. */
    @Test
    void aProcessNameInTheIncompleteAnswerIsEscaped(@TempDir Path root) throws IOException {
        assertThat(mapsADirectory(root, "py\u001b[31mthon")).startsWith("uvmctl: the answer is incomplete: /proc/2301/maps of PID 2301 "
            + "(py\\x1b[31mthon) could not be read").doesNotContain("\u001b");
    }

    /**
     * An I/O error's reason holds its path and a colon ("/proc/2301/maps: Input/output error"): the
     * file is named once, before "could not be read", and the reason is said whole.
     */
    @Test
    void aReasonWithAColonInItIsNotTakenForPartOfThePath() {
        CliRun.Result r = new CliRun().rootOpener(dir -> new FailingSysRoot(dir, Set.of("/proc/2301/maps"),
            p -> new FileSystemException(p, null, "Input/output error"))).run("va-spaces", "--root", HOST);
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
        assertThat(r.err()).isEqualTo("uvmctl: the answer is incomplete: /proc/2301/maps of PID 2301 (python) could not be read "
            + "(/proc/2301/maps: Input/output error): what the process holds is unknown\n");
    }

    /** What va-spaces says on stderr (exit 3) of HOST with 2301 named {@code name} and its maps a directory. */
    private static String mapsADirectory(Path root, String name) throws IOException {
        Trees.copy(Path.of(HOST), root);
        Path status = root.resolve("proc/2301/status");
        Files.writeString(status, Files.readString(status).replaceFirst("Name:\tpython", "Name:\t" + name));
        Files.delete(root.resolve("proc/2301/maps"));
        Files.createDirectory(root.resolve("proc/2301/maps"));
        CliRun.Result r = run("va-spaces", "--root", root.toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
        return r.err();
    }

    @Test
    void processesThatVanishMidScanAreNoError() {
        CliRun.Result r = new CliRun().rootOpener(p -> new VanishingSysRoot(p, Set.of(7100, 9999), ""))
            .run("holders", "--root", HOST);
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).contains("Scanned 14 processes: 9 hold NVIDIA devices or wait in the driver, 0 could not be read, "
            + "1 exited during the scan.").doesNotContain("nvidia-smi  ");
    }

    @Test
    void hostileProcessNamesAreEscaped(@TempDir Path root) throws IOException {
        Path proc = Files.createDirectories(root.resolve("proc/42/fd"));
        Files.writeString(root.resolve("proc/42/status"), "Name:\t\u001b]0;pwned\u0007x\u202e\nState:\tS (sleeping)\nPPid:\t1\n");
        Files.writeString(root.resolve("proc/42/maps"), "");
        Files.createSymbolicLink(proc.resolve("3"), Path.of("/dev/nvidiactl"));
        CliRun.Result r = run("holders", "--root", root.toString());
        assertThat(r.out()).contains("\\x1b]0;pwned\\x07x\\u202e").doesNotContain("\u001b").doesNotContain("\u202e");
        assertThat(run("holders", "--root", root.toString(), "-o", "json").out()).contains("\"comm\" : \"\\u001B]0;pwned\\u0007x\u202e\"");
    }

    @Test
    void colourOnlyWhenAsked() {
        assertThat(run("va-spaces", "--root", HOST).out()).doesNotContain("\u001b[");
        assertThat(run("va-spaces", "--root", HOST, "--color=always").out()).contains("\u001b[31mheld").contains("\u001b[1mVA_SPACE");
    }

    /** A stand-in for nvidia-smi that answers from fixture files and records what it was asked. */
    static final class FakeSmi implements CommandRunner {
        final List<List<String>> calls = new ArrayList<>();
        private final Path commands;
        private final boolean hang;

        FakeSmi(Path commands, boolean hang) {
            this.commands = commands;
            this.hang = hang;
        }

        @Override
        public boolean available(String program) {
            return program.equals("nvidia-smi");
        }

        @Override
        public Result run(List<String> command, Duration timeout) throws IOException {
            calls.add(command);
            if (hang) {
                return new Result(null, new byte[0], "");
            }
            if (command.equals(SmiCommands.QUERY_GPU)) {
                return new Result(2, new byte[0], "Field \"memory.reserved\" is not a valid field to query.\n");
            }
            String file = command.equals(SmiCommands.QUERY_GPU_OLD) ? "nvidia-smi-query-gpu.csv" : "nvidia-smi-query-compute-apps.csv";
            return new Result(0, Files.readAllBytes(commands.resolve(file)), "");
        }
    }

    @Test
    void onTheLiveSystemNvidiaSmiRunsWithAFallbackForOldReleases() {
        Path fixture = Path.of(CONTAINER_CSV).toAbsolutePath();
        FakeSmi smi = new FakeSmi(fixture.resolve("uvmctl/commands"), false);
        CliRun.Result r = new CliRun().rootOpener(p -> new DirectorySysRoot(fixture)).commandRunner(smi).run("holders", "-o", "json");
        assertThat(r.exitCode()).as("a container's PID namespace hides the pid nvidia-smi lists: " + r).isEqualTo(3);
        assertThat(smi.calls).containsExactly(SmiCommands.QUERY_GPU, SmiCommands.QUERY_GPU_OLD, SmiCommands.QUERY_APPS);
        assertThat(r.out()).contains("\"live\" : true").contains("\"captured_at\" : \"2026-11-27T12:00:00Z\"")
            .contains("\"input\" : \"nvidia-smi --query-compute-apps=pid,process_name,used_memory,gpu_uuid,gpu_bus_id --format=csv\"")
            .contains("\"class\" : \"outside_namespace\"");
    }

    @Test
    void aHungNvidiaSmiIsANoteAndTheScanStands() {
        Path fixture = Path.of(CONTAINER_CSV).toAbsolutePath();
        CliRun.Result r = new CliRun().rootOpener(p -> new DirectorySysRoot(fixture)).commandRunner(new FakeSmi(fixture, true))
            .run("holders");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
        assertThat(r.err()).as("only the live kernel log, which a test does not start journalctl or dmesg for, is missing")
            .startsWith("uvmctl: the answer is incomplete: the live system: kernel-log: cannot read the kernel log: /dev/kmsg: no such file")
            .doesNotContain("nvidia-smi");
        assertThat(r.out()).contains("nvidia-smi: nvidia-smi --query-gpu=index,uuid,pci.bus_id,name,memory.total,memory.reserved,"
            + "memory.used,memory.free --format=csv: no answer within 20 s (a wedged GPU or a hung driver)");
    }

    @Test
    void notARootIsAUsageError(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("x.txt"), "hello");
        CliRun.Result r = run("va-spaces", "--root", file.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("uvmctl: --root " + file + ": not a directory or a .tar.gz bundle");
    }

    @Test
    void aMissingInputIsOneLineAndExit3() {
        CliRun.Result r = run("va-spaces", "no-such-bundle.tar.gz");
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("uvmctl: no-such-bundle.tar.gz: no such file or directory\n");
    }

    @Test
    void aRootWhoseProcListsNoProcessIsIncompleteNeverClean() {
        // uptime-only: a /proc with files but no /proc/PID, as an empty or half-copied capture leaves it.
        for (String command : List.of("va-spaces", "holders")) {
            CliRun.Result r = run(command, "--root", "src/test/resources/roots/uptime-only");
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
            assertThat(r.err()).as(r.toString())
                .contains("the answer is incomplete: /proc could not be read: no process directory (/proc/PID) is there");
        }
    }

    @Test
    void aSnapshotThroughAPipeIsReadOnce(@TempDir Path tmp) throws Exception {
        Path snapshot = Golden.resource("expected/live/host-580-snapshot.txt");
        Path fifo = Fifo.of(tmp, "snapshot.fifo", Files.readAllBytes(snapshot));
        CliRun.Result pipe = run("va-spaces", fifo.toString(), "-o", "json");
        assertThat(pipe.exitCode()).as(pipe.toString()).isEqualTo(1);
        assertThat(pipe.out()).isEqualTo(run("va-spaces", snapshot.toString(), "-o", "json").out().replace(snapshot.toString(), fifo.toString()));
    }

    @Test
    void aSnapshotOnStandardInput() throws IOException {
        String snapshot = Files.readString(Golden.resource("expected/live/host-580-snapshot.txt"));
        CliRun.Result fromStdin = new CliRun().stdin(snapshot).run("va-spaces", "-", "-o", "json");
        CliRun.Result fromRoot = run("va-spaces", "--root", HOST, "-o", "json");
        assertThat(fromStdin.out()).isEqualTo(fromRoot.out().replace("the system root src/test/resources/roots/live-host-580",
            "the system root live-host-580"));
    }

    @Test
    void procMountedWithHidepidIsIncomplete(@TempDir Path root) throws IOException {
        Files.createDirectories(root.resolve("proc/self"));
        Files.writeString(root.resolve("proc/self/mountinfo"), "22 1 259:2 / / rw,relatime shared:1 - ext4 /dev/nvme0n1p2 rw\n"
            + "25 22 0:23 / /proc rw,nosuid,nodev,noexec,relatime shared:12 - proc proc rw,hidepid=invisible,gid=27\n");
        CliRun.Result r = run("holders", "--root", root.toString());
        assertThat(r.exitCode()).isEqualTo(3);
        // The fixture's /proc lists no process at all (not even the reader's own): that is said too.
        assertThat(r.err()).isEqualTo("uvmctl: the answer is incomplete: /proc could not be read: no process directory (/proc/PID) is there; "
            + "/proc is mounted with hidepid=invisible: other users' processes are not listed at all (run as root, or as a member of the proc gid= group)\n");
    }
}
