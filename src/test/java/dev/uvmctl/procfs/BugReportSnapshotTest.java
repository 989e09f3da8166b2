package dev.uvmctl.procfs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uvmctl.shared.PciAddress;
import dev.uvmctl.shared.Provenance;
import dev.uvmctl.testing.Golden;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BugReportSnapshotTest {
    /**
     * Splits the corpus sample the way the bug-report section reader will ("____" separators, "*** PATH"
     * headers): a stand-in for that reader, which the kernel-log work provides.
     */
    static List<BugReportSection> sections(List<String> lines) {
        List<BugReportSection> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("*** ") && !lines.get(i).startsWith("*** ls:")) {
                String name = lines.get(i).substring(4);
                int start = i + 1;
                while (start < lines.size() && lines.get(start).startsWith("*** ls:")) {
                    start++;
                }
                int end = start;
                while (end < lines.size() && !lines.get(end).startsWith("____")) {
                    end++;
                }
                out.add(new BugReportSection(name, String.join("\n", lines.subList(start, end)), start + 1));
                i = end;
            }
        }
        return out;
    }

    @Test
    void theGpusOfAReportAndNoProcesses() throws IOException {
        List<String> lines = Files.readAllLines(Golden.resource("corpus/bug-report/001-proc-driver-nvidia-sections-440-4gpu.txt"));
        SystemSnapshot s = BugReportSnapshot.read("nvidia-bug-report.log", sections(lines));
        assertThat(s.gpus()).hasSize(4);
        assertThat(s.gpus().get(0)).isEqualTo(new NvidiaGpuInformation(PciAddress.parse("0000:02:00.0").orElseThrow(), "GeForce RTX 2080 Ti",
            "GPU-2809c740-845e-0975-2849-bf7bc20f2bfe", 0, false, Provenance.at("nvidia-bug-report.log", 12)));
        assertThat(s.diagnostics()).isEmpty();
        assertThat(s.missing()).singleElement().asString().startsWith("an nvidia-bug-report.log has no /proc/PID entries");
        VaSpaceView v = VaSpaceViewBuilder.build(s);
        assertThat(v.gpus()).extracting(g -> g.bus().toString()).containsExactly("0000:02:00.0", "0000:03:00.0", "0000:83:00.0", "0000:84:00.0");
    }

    @Test
    void diagnosticsPointAtReportLines() {
        SystemSnapshot s = BugReportSnapshot.read("r", List.of(new BugReportSection("/proc/driver/nvidia-uvm/gpus/UVM-GPU-x/0/info",
            "GPU ID 1: UVM-GPU-d9b28d2d-828e-cae5-626b-dc354d9af00f\nretained_count                         x\n", 100)));
        assertThat(s.diagnostics()).extracting(d -> d.location() + ": " + d.message())
            .containsExactly("r:101: retained_count is not a number: 'x'");
        assertThat(BugReportSnapshot.looksLikeBugReport("Start of NVIDIA bug report log file.  Mail ...")).isTrue();
    }
}
