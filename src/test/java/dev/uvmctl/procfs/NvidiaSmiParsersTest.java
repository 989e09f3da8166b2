package dev.uvmctl.procfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.uvmctl.shared.Diagnostic;
import dev.uvmctl.shared.PciAddress;
import dev.uvmctl.shared.Provenance;
import dev.uvmctl.testing.Golden;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NvidiaSmiParsersTest {
    private static final long MIB = 1 << 20;
    private final List<Diagnostic> diagnostics = new ArrayList<>();

    private static String corpus(String name) throws IOException {
        return Files.readString(Golden.resource("corpus/nvidia-smi/" + name));
    }

    /** A sample of corpus-more/nvidia-smi (its README says which are real). */
    private static String more(String name) throws IOException {
        return Files.readString(Golden.resource("corpus-more/nvidia-smi/" + name));
    }

    private static PciAddress bus(String s) {
        return PciAddress.parse(s).orElseThrow();
    }

    @Test
    void table418WithAnErrFanCellReadsEveryGpuAndProcess() throws IOException {
        String name = "002-eight-2080ti-err-fan-testfixture.txt";
        SmiSnapshot s = SmiReader.parseOne(corpus(name), name, diagnostics);
        assertThat(diagnostics).isEmpty();
        assertThat(s.format()).isEqualTo(SmiSnapshot.Format.table);
        assertThat(s.driverVersion()).isEqualTo("418.87.01");
        assertThat(s.timestamp()).isEqualTo("Wed May  6 15:30:55 2020");
        assertThat(s.gpus()).hasSize(8);
        assertThat(s.gpus().get(0)).isEqualTo(new SmiGpu(0, null, bus("0000:01:00.0"), "GeForce RTX 208...", 10989 * MIB, null,
            6762 * MIB, (10989 - 6762) * MIB, null, Provenance.at(name, 8)));
        assertThat(s.gpus().get(7)).isEqualTo(new SmiGpu(7, null, bus("0000:0f:00.0"), "GeForce RTX 208...", 10989 * MIB, null,
            8852 * MIB, (10989 - 8852) * MIB, null, Provenance.at(name, 29)));
        assertThat(s.processPanel()).isEqualTo(SmiSnapshot.ProcessPanel.listed);
        assertThat(s.processes()).containsExactly(
            new SmiProcess(0, null, null, null, null, 34882, "C", "python", 6751 * MIB, null, Provenance.at(name, 37)),
            new SmiProcess(2, null, null, null, null, 4561, "C", "python", 6065 * MIB, null, Provenance.at(name, 38)),
            new SmiProcess(6, null, null, null, null, 27944, "C", "python3", 8841 * MIB, null, Provenance.at(name, 39)),
            new SmiProcess(7, null, null, null, null, 15752, "C", "python3", 8841 * MIB, null, Provenance.at(name, 40)));
    }

    @Test
    void anEmptyProcessPanelIsNotNoRunningProcesses() throws IOException {
        SmiSnapshot empty = SmiReader.parseOne(corpus("003-container-empty-process-panel.txt"), "003", diagnostics);
        assertThat(empty.processPanel()).isEqualTo(SmiSnapshot.ProcessPanel.empty);
        assertThat(empty.processes()).isEmpty();
        SmiSnapshot host = SmiReader.parseOne(corpus("004-host-same-gpu-pid-28290.txt"), "004", diagnostics);
        assertThat(host.processes()).containsExactly(
            new SmiProcess(0, null, null, null, null, 28290, "C", "python", 1012 * MIB, null, Provenance.at("004", 5)));
        assertThat(diagnostics).isEmpty();
    }

    @Test
    void table450CutInsideTheProcessPanel() throws IOException {
        SmiSnapshot s = SmiReader.parseOne(corpus("006-gtx660-350mib-used-no-processes-450.txt"), "006", diagnostics);
        assertThat(s.gpus()).containsExactly(new SmiGpu(0, null, bus("0000:01:00.0"), "GeForce GTX 660", 1996 * MIB, null, 350 * MIB,
            1646 * MIB, null, Provenance.at("006", 8)));
        assertThat(s.processPanel()).isEqualTo(SmiSnapshot.ProcessPanel.absent);
        assertThat(diagnostics).containsExactly(Diagnostic.of("006",
            "the output ends inside the process panel's header: the process list is cut off"));
    }

    @Test
    void table325WithMbUnitsAndNoDomainInTheBusId() throws IOException {
        SmiSnapshot s = SmiReader.parseOne(corpus("012-old-325-format-three-titans-compute-processes.txt"), "012", diagnostics);
        assertThat(s.driverVersion()).isEqualTo("325.15");
        assertThat(s.gpus()).extracting(SmiGpu::bus).containsExactly(bus("0000:03:00.0"), bus("0000:04:00.0"), bus("0000:84:00.0"));
        assertThat(s.gpus()).extracting(SmiGpu::usedBytes).containsOnly(14 * MIB);
        assertThat(s.gpus()).extracting(SmiGpu::totalBytes).containsOnly(6143 * MIB);
    }

    @Test
    void table510WithInstancesMigAndNoRunningProcesses() {
        String text = String.join("\n",
            "+---------------------------------------------------------------------------------------+",
            "| NVIDIA-SMI 535.104.05             Driver Version: 535.104.05   CUDA Version: 12.2     |",
            "|-----------------------------------------+----------------------+----------------------+",
            "| GPU  Name                 Persistence-M | Bus-Id        Disp.A | Volatile Uncorr. ECC |",
            "| Fan  Temp   Perf          Pwr:Usage/Cap |         Memory-Usage | GPU-Util  Compute M. |",
            "|                                         |                      |               MIG M. |",
            "|=========================================+======================+======================|",
            "|   0  NVIDIA A100-SXM4-40GB          On  | 00000000:07:00.0 Off |                   On |",
            "| N/A   32C    P0              61W / 400W |     25MiB / 40960MiB |     N/A      Default |",
            "|                                         |                      |              Enabled |",
            "+-----------------------------------------+----------------------+----------------------+",
            "",
            "+---------------------------------------------------------------------------------------+",
            "| MIG devices:                                                                          |",
            "+------------------+--------------------------------+-----------+-----------------------+",
            "| GPU  GI  CI  MIG |                   Memory-Usage |        Vol|      Shared           |",
            "|      ID  ID  Dev |                     BAR1-Usage | SM     Unc| CE ENC DEC OFA JPG    |",
            "|                  |                                |        ECC|                       |",
            "|==================+================================+===========+=======================|",
            "|  0    1   0   0  |              13MiB / 20096MiB  | 42      0 |  3   0    2    0    0 |",
            "|                  |               0MiB / 32767MiB  |           |                       |",
            "+------------------+--------------------------------+-----------+-----------------------+",
            "",
            "+---------------------------------------------------------------------------------------+",
            "| Processes:                                                                            |",
            "|  GPU   GI   CI        PID   Type   Process name                            GPU Memory |",
            "|        ID   ID                                                             Usage      |",
            "|=======================================================================================|",
            "|    0    1    0     41221      C   /opt/conda/bin/python3                      1024MiB |",
            "|    0    2    0     41300      C   Unknown Error                                    N/A |",
            "+---------------------------------------------------------------------------------------+",
            "");
        SmiSnapshot s = NvidiaSmiTableParser.parse(text, "t", diagnostics);
        assertThat(diagnostics).isEmpty();
        assertThat(s.gpus()).containsExactly(new SmiGpu(0, null, bus("0000:07:00.0"), "NVIDIA A100-SXM4-40GB", 40960 * MIB, null,
            25 * MIB, (40960 - 25) * MIB, null, Provenance.at("t", 8)));
        assertThat(s.migDevices()).containsExactly(new SmiMigDevice(0, "1", "0", "0", 13 * MIB, 20096 * MIB, Provenance.at("t", 20)));
        assertThat(s.processes()).containsExactly(
            new SmiProcess(0, null, null, "1", "0", 41221, "C", "/opt/conda/bin/python3", 1024 * MIB, null, Provenance.at("t", 29)),
            new SmiProcess(0, null, null, "2", "0", 41300, "C", "Unknown Error", null, "N/A", Provenance.at("t", 30)));
        SmiSnapshot none = NvidiaSmiTableParser.parse(text.replace(
            "|    0    1    0     41221      C   /opt/conda/bin/python3                      1024MiB |\n"
                + "|    0    2    0     41300      C   Unknown Error                                    N/A |",
            "|  No running processes found                                                           |"), "t", diagnostics);
        assertThat(none.processPanel()).isEqualTo(SmiSnapshot.ProcessPanel.none_found);
        assertThat(none.processes()).isEmpty();
    }

    @Test
    void csvWithAPastedPromptAndAnAliasedHeader() throws IOException {
        String name = "010-query-compute-apps-csv-vgpu-host.txt";
        SmiSnapshot s = SmiReader.parseOne(corpus(name), name, diagnostics);
        assertThat(s.format()).isEqualTo(SmiSnapshot.Format.query_compute_apps_csv);
        assertThat(s.processes()).containsExactly(
            new SmiProcess(null, "GPU-d0180485-9584-433c-6782-c335d5df2cb3", null, null, null, null, null, "vgpu", null, null, Provenance.at(name, 3)),
            new SmiProcess(null, "GPU-777ead31-954e-837f-590f-6c4974d8e571", null, null, null, null, null, "vgpu", null, null, Provenance.at(name, 4)),
            new SmiProcess(null, "GPU-777ead31-954e-837f-590f-6c4974d8e571", null, null, null, null, null, "vgpu", null, null, Provenance.at(name, 5)));
        assertThat(diagnostics).containsExactly(Diagnostic.at(name, 1,
            "not nvidia-smi CSV output: '# nvidia-smi --query-compute-apps=gpu_uuid,name --format=csv'"));
    }

    @Test
    void csvValuesThatAreNotNumbersAndNamesWithCommas() {
        SmiSnapshot gpus = NvidiaSmiCsvParser.parse("index, uuid, pci.bus_id, name, memory.total [MiB], memory.reserved [MiB], memory.used [MiB], memory.free [MiB]\n"
            + "0, GPU-a, 00000000:3B:00.0, NVIDIA H100 80GB HBM3, 81559, 528, [N/A], [Unknown Error]\n"
            + "1, GPU-b, 00000000:86:00.0, NVIDIA H100 80GB HBM3, 81559, 528, 12\n", "q", diagnostics);
        assertThat(gpus.gpus()).containsExactly(new SmiGpu(0, "GPU-a", bus("0000:3b:00.0"), "NVIDIA H100 80GB HBM3", 81559 * MIB, 528 * MIB,
            null, null, "memory.used: N/A; memory.free: Unknown Error", Provenance.at("q", 2)));
        assertThat(diagnostics).containsExactly(Diagnostic.at("q", 3,
            "7 fields, the header has 8: '1, GPU-b, 00000000:86:00.0, NVIDIA H100 80GB HBM3, 81559, 528, 12'"));
        SmiSnapshot apps = NvidiaSmiCsvParser.parse("pid, process_name, used_gpu_memory [MiB], gpu_uuid\n"
            + "77, /usr/bin/my, odd, name, 100 MiB, GPU-a\n", "a", diagnostics);
        assertThat(apps.processes()).extracting(SmiProcess::name).containsExactly("/usr/bin/my, odd, name");
        assertThat(NvidiaSmiCsvParser.parse("pid, process_name\n", "e", diagnostics).processPanel())
            .isEqualTo(SmiSnapshot.ProcessPanel.none_found);
        assertThat(NvidiaSmiCsvParser.parse("12, python, 100 MiB\n", "n", diagnostics)).isNull();
    }

    @Test
    void queryOutputOfWslWithoutPerProcessMemory() throws IOException {
        String name = "013-query-processes-wsl-wddm-not-available.txt";
        SmiSnapshot s = SmiReader.parseOne(corpus(name), name, diagnostics);
        assertThat(s.format()).isEqualTo(SmiSnapshot.Format.query);
        assertThat(s.processes()).hasSize(4);
        assertThat(s.processes().get(0)).isEqualTo(new SmiProcess(null, null, null, "N/A", "N/A", 2936, "C+G",
            "C:\\Windows\\SystemApps\\MicrosoftWindows.Client.CBS_cw5n1h2txyewy\\TextInputHost.exe", null,
            "Not available in WDDM driver model", Provenance.at(name, 3)));
        assertThat(s.processes().get(3)).as("cut off after its pid: no name, no type, no memory")
            .isEqualTo(new SmiProcess(null, null, null, "N/A", "N/A", 5196, null, null, null, null, Provenance.at(name, 21)));
        assertThat(s.gpus()).as("the excerpt has no GPU block: no GPU row made up for its processes").isEmpty();
        assertThat(s.processPanel()).isEqualTo(SmiSnapshot.ProcessPanel.listed);
        assertThat(s.perProcessUsageUnknown()).isTrue();
        assertThat(s.perProcessUsageNote()).isEqualTo("nvidia-smi (" + name + "): per-process GPU memory is not available in the"
            + " WDDM driver model (Windows, WSL); the Windows programs among them (3 of 4) have the Windows host's pids, not this system's");
        assertThat(diagnostics).isEmpty();
    }

    @Test
    void aWddmDriverModelMakesNoneNoProofOfNone() throws IOException {
        String name = "001-wsl-q-driver-model-wddm-510.txt";
        String text = more(name);
        SmiSnapshot head = SmiReader.parseOne(text, name, diagnostics);
        assertThat(head.gpus()).extracting(SmiGpu::bus, SmiGpu::uuid)
            .containsExactly(tuple(bus("0000:01:00.0"), "GPU-b5e386b4-3e71-5837-aca5-80c5914cf07f"));
        assertThat(head.processPanel()).as("the excerpt ends before its Processes section").isEqualTo(SmiSnapshot.ProcessPanel.absent);
        assertThat(head.perProcessUsageUnknown()).isFalse();

        SmiSnapshot none = NvidiaSmiQueryParser.parse(text + "    Processes                             : None\n", name, diagnostics);
        assertThat(none.processPanel()).isEqualTo(SmiSnapshot.ProcessPanel.unavailable);
        assertThat(none.perProcessUsageNote()).isEqualTo("nvidia-smi (" + name + "): per-process GPU memory is not available in the"
            + " WDDM driver model (Windows, WSL)");
        SmiSnapshot said = NvidiaSmiQueryParser.parse(text + "    Processes                             : Not available in WDDM driver model\n",
            name, diagnostics);
        assertThat(said.processPanel()).isEqualTo(SmiSnapshot.ProcessPanel.unavailable);

        SmiSnapshot linux = NvidiaSmiQueryParser.parse(text.replace("WDDM", "N/A") + "    Processes                             : None\n",
            name, diagnostics);
        assertThat(linux.processPanel()).isEqualTo(SmiSnapshot.ProcessPanel.none_found);
        assertThat(linux.perProcessUsageUnknown()).isFalse();
        assertThat(diagnostics).isEmpty();
    }

    @Test
    void aWslTableListsNoMemoryPerProcessAndSomeProcessesWithoutAName() throws IOException {
        String name = "002-wsl-table-processes-na-525.txt";
        String text = more(name);
        SmiSnapshot s = SmiReader.parseOne(text, name, diagnostics);
        assertThat(s.gpus()).as("one GPU, no row made from a process line")
            .containsExactly(new SmiGpu(0, null, bus("0000:09:00.0"), "NVIDIA GeForce ...", 8192 * MIB, null, 2880 * MIB,
                (8192 - 2880) * MIB, null, Provenance.at(name, 9)));
        assertThat(s.processes()).extracting(SmiProcess::pid, SmiProcess::type, SmiProcess::name, SmiProcess::usedBytes, SmiProcess::note)
            .containsExactly(
                tuple(23, "G", "/Xwayland", null, "N/A"),
                tuple(2936, "C+G", "...wy\\TextInputHost.exe", null, "N/A"),
                tuple(5196, "C+G", null, null, "N/A"),
                tuple(7301, "C", null, null, "N/A"));
        assertThat(s.perProcessUsageNote()).isEqualTo("nvidia-smi (" + name + "): none of the 4 processes it lists has a GPU memory"
            + " value; the Windows programs among them (1 of 4) have the Windows host's pids, not this system's");
        assertThat(diagnostics).isEmpty();

        String rows = text.substring(text.indexOf("|    0   N/A  N/A       23"), text.lastIndexOf("+---"));
        SmiSnapshot said = NvidiaSmiTableParser.parse(text.replace(rows,
            "|  Not available in WDDM driver model                                         |\n"), name, diagnostics);
        assertThat(said.processes()).isEmpty();
        assertThat(said.processPanel()).isEqualTo(SmiSnapshot.ProcessPanel.unavailable);
        assertThat(said.perProcessUsageUnknown()).isTrue();
        assertThat(diagnostics).isEmpty();
    }

    @Test
    void perProcessUseIsKnownWhileSomeListedProcessHasAValue() throws IOException {
        String name = "002-eight-2080ti-err-fan-testfixture.txt";
        assertThat(SmiReader.parseOne(corpus(name), name, diagnostics).perProcessUsageUnknown()).isFalse();
        SmiSnapshot mixed = NvidiaSmiCsvParser.parse("pid, process_name, used_gpu_memory [MiB], gpu_bus_id\n"
            + "41221, /opt/conda/bin/python3, 1024 MiB, 00000000:3B:00.0\n"
            + "41300, (null), [N/A], 00000000:3B:00.0\n", "c", diagnostics);
        assertThat(mixed.processes()).extracting(SmiProcess::name).containsExactly("/opt/conda/bin/python3", null);
        assertThat(mixed.perProcessUsageUnknown()).isFalse();
        SmiSnapshot none = NvidiaSmiCsvParser.parse("pid, process_name, used_gpu_memory [MiB]\n"
            + "41300, , [N/A]\n", "c", diagnostics);
        assertThat(none.processes()).extracting(SmiProcess::name).containsOnlyNulls();
        assertThat(none.perProcessUsageNote()).isEqualTo("nvidia-smi (c): none of the 1 processes it lists has a GPU memory value");
        assertThat(NvidiaSmiCsvParser.parse("pid, process_name\n", "e", diagnostics).perProcessUsageUnknown())
            .as("no process listed: nothing unknown about per-process use").isFalse();
        assertThat(diagnostics).isEmpty();
    }

    @Test
    void queryOutputWithMemoryMigAndProcesses() {
        String text = String.join("\n",
            "==============NVSMI LOG==============",
            "",
            "Timestamp                                 : Mon Nov 23 10:00:00 2026",
            "Driver Version                            : 580.65.06",
            "CUDA Version                              : 13.0",
            "",
            "Attached GPUs                             : 1",
            "GPU 00000000:3B:00.0",
            "    Product Name                          : NVIDIA A100-SXM4-80GB",
            "    GPU UUID                              : GPU-6a2b3c4d-1111-2222-3333-444455556666",
            "    Minor Number                          : 0",
            "    FB Memory Usage",
            "        Total                             : 81920 MiB",
            "        Reserved                          : 640 MiB",
            "        Used                              : 14870 MiB",
            "        Free                              : 66410 MiB",
            "    BAR1 Memory Usage",
            "        Total                             : 131072 MiB",
            "        Used                              : 3 MiB",
            "    MIG Devices",
            "        MIG Device",
            "            GPU Instance ID               : 1",
            "            Compute Instance ID           : 0",
            "            FB Memory Usage",
            "                Total                     : 19968 MiB",
            "                Used                      : 13 MiB",
            "    Processes",
            "        GPU instance ID                   : N/A",
            "        Compute instance ID               : N/A",
            "        Process ID                        : 2301",
            "            Type                          : C",
            "            Name                          : python",
            "            Used GPU Memory               : 8192 MiB",
            "");
        SmiSnapshot s = NvidiaSmiQueryParser.parse(text, "q", diagnostics);
        assertThat(diagnostics).isEmpty();
        assertThat(s.driverVersion()).isEqualTo("580.65.06");
        assertThat(s.timestamp()).isEqualTo("Mon Nov 23 10:00:00 2026");
        assertThat(s.gpus()).containsExactly(new SmiGpu(null, "GPU-6a2b3c4d-1111-2222-3333-444455556666", bus("0000:3b:00.0"),
            "NVIDIA A100-SXM4-80GB", 81920 * MIB, 640 * MIB, 14870 * MIB, 66410 * MIB, null, Provenance.at("q", 8)));
        assertThat(s.migDevices()).containsExactly(new SmiMigDevice(null, "1", "0", null, 13 * MIB, 19968 * MIB, Provenance.at("q", 26)));
        assertThat(s.processes()).containsExactly(new SmiProcess(null, "GPU-6a2b3c4d-1111-2222-3333-444455556666", bus("0000:3b:00.0"),
            "N/A", "N/A", 2301, "C", "python", 8192 * MIB, null, Provenance.at("q", 30)));
        SmiSnapshot none = NvidiaSmiQueryParser.parse(text.substring(0, text.indexOf("    MIG Devices"))
            + "    Processes                             : None\n", "q", diagnostics);
        assertThat(none.processPanel()).isEqualTo(SmiSnapshot.ProcessPanel.none_found);
    }

    @Test
    void garbageIsADiagnosticNotAnException() {
        assertThat(SmiReader.parseOne("\u0000\u0001 nothing here\n", "g", diagnostics)).isNull();
        assertThat(NvidiaSmiTableParser.parse("| NVIDIA-SMI x |\n|===|\n| garbage | row |\n", "t", diagnostics).gpus()).isEmpty();
        assertThat(diagnostics).isNotEmpty();
    }

    @Test
    void brokenVariantsOfTheCorpus() throws IOException {
        String cut = "broken/002-cut-mid-gpu-panel.txt";
        SmiSnapshot s = SmiReader.parseOne(corpus(cut), cut, diagnostics);
        assertThat(s.gpus()).extracting(SmiGpu::index).containsExactly(0, 1, 2, 3);
        assertThat(s.processPanel()).isEqualTo(SmiSnapshot.ProcessPanel.absent);
        assertThat(diagnostics).isEmpty();
        String csv = "broken/csv-short-rows-and-garbage.txt";
        SmiSnapshot apps = SmiReader.parseOne(corpus(csv), csv, diagnostics);
        assertThat(apps.processes()).containsExactly(new SmiProcess(null, null, null, null, null, 13, null, "python", null,
            "used_gpu_memory: lots MiB", Provenance.at(csv, 4)));
        assertThat(diagnostics).extracting(Diagnostic::line).containsExactly(2L, 3L);
    }

    /**
     * A GPU NVML gets no handle for: nvidia-smi prints "Unable to determine the device handle for
     * GPU ...: reason" where that GPU would be. Read, it is the GPU that is unreachable, in every
     * format, never "not CSV output" and never an output that says nothing.
     */
    @Test
    void aGpuNvidiaSmiCannotReachIsSaidInEveryForm() throws IOException {
        String old = "003-device-handle-unknown-error-2015.txt";
        SmiSnapshot s = SmiReader.parseOne(more(old), old, diagnostics);
        assertThat(s.unreachable()).containsExactly(new SmiSnapshot.Unreachable(bus("0000:0b:00.0"), "Unknown Error", Provenance.at(old, 2)));
        assertThat(s.gpus()).isEmpty();
        assertThat(s.processPanel()).isEqualTo(SmiSnapshot.ProcessPanel.absent);
        assertThat(diagnostics).extracting(Diagnostic::line).as("only the pasted prompt").containsExactly(1L);
        diagnostics.clear();
        String newer = "004-device-handle-no-space-tesla-p4-2024.txt";
        assertThat(SmiReader.parseOne(more(newer), newer, diagnostics).unreachable())
            .extracting(SmiSnapshot.Unreachable::bus, SmiSnapshot.Unreachable::reason).containsExactly(tuple(bus("0000:07:00.0"), "Unknown Error"));
        String lost = "005-device-handle-gpu-is-lost-2021.txt";
        assertThat(SmiReader.parseOne(more(lost), lost, diagnostics).unreachable()).extracting(SmiSnapshot.Unreachable::reason)
            .containsExactly("GPU is lost. Reboot the system to recover this GPU");
        String q = "006-q-one-gpu-device-handle-unknown-error.txt";
        assertThat(NvidiaSmiQueryParser.parse(more(q), q, diagnostics).unreachable()).extracting(SmiSnapshot.Unreachable::bus)
            .containsExactly(bus("0000:09:00.0"));
        diagnostics.clear();
        // The line among the others: the GPUs it could reach are read as well.
        String table = more(old).lines().skip(1).findFirst().orElseThrow() + "\n" + corpus("004-host-same-gpu-pid-28290.txt");
        SmiSnapshot both = NvidiaSmiTableParser.parse(table, "t", diagnostics);
        assertThat(both.unreachable()).extracting(SmiSnapshot.Unreachable::bus).containsExactly(bus("0000:0b:00.0"));
        assertThat(both.processes()).extracting(SmiProcess::pid).containsExactly(28290);
        SmiSnapshot csv = NvidiaSmiCsvParser.parse("index, pci.bus_id, memory.total [MiB], memory.used [MiB]\n0, 00000000:3B:00.0, 81920 MiB, "
            + "1000 MiB\nUnable to determine the device handle for GPU0000:86:00.0: GPU is lost.  Reboot the system to recover this GPU\n",
            "c", diagnostics);
        assertThat(csv.gpus()).extracting(SmiGpu::bus).containsExactly(bus("0000:3b:00.0"));
        assertThat(csv.unreachable()).extracting(SmiSnapshot.Unreachable::bus, SmiSnapshot.Unreachable::origin)
            .containsExactly(tuple(bus("0000:86:00.0"), Provenance.at("c", 3)));
        assertThat(diagnostics).isEmpty();
    }

    /** nvidia-smi failing as a whole (no NVML, no GPU), or a cut failure line: said in its words, with the line; no GPU made up. */
    @Test
    void nvidiaSmisOwnFailuresAreDiagnosticsInItsWords() {
        assertThat(SmiReader.parseOne("Failed to initialize NVML: Driver/library version mismatch\n", "v", diagnostics)).isNull();
        assertThat(SmiReader.parseOne("No devices were found\n", "n", diagnostics)).isNull();
        SmiSnapshot cut = SmiReader.parseOne("Unable to determine the device handle for GPU 0000:0B:00\n", "cut", diagnostics);
        assertThat(cut).as("a cut bus id names no GPU").isNull();
        SmiSnapshot driver = SmiReader.parseOne("NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver. Make sure that "
            + "the latest NVIDIA driver is installed and running.\n\n", "d", diagnostics);
        assertThat(driver.gpus()).isEmpty();
        assertThat(driver.unreachable()).isEmpty();
        assertThat(diagnostics).extracting(Diagnostic::input, Diagnostic::line, Diagnostic::message).containsExactly(
            tuple("v", 1L, "nvidia-smi failed: 'Failed to initialize NVML: Driver/library version mismatch'"),
            tuple("n", 1L, "nvidia-smi failed: 'No devices were found'"),
            tuple("cut", 1L, "nvidia-smi failed: 'Unable to determine the device handle for GPU 0000:0B:00'"),
            tuple("d", 1L, "nvidia-smi failed: 'NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver. Make sure that "
                + "the latest NVIDIA driver is installed and running.'"));
    }

    /** A GPU query asked without index, uuid or pci.bus_id names no GPU: said at its header, and no row is made up. */
    @Test
    void aGpuQueryThatNamesNoGpuIsSaidNotRead() throws IOException {
        String pod = "007-query-gpu-insufficient-permissions-mig-pod-535.txt";
        assertThat(SmiReader.parseOne(more(pod), pod, diagnostics)).isNull();
        assertThat(diagnostics).extracting(Diagnostic::line).containsExactly(1L, 2L, 3L, 0L);
        assertThat(diagnostics.get(1).message()).startsWith("an nvidia-smi --query-gpu header without index, uuid or pci.bus_id");
        diagnostics.clear();
        String keyed = "index, pci.bus_id, memory.total [MiB], memory.free [MiB], memory.used [MiB]\n0, 00000000:01:00.0, "
            + more(pod).lines().skip(2).findFirst().orElseThrow().replaceAll("^.*\\[N/A\\], ", "") + "\n";
        SmiGpu gpu = NvidiaSmiCsvParser.parse(keyed, "k", diagnostics).gpus().get(0);
        assertThat(gpu.usedBytes()).isNull();
        assertThat(gpu.note()).isEqualTo("memory.total: Insufficient Permissions; memory.used: Insufficient Permissions; "
            + "memory.free: Insufficient Permissions");
    }

    /**
     * A table excerpt that starts at a GPU block is read from it; a memory cell that is no "used /
     * total" (ERR!, or Not Supported on a unified-memory GB10) keeps the GPU, its memory unknown.
     */
    @Test
    void aGpuBlockWithoutItsHeaderAndAnErrMemoryCell() throws IOException {
        String block = "008-hyperv-domain-err-power-v100.txt";
        SmiSnapshot s = SmiReader.parseOne(more(block), block, diagnostics);
        assertThat(s.format()).isEqualTo(SmiSnapshot.Format.table);
        assertThat(s.gpus()).extracting(SmiGpu::index, SmiGpu::bus, SmiGpu::usedBytes, SmiGpu::totalBytes)
            .containsExactly(tuple(1, bus("8ed0:00:00.0"), 593 * MIB, 16160 * MIB));
        SmiSnapshot err = SmiReader.parseOne(more(block).replace("593MiB / 16160MiB", "      ERR!        "), "err", diagnostics);
        assertThat(err.gpus()).extracting(SmiGpu::bus, SmiGpu::usedBytes, SmiGpu::totalBytes, SmiGpu::note)
            .containsExactly(tuple(bus("8ed0:00:00.0"), null, null, "memory: ERR!"));
        String gb10 = "010-gb10-memory-not-supported-580.txt";
        assertThat(SmiReader.parseOne(more(gb10), gb10, diagnostics).gpus())
            .extracting(SmiGpu::name, SmiGpu::bus, SmiGpu::usedBytes, SmiGpu::totalBytes, SmiGpu::note)
            .containsExactly(tuple("NVIDIA GB10", bus("000f:01:00.0"), null, null, "memory: Not Supported"));
        assertThat(diagnostics).isEmpty();
    }

    /** XML ({@code -q -x}) is not read: one diagnostic says so, not one "not CSV" per line. */
    @Test
    void xmlIsSaidNotReadOnce() throws IOException {
        String xml = "009-q-x-xml-excerpt-l20.txt";
        assertThat(SmiReader.parseOne(more(xml), xml, diagnostics)).isNull();
        assertThat(diagnostics).extracting(Diagnostic::message).containsExactly("nvidia-smi -q -x (XML) output is not read: save "
            + "'nvidia-smi -q' or the CSV queries (uvmctl capture does)");
    }

    /** Processes whose memory names no GPU, or no pid, cannot be set against a live process on a GPU: per-process use is then unknown. */
    @Test
    void processMemoryWithoutItsGpuIsPerProcessUseUnknown() {
        SmiSnapshot nowhere = NvidiaSmiCsvParser.parse("pid, process_name, used_gpu_memory [MiB]\n1200, Xorg, 300 MiB\n", "a", diagnostics);
        assertThat(nowhere.perProcessUsageNote()).isEqualTo("nvidia-smi (a): 1 of the 1 processes it lists name no GPU (no gpu_uuid "
            + "or gpu_bus_id column), so their GPU memory cannot be set against a GPU");
        SmiSnapshot placed = NvidiaSmiCsvParser.parse("pid, process_name, used_gpu_memory [MiB], gpu_bus_id\n1200, Xorg, 300 MiB, "
            + "00000000:01:00.0\n", "b", diagnostics);
        assertThat(placed.perProcessUsageUnknown()).isFalse();
        assertThat(diagnostics).isEmpty();
        SmiSnapshot nobody = NvidiaSmiCsvParser.parse("pid, process_name, used_gpu_memory [MiB], gpu_bus_id\n[N/A], [Not Found], "
            + "1024 MiB, 00000000:01:00.0\n", "p", diagnostics);
        assertThat(nobody.perProcessUsageNote()).isEqualTo("nvidia-smi (p): 1 of the 1 processes it lists have GPU memory but no pid, "
            + "so whether that memory is still held by a live process is unknown");
        assertThat(diagnostics).extracting(Diagnostic::input, Diagnostic::line).containsExactly(tuple("p", 2L));
    }

    /** A process row that cannot be read (wrapped by a terminal, a CSV row short of fields) leaves its process's use unknown: said, never taken as none. */
    @Test
    void aProcessRowThatCannotBeReadMakesPerProcessUseUnknown() throws IOException {
        String host = corpus("004-host-same-gpu-pid-28290.txt");
        String row = "|    0     28290    C   python                                        1012MiB |";
        SmiSnapshot wrapped = NvidiaSmiTableParser.parse(host.replace(row, row.substring(0, 60) + "\n" + row.substring(60)), "w", diagnostics);
        assertThat(wrapped.processes()).isEmpty();
        assertThat(wrapped.processPanel()).isEqualTo(SmiSnapshot.ProcessPanel.partly_read);
        assertThat(wrapped.perProcessUsageNote()).isEqualTo("nvidia-smi (w): some of the process rows it lists could not be read "
            + "(see the diagnostics), so what those processes use is unknown");
        assertThat(diagnostics).extracting(Diagnostic::line).containsExactly(5L);
        String csv = "broken/csv-short-rows-and-garbage.txt";
        assertThat(SmiReader.parseOne(corpus(csv), csv, diagnostics).processPanel()).isEqualTo(SmiSnapshot.ProcessPanel.partly_read);
        assertThat(NvidiaSmiTableParser.parse(host, "whole", diagnostics).perProcessUsageUnknown()).isFalse();
    }
}
