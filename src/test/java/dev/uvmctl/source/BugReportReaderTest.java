package dev.uvmctl.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BugReportReaderTest {

    private static List<String> outline(InputStream in) throws IOException {
        List<String> out = new ArrayList<>();
        try (BugReportReader r = new BugReportReader(new LineReader(in))) {
            for (BugReportReader.Section s = r.nextSection(); s != null; s = r.nextSection()) {
                int lines = 0;
                String last = null;
                for (LineReader.Line l = r.nextLine(); l != null; l = r.nextLine()) {
                    lines++;
                    last = l.text();
                }
                out.add(s.line() + " " + s.title() + " (" + lines + " lines, last: " + last + ")");
            }
        }
        return out;
    }

    private static InputStream resource(String path) {
        return BugReportReaderTest.class.getResourceAsStream("/" + path);
    }

    @Test
    void splitsTheProcSectionsOfARealReport() throws IOException {
        assertThat(outline(resource("corpus/bug-report/001-proc-driver-nvidia-sections-440-4gpu.txt"))).containsExactly(
            "3 *** /proc/driver/nvidia/./version (4 lines, last: )",
            "10 *** /proc/driver/nvidia/./gpus/0000:02:00.0/information (12 lines, last: )",
            "25 *** /proc/driver/nvidia/./gpus/0000:02:00.0/registry (3 lines, last: )",
            "31 *** /proc/driver/nvidia/./gpus/0000:03:00.0/information (12 lines, last: )",
            "46 *** /proc/driver/nvidia/./gpus/0000:03:00.0/registry (3 lines, last: )",
            "52 *** /proc/driver/nvidia/./gpus/0000:83:00.0/information (12 lines, last: )",
            "67 *** /proc/driver/nvidia/./gpus/0000:83:00.0/registry (3 lines, last: )",
            "73 *** /proc/driver/nvidia/./gpus/0000:84:00.0/information (12 lines, last: )",
            "88 *** /proc/driver/nvidia/./gpus/0000:84:00.0/registry (3 lines, last: )",
            "94 *** /proc/driver/nvidia/./warnings/README (6 lines, last: )",
            "103 *** /proc/driver/nvidia/./params (34 lines, last: )");
    }

    @Test
    void theKernelLogScanSectionKeepsItsSubHeaders() throws IOException {
        assertThat(outline(resource("corpus/bug-report/003-kernlog-scan-section-start-430-to-xid.txt"))).containsExactly(
            "3 /sbin/modinfo nvidia | grep vermagic (3 lines, last: )",
            "9 Scanning kernel log files for NVIDIA kernel messages: (43 lines, last: "
                + "Nov 15 12:43:10 sdu-dpai-turing-1 kernel: [ 7613.978117] NVRM: Xid (PCI:0000:03:00): 13, pid=10635, "
                + "Graphics Exception: ESR 0x504f30=0x1d0009 0x504f34=0x0 0x504f28=0x4c1eb72 0x504f2c=0x174)");
    }

    @Test
    void recognisesAReportByItsPrologueOrItsSeparator() throws IOException {
        byte[] head = resource("corpus/bug-report/002-header-440-sdu-dpai-turing-1.txt").readAllBytes();
        assertThat(BugReportReader.looksLike(new String(head, StandardCharsets.UTF_8))).isTrue();
        assertThat(BugReportReader.looksLike(BugReportReader.SEPARATOR + "\n\ndmesg:\n")).isTrue();
        assertThat(BugReportReader.looksLike("[    0.000000] Linux version 6.8.0\n")).isFalse();
        assertThat(outline(new ByteArrayInputStream(head)).get(0)).startsWith("3 Start of NVIDIA bug report log file.");
    }

    @Test
    void emptySectionsAndATruncatedEnd() throws IOException {
        String s = BugReportReader.SEPARATOR + "\n\n" + BugReportReader.SEPARATOR + "\n\ndmesg:\n\n[    1.0] a";
        assertThat(outline(new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8))))
            .containsExactly("5 dmesg: (2 lines, last: [    1.0] a)");
    }
}
