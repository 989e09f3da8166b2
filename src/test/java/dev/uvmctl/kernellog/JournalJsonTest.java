package dev.uvmctl.kernellog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code journalctl -k -o json}: string and byte-array MESSAGEs, boot ids, a cut-off export. */
class JournalJsonTest {
    private static String entry(String bootId, long monotonic, String message) {
        return "{\"__CURSOR\":\"s=1\",\"__REALTIME_TIMESTAMP\":\"1795780801123456\",\"__MONOTONIC_TIMESTAMP\":\"" + monotonic
            + "\",\"_BOOT_ID\":\"" + bootId + "\",\"PRIORITY\":\"4\",\"_TRANSPORT\":\"kernel\",\"SYSLOG_IDENTIFIER\":\"kernel\","
            + "\"_SOURCE_MONOTONIC_TIMESTAMP\":\"" + (monotonic - 7) + "\",\"MESSAGE\":" + message + "}";
    }

    @Test
    void readsTimesLevelAndBootId() {
        Recorded r = Recorded.read("journal.json", entry("b1", 14328198511L,
            "\"NVRM: Xid (PCI:0000:0a:00): 45, pid='<unknown>', name=<unknown>, Ch 00000008\"") + "\n");
        assertThat(r.diagnostics).isEmpty();
        assertThat(Describe.all(r.records)).containsExactly("xid L1 gpu=0000:0a:00.0 code=45 pidText='<unknown>' ch=8");
        RecordOrigin o = r.records.get(0).origin();
        assertThat(o.kernelMicros()).as("the kernel's own time, not journald's").isEqualTo(14328198504L);
        assertThat(o.wall()).hasToString("2026-11-27T12:00:01.123456Z");
        assertThat(o.level()).isEqualTo(4);
        assertThat(o.bootId()).isEqualTo("b1");
        assertThat(r.streams.get(0).formats()).containsExactly(LineFormat.JOURNAL_JSON);
    }

    @Test
    void messageAsAnArrayOfBytes() {
        // "NVRM: Xid (PCI:0000:0a:00): 62, \x1b[31m" as bytes: journald stores control characters so.
        StringBuilder bytes = new StringBuilder("[");
        String text = "NVRM: Xid (PCI:0000:0a:00): 62, pid=77, name=evil\u001b[31m, 2023b230";
        for (byte b : text.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            bytes.append(bytes.length() > 1 ? "," : "").append(b & 0xff);
        }
        bytes.append(']');
        Recorded r = Recorded.read("journal.json", entry("b1", 100, bytes.toString()) + "\n");
        assertThat(Describe.all(r.records)).containsExactly("xid L1 gpu=0000:0a:00.0 pid=77 process=evil\u001b[31m code=62");
    }

    @Test
    void aNewBootIdStartsABoot() {
        Recorded r = Recorded.read("journal.json", String.join("\n",
            entry("b1", 5000000, "\"NVRM: Xid (PCI:0000:0a:00): 31, pid=1, name=a, Ch 00000001\""),
            entry("b2", 9000000, "\"NVRM: Xid (PCI:0000:0a:00): 31, pid=2, name=b, Ch 00000001\""), ""));
        assertThat(Describe.all(r.records)).containsExactly(
            "xid L1 gpu=0000:0a:00.0 pid=1 process=a code=31 ch=1",
            "boot L2 boot=2 boot-id bootId=b2",
            "xid L2 boot=2 gpu=0000:0a:00.0 pid=2 process=b code=31 ch=1");
    }

    @Test
    void aCutOffExportIsOneDiagnosticAndTheRestIsRead() {
        String whole = entry("b1", 100, "\"NVRM: Xid (PCI:0000:0a:00): 45, Ch 00000008\"");
        Recorded r = Recorded.read("journal.json", whole + "\n" + whole.substring(0, 120));
        assertThat(r.records).hasSize(1);
        assertThat(r.diagnostics).extracting(Object::toString)
            .containsExactly("journal.json:2: journal JSON line is cut off (truncated export?)");
    }

    /**
     * An object cut before its MESSAGE in the middle of an export: no marker is left in it, but
     * what it lost may have been the driver's, so it is a diagnostic too, and the lines around it
     * are read.
     */
    @Test
    void anObjectCutBeforeItsMessageInTheMiddleIsOneDiagnostic() {
        String xid = entry("b1", 100, "\"NVRM: Xid (PCI:0000:0a:00): 45, Ch 00000008\"");
        String cut = entry("b1", 101, "\"usb 1-1: new device\"").substring(0, 60);
        Recorded r = Recorded.read("journal.json", xid + "\n" + cut + "\r\n" + xid.replace("Ch 00000008", "Ch 00000009") + "\n");
        assertThat(Describe.all(r.records)).hasSize(2);
        assertThat(r.diagnostics).extracting(Object::toString)
            .containsExactly("journal.json:2: journal JSON line is cut off (truncated export?)");
    }

    @Test
    void brokenJsonLinesAreDiagnosedOnlyWhenTheyCouldConcernTheGpu() {
        Recorded r = Recorded.read("journal.json", String.join("\n",
            "{\"MESSAGE\":\"usb 1-1: new device\",}",
            "{\"MESSAGE\":\"NVRM: Xid (PCI:0000:0a:00): 45, Ch 00000008\",,}",
            entry("b1", 100, "\"NVRM: Xid (PCI:0000:0a:00): 45, Ch 00000009\""), ""));
        assertThat(Describe.all(r.records)).containsExactly("xid L3 gpu=0000:0a:00.0 code=45 ch=9");
        assertThat(r.diagnostics).hasSize(1);
        assertThat(r.diagnostics.get(0).line()).isEqualTo(2);
        assertThat(r.diagnostics.get(0).message()).startsWith("journal JSON line cannot be read: ");
    }

    /** Blank lines (a copy joined or edited by hand; journalctl writes none) are nothing, as in every other form: no diagnostic. */
    @Test
    void blankLinesAreNothing() {
        Recorded r = Recorded.read("journal.json", entry("b1", 100, "\"NVRM: Xid (PCI:0000:0a:00): 45, Ch 00000008\"") + "\n\n  \n"
            + entry("b1", 200, "\"NVRM: Xid (PCI:0000:0a:00): 45, Ch 00000009\"") + "\n\n");
        assertThat(r.diagnostics).isEmpty();
        assertThat(Describe.all(r.records)).containsExactly("xid L1 gpu=0000:0a:00.0 code=45 ch=8", "xid L4 gpu=0000:0a:00.0 code=45 ch=9");
        assertThat(r.streams.get(0).formats()).containsExactly(LineFormat.JOURNAL_JSON);
    }
}
