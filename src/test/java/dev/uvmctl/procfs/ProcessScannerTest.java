package dev.uvmctl.procfs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uvmctl.shared.Provenance;
import dev.uvmctl.source.DirectorySysRoot;
import dev.uvmctl.source.IoErrors;
import dev.uvmctl.testing.FailingSysRoot;
import dev.uvmctl.testing.Golden;
import dev.uvmctl.testing.Trees;
import dev.uvmctl.testing.VanishingSysRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessScannerTest {
    private static final Path HOST = Golden.resource("roots/live-host-580");

    @Test
    void theHostFixtureHoldersAndWhatTheyHold() {
        ProcessScan scan = ProcessScanner.scan(new DirectorySysRoot(HOST));
        assertThat(scan.read()).isEqualTo(15);
        assertThat(scan.vanished()).isZero();
        assertThat(scan.unreadable()).isEmpty();
        assertThat(scan.diagnostics()).isEmpty();
        assertThat(scan.holders()).extracting(HolderProcess::pid).containsExactly(812, 2301, 2350, 3100, 4000, 5000, 5100, 5200, 6000, 7100);
        HolderProcess python = scan.holders().get(1);
        assertThat(python.deviceFds()).containsExactly(
            new FdLink(3, "/dev/nvidiactl", DeviceFile.of("/dev/nvidiactl"), 02100002L, Provenance.of("/proc/2301/fd/3")),
            new FdLink(4, "/dev/nvidia-uvm", DeviceFile.of("/dev/nvidia-uvm"), 02100002L, Provenance.of("/proc/2301/fd/4")),
            new FdLink(5, "/dev/nvidia-uvm", DeviceFile.of("/dev/nvidia-uvm"), 02100002L, Provenance.of("/proc/2301/fd/5")),
            new FdLink(6, "/dev/nvidia0", DeviceFile.of("/dev/nvidia0"), 02100002L, Provenance.of("/proc/2301/fd/6")));
        assertThat(python.uvmRanges()).extracting(MapsRange::start).containsExactly(0x206400000L, 0x7f3a00000000L, 0x7f3a04000000L);
        assertThat(python.status().nspid()).containsExactly(2301, 7);
        assertThat(python.stat()).isEqualTo(new ProcessStat(2301, "S", 2280, 2301, 2280, 8000000, Provenance.at("/proc/2301/stat", 1)));
        assertThat(python.cmdline()).isEqualTo("python /home/alice/train.py --epochs 90 --host gpu-node-07");
        assertThat(python.cgroup().runtime()).isEqualTo("docker");
        assertThat(python.pidNamespace()).isEqualTo("pid:[4026532601]");
        assertThat(python.threadsRead()).isEqualTo(2);
        HolderProcess zombie = scan.holders().get(3);
        assertThat(zombie.status().state()).isEqualTo("Z");
        assertThat(zombie.deviceFds()).extracting(FdLink::origin).containsExactly(Provenance.of("/proc/3100/task/3107/fd/4"),
            Provenance.of("/proc/3100/task/3107/fd/5"));
        assertThat(zombie.tasks()).containsExactly(
            new TaskState(3100, 3100, "python", "Z", null, List.of(), Provenance.of("/proc/3100/task/3100/stat")),
            new TaskState(3100, 3107, "python", "D", "uvm_va_space_destroy",
                List.of("uvm_va_space_destroy", "uvm_release.constprop.0", "uvm_release_entry", "__fput", "task_work_run", "do_exit"),
                Provenance.of("/proc/3100/task/3107/stat")));
        HolderProcess smi = scan.holders().get(9);
        assertThat(smi.tasks()).singleElement().extracting(TaskState::wchan).isEqualTo("os_acquire_mutex");
    }

    @Test
    void processesThatExitWhileTheScanRunsAreCountedNotErrors() {
        ProcessScan whole = ProcessScanner.scan(new VanishingSysRoot(HOST, Set.of(2301, 812), ""));
        assertThat(whole.vanished()).isEqualTo(2);
        assertThat(whole.vanishedPids()).containsExactly(812, 2301);
        assertThat(whole.read()).isEqualTo(13);
        assertThat(whole.holders()).extracting(HolderProcess::pid).doesNotContain(2301, 812).contains(2350);
        assertThat(whole.unreadable()).isEmpty();
        ProcessScan late = ProcessScanner.scan(new VanishingSysRoot(HOST, Set.of(2301), "fd"));
        assertThat(late.holders()).extracting(HolderProcess::pid).contains(2301);
        assertThat(late.holders().get(1).deviceFds()).isEmpty();
        assertThat(late.holders().get(1).uvmRanges()).hasSize(3);
        ProcessScan gone = ProcessScanner.scan(new VanishingSysRoot(HOST, Set.of(2301), "m"));
        assertThat(gone.vanished()).as("its directory is still there: it has not exited").isZero();
        assertThat(gone.holders().get(1).uvmRanges()).isEmpty();
        assertThat(gone.unreadable()).as("a holder's mappings are unknown, never none")
            .containsExactly(new Unreadable(2301, "python", "/proc/2301/maps", ProcessScanner.MISSING));
    }

    @Test
    void aProcessDirectoryWithoutItsStatusHasExitedOnlyWhenTheCaptureSawItExit(@TempDir Path tmp) throws IOException {
        Path root = Files.createDirectories(tmp.resolve("proc/4242"));
        Files.writeString(root.resolve("cmdline"), "python\0");
        ProcessScan scan = ProcessScanner.scan(new DirectorySysRoot(tmp));
        assertThat(scan.vanished()).isZero();
        assertThat(scan.unreadable()).containsExactly(new Unreadable(4242, null, "/proc/4242/status", ProcessScanner.MISSING));
        ProcessScan captured = ProcessScanner.scan(new DirectorySysRoot(tmp), Set.of(4242));
        assertThat(captured.vanishedPids()).containsExactly(4242);
        assertThat(captured.unreadable()).isEmpty();
    }

    @Test
    void aHolderWhoseMapsAreMissingIsUnreadableAndOneWithoutDevicesIsNot() {
        ProcessScan scan = ProcessScanner.scan(new DirectorySysRoot(Golden.resource("roots/verdict-maps-missing")));
        assertThat(scan.unreadable()).containsExactly(new Unreadable(7300, "python", "/proc/7300/maps", ProcessScanner.MISSING),
            new Unreadable(7350, null, "/proc/7350/status", ProcessScanner.MISSING));
        assertThat(scan.holders()).extracting(HolderProcess::pid).containsExactly(7300);
        assertThat(ProcessScanner.scan(new DirectorySysRoot(HOST)).unreadable()).as("a process with no device needs no maps").isEmpty();
    }

    @Test
    void unreadableFdsAndMapsAreCountedPerProcessAndTheScanGoesOn() {
        ProcessScan scan = ProcessScanner.scan(new FailingSysRoot(HOST,
            Set.of("/proc/2301/fd", "/proc/2301/maps", "/proc/6999/fd", "/proc/5000/fd/4")));
        assertThat(scan.unreadableProcesses()).isEqualTo(3);
        assertThat(scan.unreadable()).contains(new Unreadable(2301, "python", "/proc/2301/fd", "permission denied (run as root)"),
            new Unreadable(6999, "bash", "/proc/6999/fd", "permission denied (run as root)"),
            new Unreadable(5000, "nv-hostengine", "/proc/5000/fd/4", "permission denied (run as root)"));
        assertThat(scan.holders()).extracting(HolderProcess::pid).doesNotContain(2301).contains(2350, 5000);
    }

    /**
     * fs/proc/base.c checks fd and maps reads with ptrace_may_access(PTRACE_MODE_READ_FSCREDS): root
     * without CAP_SYS_PTRACE (a container's default set, CapEff a80425fb) is refused another user's
     * process, so "run as root" would be wrong advice to it; root with the capability was refused by
     * something it cannot lift. The reader is the live system's own /proc/self/status.
     */
    @Test
    void aRefusalSaysWhatWouldLiftItForTheReaderThatWasRefused(@TempDir Path dir) throws IOException {
        Set<String> refused = Set.of("/proc/2301/fd", "/proc/2301/maps");
        for (String[] reader : new String[][] {
            {"1000\t1000\t1000\t1000", "000001ffffffffff", "permission denied (run as root)"},
            {"0\t0\t0\t0", "00000000a80425fb", "permission denied to root without CAP_SYS_PTRACE"},
            {"0\t0\t0\t0", "000001ffffffffff", "permission denied, even to root with CAP_SYS_PTRACE"},
            // sudo keeps the real uid: the filesystem one (which follows the effective one) decides.
            {"1000\t0\t0\t0", "000001ffffffffff", "permission denied, even to root with CAP_SYS_PTRACE"},
            {"0\t0\t0\t1000", "000001ffffffffff", "permission denied (run as root)"}}) {
            Path root = dir.resolve(reader[0].replace('\t', '-') + reader[1]);
            Trees.copy(HOST, root);
            Files.createDirectories(root.resolve("proc/self"));
            Files.writeString(root.resolve("proc/self/status"), "Name:\tjava\nUid:\t" + reader[0] + "\nCapEff:\t" + reader[1] + "\n");
            ProcessScan scan = ProcessScanner.scan(new FailingSysRoot(root, refused));
            assertThat(scan.unreadable()).extracting(Unreadable::reason).as(reader[0] + " " + reader[1])
                .hasSize(2).allSatisfy(r -> assertThat(r).startsWith(reader[2]));
            SystemSnapshot snapshot = SystemReader.read(new FailingSysRoot(root, refused), "node", false, dev.uvmctl.source.CommandRunner.none(),
                java.time.Instant.parse("2026-12-07T00:00:00Z"));
            assertThat(VaSpaceViewBuilder.build(snapshot).missing()).as("the view says it too")
                .anySatisfy(m -> assertThat(m).startsWith("1 of ").contains(reader[2].equals(IoErrors.PERMISSION_DENIED)
                    ? "their fds or maps need root or CAP_SYS_PTRACE" : reader[2]));
        }
    }

    @Test
    void aRootWithoutProcIsAFailureNotAnException(@TempDir Path empty) {
        ProcessScan scan = ProcessScanner.scan(new DirectorySysRoot(empty));
        assertThat(scan.failure()).isEqualTo("/proc could not be listed (no such file)");
    }

    @Test
    void aProcWithoutAnyProcessDirectoryIsAFailureNotAnEmptyTable(@TempDir Path root) throws IOException {
        Files.createDirectories(root.resolve("proc/driver"));
        Files.writeString(root.resolve("proc/uptime"), "12.5 40.1\n");
        ProcessScan scan = ProcessScanner.scan(new DirectorySysRoot(root));
        assertThat(scan.failure()).isEqualTo("/proc could not be read: no process directory (/proc/PID) is there");
        assertThat(scan.read()).isZero();
        assertThat(ProcessScanner.scan(new DirectorySysRoot(HOST)).failure()).isNull();
    }

    @Test
    void kernelThreadsAreNeitherHoldersNorUnreadable() {
        ProcessStatus kworker = new ProcessStatus(57, "kworker/3:1", "I", 2, 57, 0, List.of(57), 1, Provenance.of("s"));
        assertThat(ProcessScanner.kernelThread("Name:\tkworker/3:1\nState:\tI (idle)\nPPid:\t2\nThreads:\t1\n", kworker)).isTrue();
        assertThat(ProcessScanner.kernelThread("Name:\tx\nKthread:\t1\n", kworker)).isTrue();
        assertThat(ProcessScanner.kernelThread("Name:\tx\nKthread:\t0\nPPid:\t2\n", kworker)).isFalse();
        ProcessStatus shellChild = new ProcessStatus(40, "python", "S", 2, 40, 1000, List.of(40), 1, Provenance.of("s"));
        assertThat(ProcessScanner.kernelThread("Name:\tpython\nPPid:\t2\nVmSize:\t 1000 kB\n", shellChild)).isFalse();
    }
}
