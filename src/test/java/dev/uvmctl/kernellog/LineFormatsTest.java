package dev.uvmctl.kernellog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One Xid line in every form users have a kernel log in. Each must give the same record with
 * the times its format carries, and no diagnostic.
 */
class LineFormatsTest {
    private static final String XID = "NVRM: Xid (PCI:0000:3b:00): 13, pid=4711, name=python3, Graphics Exception: ESR 0x5067b0=0x9";
    private static final String RECORD = "xid L1 gpu=0000:3b:00.0 pid=4711 process=python3 code=13 esr=1";

    private static RecordOrigin only(String log, LineFormat format) {
        return only(log, format, RECORD);
    }

    private static RecordOrigin only(String log, LineFormat format, String record) {
        Recorded r = Recorded.read("t.log", log);
        assertThat(r.diagnostics).as(log).isEmpty();
        assertThat(Describe.all(r.records)).as(log).containsExactly(record);
        assertThat(r.records.get(0).message()).isEqualTo(XID);
        assertThat(r.streams.get(0).formats()).as(log).containsExactly(format);
        return r.records.get(0).origin();
    }

    @Test
    void dmesgRaw() {
        RecordOrigin o = only("[14328.198504] " + XID + "\n", LineFormat.DMESG);
        assertThat(o.kernelMicros()).isEqualTo(14_328_198_504L);
        assertThat(o.wall()).isNull();
        assertThat(o.level()).isNull();
        assertThat(o.raw()).isEqualTo("[14328.198504] " + XID);
    }

    @Test
    void dmesgWithDeltas() {
        RecordOrigin o = only("[  123.456789 <    0.000123>] " + XID + "\n", LineFormat.DMESG);
        assertThat(o.kernelMicros()).isEqualTo(123_456_789L);
    }

    @Test
    void dmesgCtimeInEnglishAndChinese() {
        RecordOrigin o = only("[Fri Nov 27 12:00:01 2026] " + XID + "\n", LineFormat.DMESG_CTIME);
        assertThat(o.kernelMicros()).isNull();
        assertThat(o.wall()).hasToString("2026-11-27T12:00:01");
        RecordOrigin zh = only("[五 11月 27 12:00:01 2026] " + XID + "\n", LineFormat.DMESG_CTIME);
        assertThat(zh.wall()).hasToString("2026-11-27T12:00:01");
    }

    @Test
    void dmesgRawLevelAndPstore() {
        RecordOrigin o = only("<4>[  123.400000] " + XID + "\n", LineFormat.DMESG_RAW);
        assertThat(o.level()).isEqualTo(4);
        assertThat(o.kernelMicros()).isEqualTo(123_400_000L);
    }

    @Test
    void dmesgDecoded() {
        RecordOrigin o = only("kern  :warn  : [  123.456789] " + XID + "\n", LineFormat.DMESG_DECODED);
        assertThat(o.level()).isEqualTo(4);
        assertThat(o.kernelMicros()).isEqualTo(123_456_789L);
    }

    @Test
    void dmesgIso() {
        RecordOrigin o = only("2026-11-27T12:00:01,123456+01:00 " + XID + "\n", LineFormat.DMESG_ISO);
        assertThat(o.wall()).hasToString("2026-11-27T12:00:01.123456+01:00");
        // dmesg -x --time-format iso: facility and level, then the ISO time.
        RecordOrigin x = only("kern  :err   : 2026-11-27T12:00:01,123456+01:00 " + XID + "\n", LineFormat.DMESG_DECODED);
        assertThat(x.wall()).hasToString("2026-11-27T12:00:01.123456+01:00");
        assertThat(x.level()).isEqualTo(3);
        Recorded broken = Recorded.read("x.log", "kern  :err   : 2026-13-27T12:00:01,123456+01:00 " + XID + "\n");
        assertThat(broken.diagnostics).singleElement().asString().contains("x.log:1").contains("unreadable date");
    }

    @Test
    void aLogQuotedInMarkdownOrMailIsReadInsideTheQuote() {
        RecordOrigin o = only("> [14328.198504] " + XID + "\n", LineFormat.DMESG);
        assertThat(o.raw()).isEqualTo("> [14328.198504] " + XID);
        only("> > Nov 27 12:00:01 node kernel: " + XID + "\n", LineFormat.SYSLOG);
        // A quoted continuation line stays one.
        Recorded r = Recorded.read("q.log", "> [ 1843.308145] NVRM: The NVIDIA GPU 0000:b3:00.0\n>                NVRM: (PCI ID: 10de:26b5) installed in this system has\n"
            + ">                NVRM: fallen off the bus and is not responding to commands.\n");
        assertThat(Describe.all(r.records)).containsExactly("gpu-lost L1-3 gpu=0000:b3:00.0 probe pciId=10de:26b5");
    }

    @Test
    void kmsgRecordWithDictionaryLines() {
        RecordOrigin o = only("4,1234,14328198504,-;" + XID + "\n SUBSYSTEM=pci\n DEVICE=+pci:0000:3b:00.0\n", LineFormat.KMSG,
            RECORD.replace("L1", "L1-3"));
        assertThat(o.level()).isEqualTo(4);
        assertThat(o.kernelMicros()).isEqualTo(14_328_198_504L);
        assertThat(o.lastLine()).isEqualTo(3);
    }

    @Test
    void journalShortAndPrecise() {
        RecordOrigin o = only("Nov 27 12:00:01 gpu-node-7 kernel: " + XID + "\n", LineFormat.SYSLOG);
        assertThat(o.wall()).hasToString("--11-27T12:00:01");
        assertThat(o.kernelMicros()).isNull();
        RecordOrigin p = only("Nov 27 12:00:01.123456 gpu-node-7 kernel: " + XID + "\n", LineFormat.SYSLOG);
        assertThat(p.wall()).hasToString("--11-27T12:00:01.123456");
    }

    @Test
    void journalMonotonic() {
        RecordOrigin o = only("[  123.456789] gpu-node-7 kernel: " + XID + "\n", LineFormat.JOURNAL_MONOTONIC);
        assertThat(o.kernelMicros()).isEqualTo(123_456_789L);
    }

    @Test
    void journalIsoAndFullAndUnix() {
        assertThat(only("2026-11-27T12:00:01+0100 gpu-node-7 kernel: " + XID + "\n", LineFormat.SYSLOG_ISO).wall())
            .hasToString("2026-11-27T12:00:01+01:00");
        assertThat(only("Fri 2026-11-27 12:00:01 UTC gpu-node-7 kernel: " + XID + "\n", LineFormat.JOURNAL_FULL).wall())
            .hasToString("2026-11-27T12:00:01Z");
        assertThat(only("1795780801.123456 gpu-node-7 kernel: " + XID + "\n", LineFormat.JOURNAL_UNIX).wall())
            .hasToString("2026-11-27T12:00:01.123456Z");
    }

    @Test
    void syslogWithTheKernelStampInside() {
        RecordOrigin o = only("Feb 15 17:37:45 Gipfeli kernel: [82659.755847] " + XID + "\n", LineFormat.SYSLOG);
        assertThat(o.kernelMicros()).isEqualTo(82_659_755_847L);
        assertThat(o.wall()).hasToString("--02-15T17:37:45");
    }

    @Test
    void syslogRfc3339() {
        RecordOrigin o = only("2026-11-27T12:00:01.123456+01:00 gpu-node-7 kernel: [  123.456789] " + XID + "\n", LineFormat.SYSLOG_ISO);
        assertThat(o.kernelMicros()).isEqualTo(123_456_789L);
        assertThat(o.wall()).hasToString("2026-11-27T12:00:01.123456+01:00");
    }

    @Test
    void syslogInOtherLocales() {
        assertThat(only("11月 15 10:59:09 sdu-dpai-turing-1 kernel: " + XID + "\n", LineFormat.SYSLOG).wall())
            .hasToString("--11-15T10:59:09");
        assertThat(only("Dez  3 10:59:09 rechner kernel: " + XID + "\n", LineFormat.SYSLOG).wall())
            .hasToString("--12-03T10:59:09");
        assertThat(only("févr. 3 10:59:09 machine kernel: " + XID + "\n", LineFormat.SYSLOG).wall())
            .hasToString("--02-03T10:59:09");
    }

    @Test
    void remoteSyslogWithHostOrIpPrefix() {
        RecordOrigin talos = only("192.168.11.119: kern: warning: [2026-04-22T21:27:51.291882381Z]: " + XID + "\n", LineFormat.REMOTE);
        assertThat(talos.wall()).hasToString("2026-04-22T21:27:51.291882381Z");
        assertThat(talos.level()).isEqualTo(4);
        RecordOrigin pdsh = only("gpu-node-7: [  123.456789] " + XID + "\n", LineFormat.REMOTE);
        assertThat(pdsh.kernelMicros()).isEqualTo(123_456_789L);
    }

    @Test
    void strippedHostAndTime() {
        assertThat(only("kernel: " + XID + "\n", LineFormat.SYSLOG).wall()).isNull();
        Recorded bare = Recorded.read("t.log", XID + "\n");
        assertThat(Describe.all(bare.records)).containsExactly(RECORD);
        assertThat(bare.streams.get(0).formats()).isEmpty();
    }

    @Test
    void crlfLineEndings() {
        RecordOrigin o = only("[  123.456789] " + XID + "\r\n", LineFormat.DMESG);
        assertThat(o.raw()).endsWith("ESR 0x5067b0=0x9");
    }

    @Test
    void syslogRfc5424() {
        // rsyslog's RSYSLOG_SyslogProtocol23Format: <PRI>1 TIMESTAMP HOST APP PROCID MSGID SD MSG; kern.warning is <4>.
        RecordOrigin o = only("<4>1 2026-11-27T12:00:01.123456+01:00 gpu-node-7 kernel - - - " + XID + "\n", LineFormat.SYSLOG_5424);
        assertThat(o.wall()).hasToString("2026-11-27T12:00:01.123456+01:00");
        assertThat(o.level()).isEqualTo(4);
        assertThat(o.kernelMicros()).isNull();
        // Structured data (with an escaped ']' in a value), a byte-order mark before the message, the kernel's own stamp.
        RecordOrigin sd = only("<3>1 2026-11-27T11:00:01Z gpu-node-7 kernel - - [timeQuality tzKnown=\"1\" note=\"a\\]b\"][origin ip=\"10.0.0.7\"] "
            + "\uFEFF[  123.456789] " + XID + "\n", LineFormat.SYSLOG_5424);
        assertThat(sd.level()).isEqualTo(3);
        assertThat(sd.kernelMicros()).isEqualTo(123_456_789L);
        assertThat(sd.wall()).hasToString("2026-11-27T11:00:01Z");
        // The nil timestamp, and an APP-NAME other than "kernel" with facility kern (0): still the kernel's.
        assertThat(only("<4>1 - gpu-node-7 - - - - " + XID + "\n", LineFormat.SYSLOG_5424).wall()).isNull();
    }

    @Test
    void rfc5424LinesOfProgramsAreNotKernelLinesAndABrokenHeaderIsSaid() {
        // <30> is daemon.info: a program's line quoting an Xid is not the kernel's.
        Recorded r = Recorded.read("remote.log",
            "<30>1 2026-11-27T12:00:01Z node nvidia-persistenced 1234 - - " + XID + "\n"
                + "<4>1 2026-11-27T12:00:02Z node kernel - - - " + XID + "\n"
                + "<4>1 2026-11-27T12:00:03Z node kernel - - [unclosed a=\"b\" " + XID + "\n");
        assertThat(Describe.all(r.records)).containsExactly(RECORD.replace("L1", "L2"));
        assertThat(r.diagnostics).singleElement().asString().contains("remote.log:3").contains("structured data");
        // dmesg -r without times stays dmesg -r: what follows <4> is no version and timestamp.
        assertThat(only("<4>" + XID + "\n", LineFormat.DMESG_RAW).level()).isEqualTo(4);
    }

    @Test
    void dmesgWithSeveralTimeFormats() {
        // util-linux 2.40+: --time-format raw --time-format ctime (or iso) prints both, in the order given.
        RecordOrigin o = only("[14328.198504] [Fri Nov 27 12:00:01 2026] " + XID + "\n", LineFormat.DMESG);
        assertThat(o.kernelMicros()).isEqualTo(14_328_198_504L);
        assertThat(o.wall()).hasToString("2026-11-27T12:00:01");
        RecordOrigin iso = only("[14328.198504] 2026-11-27T12:00:01,123456+01:00 " + XID + "\n", LineFormat.DMESG);
        assertThat(iso.wall()).hasToString("2026-11-27T12:00:01.123456+01:00");
        RecordOrigin ctimeFirst = only("[Fri Nov 27 12:00:01 2026] [14328.198504] " + XID + "\n", LineFormat.DMESG_CTIME);
        assertThat(ctimeFirst.kernelMicros()).isEqualTo(14_328_198_504L);
        RecordOrigin isoFirst = only("2026-11-27T12:00:01,123456+01:00 [14328.198504] " + XID + "\n", LineFormat.DMESG_ISO);
        assertThat(isoFirst.kernelMicros()).isEqualTo(14_328_198_504L);
        // A message that starts with a bracket of its own keeps it.
        Recorded drm = Recorded.read("d.log", "[    5.000000] [drm] Initialized nvidia-drm 0.0.0 20160202 for 0000:3b:00.0 on minor 1\n");
        assertThat(drm.records.get(0).message()).startsWith("[drm] Initialized");
    }

    @Test
    void dmesgReltimeAndHumanGiveTheMessagesWithoutATime() {
        // util-linux dmesg.c print_record, --reltime: "[%b%e %H:%M] " at a new minute, "[  %+8.06f] " / "[ %+9.06f] " after.
        RecordOrigin minute = only("[Dec 7 07:00] " + XID + "\n", LineFormat.DMESG_RELTIME);
        assertThat(minute.kernelMicros()).isNull();
        assertThat(minute.wall()).isNull();
        assertThat(only("[  +0.000123] " + XID + "\n", LineFormat.DMESG_RELTIME).wall()).isNull();
        assertThat(only("[ +12.000123] " + XID + "\n", LineFormat.DMESG_RELTIME).kernelMicros()).isNull();
        only("[Dec17 23:59] " + XID + "\n", LineFormat.DMESG_RELTIME);
        only("[12月 7 07:00] " + XID + "\n", LineFormat.DMESG_RELTIME);
        // --time-format delta (dmesg -d -t): "[<%12.06f>] ".
        assertThat(only("[<    0.000123>] " + XID + "\n", LineFormat.DMESG_DELTA).kernelMicros()).isNull();
        // dmesg -T -d: the ctime and the delta.
        assertThat(only("[Fri Nov 27 12:00:01 2026 <    0.000123>] " + XID + "\n", LineFormat.DMESG_CTIME).wall())
            .hasToString("2026-11-27T12:00:01");
    }

    @Test
    void aBrokenRelativeTimeIsSaidAndAnOldFrameAddressIsNoTime() {
        Recorded r = Recorded.read("h.log", "[Dec 7 07:00] Linux version 6.8.0\n[  +0.00x123] " + XID + "\n[  +0.000100] " + XID + "\n");
        assertThat(Describe.all(r.records)).containsExactly("boot L1 banner kernel=6.8.0", RECORD.replace("L1", "L3"));
        assertThat(r.diagnostics).singleElement().asString().contains("h.log:2").contains("unreadable relative timestamp");
        // Kernels before 4.x printed frames as [<ffffffffa0123456>]; hashed pointers as [<00000000ab12cd34>]: no delta times.
        Recorded frames = Recorded.read("t.log", "[<ffffffffa0123456>] _nv011745rm+0x1b/0x40 [nvidia]\n"
            + "[<00000000ab12cd34>] uvm_ioctl+0x12/0x30 [nvidia_uvm]\n");
        assertThat(frames.diagnostics).isEmpty();
        assertThat(frames.streams.get(0).formats()).doesNotContain(LineFormat.DMESG_DELTA);
    }

    @Test
    void colourAndTerminalEscapesAreTakenOutBeforeTheLineIsRead() {
        // dmesg --color=always: the time, the subsystem prefix (up to ": ") and an error's text each in SGR sequences.
        String coloured = "\u001b[32m[14328.198504] \u001b[0m\u001b[33mNVRM: \u001b[0m\u001b[1;31m"
            + XID.substring("NVRM: ".length()) + "\u001b[0m\n";
        RecordOrigin o = only(coloured, LineFormat.DMESG);
        assertThat(o.kernelMicros()).isEqualTo(14_328_198_504L);
        assertThat(o.raw()).isEqualTo("[14328.198504] " + XID);
        // A terminal capture (script): a window title (OSC ... BEL), bracketed paste, an erase, CRLF; every format.
        only("\u001b]0;user@node: ~\u0007\u001b[?2004l\u001b[KNov 27 12:00:01 node kernel: " + XID + "\u001b[0m\r\n", LineFormat.SYSLOG);
        only("\u001b[32m<4>\u001b[0m1 2026-11-27T12:00:01Z node kernel - - - " + XID + "\n", LineFormat.SYSLOG_5424);
        only("\u001b(B\u001b[m4,1234,14328198504,-;" + XID + "\n", LineFormat.KMSG);
    }

    /** An entry as util-linux's dmesg -J writes it (lib/jsonwrt.c: three spaces an indent level, "},{" between entries). */
    private static String dmesgJson(String... entries) {
        return "{\n   \"dmesg\": [\n      " + String.join(",", entries) + "\n   ]\n}\n";
    }

    private static String jsonEntry(String fields) {
        return "{\n" + fields.indent(9).stripTrailing() + "\n      }";
    }

    @Test
    void dmesgJson() {
        // The time is printed raw with "%5ld.%06ld", so padded; pri is LOG_MAKEPRI(facility, level): kern.warn is 4.
        String doc = dmesgJson(jsonEntry("\"pri\": 6,\n\"time\":     0.000000,\n\"msg\": \"Linux version 6.8.0\""),
            jsonEntry("\"pri\": 4,\n\"time\": 14328.198504,\n\"caller\": \"T4711\",\n\"msg\": \"" + XID + "\""));
        Recorded r = Recorded.read("dmesg.json", doc);
        assertThat(r.diagnostics).isEmpty();
        assertThat(Describe.all(r.records)).containsExactly("boot L6 banner kernel=6.8.0", RECORD.replace("L1", "L11"));
        RecordOrigin o = r.records.get(1).origin();
        assertThat(o.kernelMicros()).isEqualTo(14_328_198_504L);
        assertThat(o.level()).isEqualTo(4);
        assertThat(o.raw()).isEqualTo("\"msg\": \"" + XID + "\"");
        assertThat(r.records.get(1).message()).isEqualTo(XID);
        assertThat(r.streams.get(0).formats()).containsExactly(LineFormat.DMESG_JSON);
        assertThat(r.streams.get(0).lines()).isEqualTo(15);
        // dmesg -J -x: facility and level by name; written on one line again (jq -c), a whole-second time.
        Recorded x = Recorded.read("x.json", "{\"dmesg\":[{\"fac\":\"kern\",\"pri\":\"err\",\"time\":14328,\"msg\":\"" + XID + "\"}]}");
        assertThat(x.diagnostics).isEmpty();
        assertThat(Describe.all(x.records)).containsExactly(RECORD);
        assertThat(x.records.get(0).origin().level()).isEqualTo(3);
        assertThat(x.records.get(0).origin().kernelMicros()).isEqualTo(14_328_000_000L);
    }

    @Test
    void aMultiLineDmesgJsonMessageGivesTheRecordsOfTheTextForm() {
        Recorded text = Recorded.resource("corpus/xid/001-fallen-off-bus-multiline-570.txt");
        String doc = dmesgJson(jsonEntry("\"pri\": 3,\n\"time\":  1843.308145,\n\"msg\": \"NVRM: The NVIDIA GPU 0000:b3:00.0\\n"
                + "NVRM: (PCI ID: 10de:26b5) installed in this system has\\nNVRM: fallen off the bus and is not responding to commands.\""),
            jsonEntry("\"pri\": 3,\n\"time\":  1843.439662,\n\"msg\": \"NVRM: The NVIDIA probe routine failed for 1 device(s).\""));
        Recorded json = Recorded.read("dmesg.json", doc);
        assertThat(json.diagnostics).isEmpty();
        List<String> fromText = text.records.stream().limit(2).map(k -> k.kind() + " " + k.message() + " " + k.origin().kernelMicros()).toList();
        assertThat(json.records.stream().map(k -> k.kind() + " " + k.message() + " " + k.origin().kernelMicros()).toList())
            .isEqualTo(fromText);
        assertThat(Describe.all(json.records)).containsExactly("gpu-lost L6 gpu=0000:b3:00.0 probe pciId=10de:26b5",
            "gpu-failure L10 probe-failed devices=1");
    }

    @Test
    void aCutOffDmesgJsonIsSaidWhereItEndsAfterTheEntriesBeforeIt() {
        String doc = dmesgJson(jsonEntry("\"pri\": 4,\n\"time\": 14328.198504,\n\"msg\": \"" + XID + "\""),
            jsonEntry("\"pri\": 4,\n\"time\": 14329.000000,\n\"msg\": \"" + XID + "\""));
        Recorded cut = Recorded.read("cut.json", doc.substring(0, doc.indexOf("14329.0")));
        assertThat(Describe.all(cut.records)).containsExactly(RECORD.replace("L1", "L6"));
        assertThat(cut.diagnostics).singleElement().asString().startsWith("cut.json:9: ").contains("cut off");
        // Broken inside (a hand edit): the entries before are read, the break is said at its line.
        Recorded broken = Recorded.read("broken.json", doc.replace("\"time\": 14329.000000,", "\"time\": 14329.000000"));
        assertThat(Describe.all(broken.records)).containsExactly(RECORD.replace("L1", "L6"));
        assertThat(broken.diagnostics).singleElement().asString().startsWith("broken.json:10: ").contains("cannot be read");
        // A program's line written to /dev/kmsg (facility user: pri 12 is user.warn) is not the kernel's; an entry without msg is said.
        Recorded user = Recorded.read("u.json", dmesgJson(jsonEntry("\"pri\": 12,\n\"time\": 1.000000,\n\"msg\": \"" + XID + "\""),
            jsonEntry("\"pri\": 4,\n\"time\": 2.000000")));
        assertThat(user.records).isEmpty();
        assertThat(user.diagnostics).singleElement().asString().startsWith("u.json:7: ").contains("without its \"msg\"");
    }

    /** A long dmesg -J is read entry by entry: its first record is out long before the document is read. */
    @Test
    void aLongDmesgJsonIsStreamed() throws java.io.IOException {
        byte[] entry = ("      {\n         \"pri\": 4,\n         \"time\":   100.000000,\n         \"msg\": \"" + XID + "\"\n      },")
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        long entries = 400_000;
        long[] read = {0};
        long[] atFirst = {-1};
        java.io.InputStream endless = new java.io.InputStream() {
            private final byte[] head = "{\n   \"dmesg\": [\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            private long pos;

            @Override
            public int read() {
                long total = head.length + entries * entry.length;
                if (pos == total) {
                    pos++;
                    return '}';
                }
                if (pos > total) {
                    return -1;
                }
                long p = pos++;
                read[0] = pos;
                // The last entry's comma closes the array instead.
                return p < head.length ? head[(int) p] : p == total - 1 ? ']' : entry[(int) ((p - head.length) % entry.length)];
            }
        };
        long[] count = {0};
        List<dev.uvmctl.shared.Diagnostic> diagnostics = new java.util.ArrayList<>();
        new KernelLogReader(XidCatalog.builtIn()).read("big.json", new java.io.BufferedInputStream(endless), false, new KernelLogReader.Sink() {
            @Override
            public void record(KernelRecord record) {
                if (count[0]++ == 0) {
                    atFirst[0] = read[0];
                }
            }

            @Override
            public void diagnostic(dev.uvmctl.shared.Diagnostic d) {
                diagnostics.add(d);
            }

            @Override
            public void streamStarted(String input, String section) {
            }

            @Override
            public void streamEnded(KernelLogReader.StreamStats stats) {
            }
        });
        assertThat(diagnostics).isEmpty();
        assertThat(count[0]).isEqualTo(entries);
        assertThat(read[0]).isGreaterThan(40_000_000L);
        assertThat(atFirst[0]).isBetween(1L, 1_000_000L);
    }

    @Test
    void journalJsonPrettyAndJsonSeq() {
        // systemd's JSON_FORMAT_PRETTY: the -o json object over many lines, tab-indented, " : " after each key.
        String entry = "{\n\t\"__CURSOR\" : \"s=3c1f2a;i=1a2b\",\n\t\"__REALTIME_TIMESTAMP\" : \"1795780801123456\",\n"
            + "\t\"__MONOTONIC_TIMESTAMP\" : \"14328198504\",\n\t\"_BOOT_ID\" : \"6f0a1c2e\",\n\t\"_TRANSPORT\" : \"kernel\",\n"
            + "\t\"PRIORITY\" : \"4\",\n\t\"MESSAGE\" : \"" + XID + "\",\n\t\"_HOSTNAME\" : \"node\"\n}\n";
        Recorded r = Recorded.read("j.json", entry + entry.replace("14328198504", "14329000000"));
        assertThat(r.diagnostics).isEmpty();
        assertThat(Describe.all(r.records)).containsExactly(RECORD.replace("L1", "L8"), RECORD.replace("L1", "L18"));
        RecordOrigin o = r.records.get(0).origin();
        assertThat(o.kernelMicros()).isEqualTo(14_328_198_504L);
        assertThat(o.wall()).hasToString("2026-11-27T12:00:01.123456Z");
        assertThat(o.level()).isEqualTo(4);
        assertThat(o.bootId()).isEqualTo("6f0a1c2e");
        assertThat(o.raw()).isEqualTo("\"MESSAGE\" : \"" + XID + "\"");
        assertThat(r.streams.get(0).formats()).containsExactly(LineFormat.JOURNAL_JSON);
        // Cut inside its second entry: the first is read, the cut said at its line.
        Recorded cut = Recorded.read("j.json", entry + entry.substring(0, entry.indexOf("\"PRIORITY")));
        assertThat(Describe.all(cut.records)).containsExactly(RECORD.replace("L1", "L8"));
        assertThat(cut.diagnostics).singleElement().asString().startsWith("j.json:17: ").contains("json-pretty document is cut off");
        // -o json-seq (RFC 7464): each -o json object after an RS.
        RecordOrigin seq = only("\u001e{\"__REALTIME_TIMESTAMP\":\"1795780801123456\",\"__MONOTONIC_TIMESTAMP\":\"14328198504\","
            + "\"_TRANSPORT\":\"kernel\",\"PRIORITY\":\"4\",\"MESSAGE\":\"" + XID + "\"}\n", LineFormat.JOURNAL_JSON);
        assertThat(seq.kernelMicros()).isEqualTo(14_328_198_504L);
        // -o json-sse: each after "data: ", a blank line after it.
        RecordOrigin sse = only("data: {\"__REALTIME_TIMESTAMP\":\"1795780801123456\",\"__MONOTONIC_TIMESTAMP\":\"14328198504\","
            + "\"_TRANSPORT\":\"kernel\",\"PRIORITY\":\"4\",\"MESSAGE\":\"" + XID + "\"}\n\n", LineFormat.JOURNAL_JSON);
        assertThat(sse.kernelMicros()).isEqualTo(14_328_198_504L);
    }

    @Test
    void nulPaddingOfAPstoreRecordIsNoPartOfTheLine() {
        RecordOrigin o = only("Oops#1 Part1\n\u0000\u0000\u0000\u0000<4>[14328.198504] " + XID + "\n\u0000\u0000\u0000", LineFormat.DMESG_RAW,
            RECORD.replace("L1", "L2"));
        assertThat(o.raw()).isEqualTo("<4>[14328.198504] " + XID);
        assertThat(o.line()).isEqualTo(2);
    }

    /**
     * journalctl -o export and -o verbose put a message's time, level and boot on lines of their
     * own: not read, and the one line that says so names what to run instead, also when NVRM
     * lines are in it and a prompt comes before it.
     */
    @Test
    void journalExportAndVerboseAreNotReadAndSaySo() {
        Recorded export = Recorded.read("e.log", "__CURSOR=s=3c1f2a;i=1a2b;b=6f0a\n__REALTIME_TIMESTAMP=1795780801123456\n"
            + "_TRANSPORT=kernel\nPRIORITY=4\nMESSAGE=" + XID + "\n\n");
        assertThat(export.records).isEmpty();
        assertThat(KernelLogReader.unreadable(export.streams)).startsWith("is journalctl -o export output")
            .contains("journalctl -k -o json");
        Recorded verbose = Recorded.read("v.log", "$ journalctl -k -o verbose\nFri 2026-11-27 12:00:01.123456 UTC [s=3c1f2a;i=1a2b;b=6f0a]\n"
            + "    _TRANSPORT=kernel\n    PRIORITY=4\n    MESSAGE=" + XID + "\n");
        assertThat(verbose.records).isEmpty();
        assertThat(verbose.streams.get(0).lines()).isEqualTo(5);
        assertThat(KernelLogReader.unreadable(verbose.streams)).startsWith("is journalctl -o verbose output");
        // -o short-full is read: its time is no verbose header.
        only("Fri 2026-11-27 12:00:01 UTC gpu-node-7 kernel: " + XID + "\n", LineFormat.JOURNAL_FULL);
    }

    @Test
    void lokiLogcliOutput() {
        // logcli query (default output): the entry's time, its stream's labels, the line.
        RecordOrigin o = only("2026-12-07T07:00:01.123456Z {host=\"gpu-node-7\", job=\"systemd-journal\", unit=\"a}b\"} " + XID + "\n", LineFormat.LOKI);
        assertThat(o.wall()).hasToString("2026-12-07T07:00:01.123456Z");
        assertThat(o.kernelMicros()).isNull();
        only("2026-12-07T07:00:01Z {} " + XID + "\n", LineFormat.LOKI);
    }

    /** Whatever a form leaves between its prefix and an Xid (a tool quoting the kernel's message) is said, and the Xid read. */
    @Test
    void textBeforeAnXidIsSaidAndTheXidRead() {
        Recorded npd = Recorded.read("npd.log", "I1207 07:00:01.123456       1 log_monitor.go:160] New status generated: &{Source:kernel-monitor "
            + "Events:[{Severity:warn Reason:GPUXid Message:" + XID + "}]}\n");
        assertThat(Describe.all(npd.records)).containsExactly(RECORD.replace(" esr=1", " esr=1"));
        assertThat(npd.diagnostics).singleElement().asString().startsWith("npd.log:1: text before 'NVRM: Xid'");
        Recorded tab = Recorded.read("t.log", "2026-12-07 07:00:01.123\t" + XID + "\n");
        assertThat(Describe.all(tab.records)).containsExactly(RECORD);
        assertThat(tab.records.get(0).origin().wall()).hasToString("2026-12-07T07:00:01.123000");
        assertThat(tab.diagnostics).singleElement().asString().contains("t.log:1");
    }

    @Test
    void programLinesOfASyslogFileAreNotKernelLines() {
        Recorded r = Recorded.read("messages",
            "Nov 27 12:00:01 node nvidia-persistenced[1234]: " + XID + "\n"
                + "Nov 27 12:00:02 node kernel: " + XID + "\n");
        assertThat(Describe.all(r.records)).containsExactly(RECORD.replace("L1", "L2"));
    }

    @Test
    void rsyslogEscapedNewlinesJoinAMultiLineMessage() {
        Recorded r = Recorded.read("kern.log", "Nov 27 12:00:01 node kernel: [ 1843.308145] NVRM: The NVIDIA GPU 0000:b3:00.0"
            + "#012NVRM: (PCI ID: 10de:26b5) installed in this system has#012NVRM: fallen off the bus and is not responding to commands.\n");
        assertThat(Describe.all(r.records)).containsExactly("gpu-lost L1 gpu=0000:b3:00.0 probe pciId=10de:26b5");
    }

    @Test
    void multiLineNvrmMessageWrittenAsSeparateSyslogLines() {
        Recorded r = Recorded.read("kern.log", String.join("\n",
            "Nov 27 12:00:01 node kernel: [ 1843.308145] NVRM: The NVIDIA GPU 0000:b3:00.0",
            "Nov 27 12:00:01 node kernel: [ 1843.308145] NVRM: (PCI ID: 10de:26b5) installed in this system has",
            "Nov 27 12:00:01 node kernel: [ 1843.308145] NVRM: fallen off the bus and is not responding to commands.",
            "Nov 27 12:00:01 node kernel: [ 1843.439662] NVRM: The NVIDIA probe routine failed for 1 device(s).", ""));
        assertThat(Describe.all(r.records)).containsExactly(
            "gpu-lost L1-3 gpu=0000:b3:00.0 probe pciId=10de:26b5",
            "gpu-failure L4 probe-failed devices=1");
        assertThat(r.records.get(0).message()).isEqualTo("NVRM: The NVIDIA GPU 0000:b3:00.0\n"
            + "NVRM: (PCI ID: 10de:26b5) installed in this system has\n"
            + "NVRM: fallen off the bus and is not responding to commands.");
    }

    @Test
    void formatsMixInOneInput() {
        Recorded r = Recorded.read("mixed", String.join("\n",
            "[  100.000001] " + XID,
            "Nov 27 12:00:01 node kernel: [  100.000002] " + XID,
            "4,99,100000003,-;" + XID, ""));
        assertThat(r.records).hasSize(3);
        assertThat(r.diagnostics).isEmpty();
        assertThat(r.streams.get(0).formats()).containsExactly(LineFormat.DMESG, LineFormat.KMSG, LineFormat.SYSLOG);
        assertThat(List.of(r.records.get(0).origin().boot(), r.records.get(2).origin().boot())).containsExactly(1, 1);
    }
}
