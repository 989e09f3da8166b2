package dev.uvmctl.kernellog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Broken input never stops the parse: the corpus samples with garbage, NUL bytes, megabyte
 * lines, CRLF, a cut-off end and a start in the middle of a record (the broken variants in
 * src/test/resources/corpus-broken are made from them), and lines of other subsystems in between.
 */
class RobustnessTest {
    private static final String SAMPLE = "corpus/xid/002-xid31-62-45-cascade-chia.txt";

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            b.writeBytes(p);
        }
        return b.toByteArray();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A driver line without the prefix its neighbours have cannot be placed in time or boot: it is
     * left out, and the diagnostic names the prefix it lacks (here the syslog form with date and host
     * cut, "kernel: "), with no word of a timestamp those lines do not have either.
     */
    @Test
    void aDriverLineWithoutItsNeighboursPrefixIsLeftOutAndSaidSo() {
        Recorded r = Recorded.read("pasted.log", "kernel: NVRM: Xid (PCI:0000:dc:00): 45, pid=1818990, name=python3, Ch 00000001\n"
            + "NVRM: Xid (PCI:0019:01:00): 149, NETIR Fatal XC0 i0 Link -1 (0x000fe406 0x00000000 0x00000000)\n"
            + "kernel: NVRM: Xid (PCI:0000:ed:00): 45, pid=1818992, name=python3, Ch 0000000c\n");
        assertThat(r.of(XidRecord.class)).extracting(x -> x.origin().line()).containsExactly(1L, 3L);
        assertThat(r.diagnostics).extracting(Object::toString).containsExactly("pasted.log:2: a line without the syslog prefix the lines "
            + "around it have (pasted in, or its prefix cut off), so of unknown time and boot: left out: NVRM: Xid (PCI:0019:01:00): 149, "
            + "NETIR Fatal XC0 i0 Link -1 …");
    }

    @Test
    void garbageAndNulBytesAroundTheRecordsAreSkippedSilently() {
        byte[] garbage = new byte[4096];
        new java.util.Random(7).nextBytes(garbage);
        for (int i = 0; i < garbage.length; i++) {
            if (garbage[i] == '\n' || garbage[i] == 'V' || garbage[i] == 'v' || garbage[i] == 'K') {
                garbage[i] = 'x';
            }
        }
        Recorded r = Recorded.read("noisy", concat(garbage, ascii("\n\0\0\0\n"), Recorded.bytes(SAMPLE), garbage));
        assertThat(r.of(XidRecord.class)).hasSize(10);
        assertThat(r.diagnostics).isEmpty();
    }

    @Test
    void aNulInsideARelevantLineIsKeptAndTheRecordRead() {
        Recorded r = Recorded.read("nul", "[  100.000000] NVRM: Xid (PCI:0000:0a:00): 13, pid=1, name=a\0b, Graphics Exception\n");
        assertThat(r.of(XidRecord.class)).singleElement().extracting(XidRecord::process).isEqualTo("a\0b");
    }

    @Test
    void aLineOfMegabytesIsCutAndTheNextLineIsRead() {
        byte[] huge = new byte[3 * KernelLogScanner.MAX_LINE + 17];
        java.util.Arrays.fill(huge, (byte) 'x');
        byte[] nvidiaHuge = ascii("[  1.0] nvidia-uvm: " + "y".repeat(2 * KernelLogScanner.MAX_LINE));
        Recorded r = Recorded.read("huge", concat(huge, ascii("\n"), nvidiaHuge, ascii("\n"), Recorded.bytes(SAMPLE)));
        assertThat(r.of(XidRecord.class)).hasSize(10);
        assertThat(r.of(XidRecord.class).get(0).origin().line()).isEqualTo(4);
        assertThat(r.of(UvmPrint.class)).singleElement().satisfies(p -> assertThat(p.origin().raw()).hasSize(RecordOrigin.MAX_RAW + 1));
        assertThat(r.streams.get(0).lines()).isEqualTo(14);
    }

    @Test
    void crlfFromAWindowsEditorChangesNothing() {
        String crlf = new String(Recorded.bytes(SAMPLE), StandardCharsets.UTF_8).replace("\n", "\r\n");
        Recorded plain = Recorded.resource(SAMPLE);
        Recorded r = Recorded.read("002-xid31-62-45-cascade-chia.txt", crlf);
        assertThat(Describe.all(r.records)).isEqualTo(Describe.all(plain.records));
        assertThat(r.diagnostics).isEmpty();
    }

    @Test
    void aCutOffLastLineIsOneDiagnostic() {
        String whole = new String(Recorded.bytes(SAMPLE), StandardCharsets.UTF_8);
        String cut = whole.substring(0, whole.length() - 30);
        Recorded r = Recorded.read("cut.log", cut);
        assertThat(r.diagnostics).extracting(Object::toString)
            .containsExactly("cut.log:12: the last line ends without a newline: it may be cut off");
    }

    @Test
    void aLogThatStartsInTheMiddleOfARecord() {
        // The ring buffer wrapped: the first lines are the end of a multi-line message and of a trace.
        Recorded r = Recorded.read("wrapped", String.join("\n",
            "               NVRM: fallen off the bus and is not responding to commands.",
            "[  155.441558]  __fput+0xfc/0x2c0",
            "[  155.441569]  do_exit+0x55d/0x6f0",
            "[  200.000000] NVRM: Xid (PCI:0000:0a:00): 45, pid='<unknown>', name=<unknown>, Ch 00000008", ""));
        assertThat(Describe.all(r.records)).containsExactly("xid L4 gpu=0000:0a:00.0 code=45 pidText='<unknown>' ch=8");
        assertThat(r.diagnostics).isEmpty();
    }

    @Test
    void unreadableTimestampsOnRelevantLinesAreDiagnostics() {
        Recorded r = Recorded.read("bad", String.join("\n",
            "[  100.000000] NVRM: Xid (PCI:0000:0a:00): 45, Ch 00000008",
            "[  10x.000000] NVRM: Xid (PCI:0000:0a:00): 45, Ch 00000009",
            "[  100.000002 NVRM: Xid (PCI:0000:0a:00): 45, Ch 0000000a",
            "<4 NVRM: Xid (PCI:0000:0a:00): 45, Ch 0000000b",
            "[  10x.000000] usb 1-1: a line of another subsystem is not our business", ""));
        assertThat(Describe.all(r.records)).containsExactly("xid L1 gpu=0000:0a:00.0 code=45 ch=8");
        assertThat(r.diagnostics).extracting(Object::toString).containsExactly(
            "bad:2: unreadable kernel timestamp '[  10x.000000]'",
            "bad:3: kernel timestamp without its closing ']'",
            "bad:4: printk level '<4 ' without its closing '>'");
    }

    @Test
    void interleavedLinesOfOtherSubsystemsDoNotSplitOrMergeRecords() {
        Recorded r = Recorded.read("interleaved", String.join("\n",
            "[  100.000000] NVRM: GPU at PCI:0000:0a:00: GPU-760d0170-b7c5-6817-9414-6cc7112645de",
            "[  100.000001] e1000e 0000:00:1f.6 eno1: NIC Link is Up 1000 Mbps Full Duplex",
            "[  100.000002] NVRM: GPU Board Serial Number: 1653923026510",
            "[  100.000003] sched: RT throttling activated", ""));
        assertThat(Describe.all(r.records)).containsExactly(
            "gpu-info L1 gpu=0000:0a:00.0 uuid=GPU-760d0170-b7c5-6817-9414-6cc7112645de",
            "gpu-info L3 serial=1653923026510");
    }

    @Test
    void theBrokenVariantsOfTheCorpus() {
        Recorded mid = Recorded.resource("corpus-broken/xid/019-starts-mid-record.txt");
        assertThat(Describe.all(mid.records)).containsExactly(
            "xid L2 gpu=0000:5d:00.0 code=79 pidText='<unknown>'",
            "gpu-lost L3-4 gpu=0000:5d:00.0 runtime serial=1653923026510",
            "driver-message L5-7 NVRM");
        assertThat(mid.diagnostics).isEmpty();
        Recorded json = Recorded.resource("corpus-broken/xid/002-as-journal-json-truncated.json");
        assertThat(json.of(XidRecord.class)).hasSize(9);
        assertThat(json.diagnostics).extracting(d -> d.line() + " " + d.message())
            .containsExactly("12 journal JSON line is cut off (truncated export?)");
        Recorded crlf = Recorded.resource("corpus-broken/bug-report/003-crlf-nul.txt");
        assertThat(Describe.all(crlf.records))
            .isEqualTo(Describe.all(Recorded.resource("corpus/bug-report/003-kernlog-scan-section-start-430-to-xid.txt").records));
        assertThat(crlf.diagnostics).isEmpty();
    }
}
