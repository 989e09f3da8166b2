package dev.uvmctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uvmctl.ProcessRunner;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Words a new user tripped over: sizes, what is not on a GPU, what a root is called, how a GPU is named. */
class WordingTest {
    private static final String UNLOAD_LOG = "src/test/resources/kernel-logs/oom-hung-unload.log";
    private static final String ROOTS = "src/test/resources/roots/";

    /** The leak checker prints "Memory leak of 4096 bytes detected." (uvm_kvmalloc.c, uvm_kvmalloc_exit, 580.95.05). */
    @Test
    void theDriversOwnLeakIsASizeWithItsBytesNotKibBytes() {
        CliRun.Result dmesg = new CliRun().run("dmesg", UNLOAD_LOG);
        assertThat(dmesg.out()).as(dmesg.toString())
            .contains("nvidia-uvm unloaded with 4 KiB (4096 bytes) of its own kernel memory still allocated")
            .doesNotContainPattern("[KMGT]iB bytes");
        CliRun.Result leaks = new CliRun().run("leaks", UNLOAD_LOG);
        assertThat(leaks.out()).as(leaks.toString()).contains("reported 4 KiB (4096 bytes) of the driver's own memory")
            .doesNotContainPattern("[KMGT]iB bytes");
    }

    /**
     * The leak checker counts only the driver's own uvm_kvmalloc heap (uvm_kvmalloc.c, 580.95.05), not GPU
     * memory: the finding's GPU MEM is '-' (nothing on a GPU), not '0 B'; unknown sizes stay '?'.
     */
    @Test
    void memoryOnNoGpuIsADashNotZeroBytes() {
        CliRun.Result r = new CliRun().run("leaks", UNLOAD_LOG);
        assertThat(r.out()).as(r.toString()).containsPattern("(?m)^driver +- +4 KiB ")
            .containsPattern("(?m)^driver +\\? +\\? ")
            .doesNotContainPattern("(?m)^driver +0 B");
    }

    @Test
    void aDirectoryIsCalledASystemRootAndAnArchiveABundle(@TempDir Path tmp) throws Exception {
        String dir = ROOTS + "live-host-580";
        CliRun.Result holders = new CliRun().run("holders", dir);
        assertThat(holders.out()).as(holders.toString()).startsWith("Holders of NVIDIA devices of the system root " + dir + " (");
        CliRun.Result vaSpaces = new CliRun().run("va-spaces", dir);
        assertThat(vaSpaces.out()).as(vaSpaces.toString()).startsWith("va_spaces of the system root " + dir + " (");

        Path archive = tmp.resolve("node.tar.gz");
        ProcessRunner.Result tar = ProcessRunner.withPathAndHome().run("tar", "-czf", archive.toString(), "-C", dir, ".");
        assertThat(tar.exitCode()).as(tar.toString()).isZero();
        CliRun.Result fromArchive = new CliRun().run("holders", archive.toString());
        assertThat(fromArchive.out()).as(fromArchive.toString())
            .startsWith("Holders of NVIDIA devices of the capture bundle " + archive + " (");
        CliRun.Result asRoot = new CliRun().run("holders", "--root", archive.toString());
        assertThat(asRoot.out()).as(asRoot.toString()).startsWith("Holders of NVIDIA devices of the capture bundle " + archive + " (");
    }

    /** nvidia-smi's table names GPUs by index and its CSV by UUID; the PCI bus id, known from the GPU list, is what uvmctl names. */
    @Test
    void theNvmlTableNamesEachGpuByItsPciBusIdWhereItIsKnown() {
        CliRun.Result byIndex = new CliRun().run("holders", ROOTS + "live-retained-535");
        assertThat(byIndex.out()).as(byIndex.toString())
            .containsPattern("(?m)^ 4561  0000:05:00\\.0  python +5\\.9 GiB  gone\\b")
            .containsPattern("(?m)^27944  0000:0d:00\\.0  python3 ");
        CliRun.Result byUuid = new CliRun().run("holders", ROOTS + "live-container-csv");
        assertThat(byUuid.out()).as(byUuid.toString()).containsPattern("(?m)^28290  0000:3b:00\\.0  python ")
            .doesNotContain("28290  GPU-");
    }
}
