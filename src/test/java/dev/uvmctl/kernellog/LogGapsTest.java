package dev.uvmctl.kernellog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Lines in which a log says it lost messages are diagnostics at their line, in every form the
 * lines come in; look-alikes (another program's words, another subsystem's rate limit, a marker
 * cut short) are not, and the records around a gap are read as before.
 */
class LogGapsTest {
    private static final String XID = "NVRM: Xid (PCI:0000:3b:00): 79, pid='<unknown>', name=<unknown>, GPU has fallen off the bus.";
    private static final String JOURNALD = "systemd-journald missed 17 kernel messages here (the kernel's ring buffer overwrote them "
        + "before journald read them): the log is incomplete here";

    @Test
    void journaldsMissedKernelMessagesInJournalctlText() {
        Recorded r = Recorded.read("j.log", "-- Boot 6f1c2a4e9b3d4c5e8a7f0d1e2f3a4b5c --\n"
            + "Nov 27 11:02:11 gpu-node-07 kernel: nvidia-uvm: Loaded the UVM driver, major device number 508.\n"
            + "Nov 27 12:08:40 gpu-node-07 systemd-journald[512]: Missed 17 kernel messages\n"
            + "Nov 27 12:08:42 gpu-node-07 kernel: " + XID + "\n");
        assertThat(r.diagnostics).extracting(Object::toString).containsExactly("j.log:3: " + JOURNALD);
        assertThat(r.of(XidRecord.class)).singleElement().extracting(x -> x.origin().line()).isEqualTo(4L);
        // The gap is a record too, in its place and at journald's time, for the model (an events_lost): docs/events.md.
        assertThat(gaps(r)).containsExactly("3 wall=12:08:40 journald 17");
        assertThat(kinds(r)).containsExactly(RecordKind.BOOT, RecordKind.UVM_LOAD, RecordKind.LOG_GAP, RecordKind.XID);
        assertThat(r.of(LogGap.class).get(0).why()).isEqualTo(JOURNALD);
    }

    @Test
    void journaldsMissedKernelMessagesInJournalJson() {
        Recorded r = Recorded.read("j.json", "{\"__REALTIME_TIMESTAMP\":\"1764244000000000\",\"__MONOTONIC_TIMESTAMP\":\"100000000\","
            + "\"_TRANSPORT\":\"kernel\",\"MESSAGE\":\"nvidia-uvm: Loaded the UVM driver, major device number 508.\"}\n"
            + "{\"__REALTIME_TIMESTAMP\":\"1764244001000000\",\"__MONOTONIC_TIMESTAMP\":\"101000000\",\"_TRANSPORT\":\"driver\","
            + "\"SYSLOG_IDENTIFIER\":\"systemd-journald\",\"MESSAGE_ID\":\"e9bf28e6e834481bb6f48f548ad13606\",\"MESSAGE\":\"Missed 1 kernel messages\"}\n");
        assertThat(r.diagnostics).extracting(Object::toString).containsExactly("j.json:2: systemd-journald missed 1 kernel message here "
            + "(the kernel's ring buffer overwrote them before journald read them): the log is incomplete here");
        assertThat(gaps(r)).containsExactly("2 micros=101000000 journald 1");
    }

    @Test
    void anotherProgramsWordsAreNoGap() {
        Recorded r = Recorded.read("j.log", "Nov 27 11:02:11 gpu-node-07 kernel: nvidia-uvm: Loaded the UVM driver, major device number 508.\n"
            + "Nov 27 12:08:40 gpu-node-07 myjournald-exporter[77]: Missed 17 kernel messages\n"
            + "Nov 27 12:08:41 gpu-node-07 systemd-journald[512]: Missed some kernel messages\n"
            + "Nov 27 12:08:42 gpu-node-07 kernel: Missed 3 kernel messages\n");
        assertThat(r.diagnostics).isEmpty();
        assertThat(r.of(LogGap.class)).isEmpty();
    }

    @Test
    void aConsoleThatDroppedMessagesBetweenPrefixedLines() {
        Recorded r = Recorded.read("console.log", "[  200.000000] nvidia-uvm: Loaded the UVM driver, major device number 508.\n"
            + "** 12 printk messages dropped **\n"
            + "[  302.000000] " + XID + "\n");
        assertThat(r.diagnostics).extracting(Object::toString).containsExactly("console.log:2: the console dropped 12 kernel messages here "
            + "('** 12 printk messages dropped **'): this capture of the console is incomplete here; dmesg or the journal may still hold them");
        assertThat(r.of(XidRecord.class)).hasSize(1);
        // The console's line has no time of its own: the gap is between the lines around it.
        assertThat(gaps(r)).containsExactly("2 - console 12");
        assertThat(kinds(r)).containsExactly(RecordKind.UVM_LOAD, RecordKind.LOG_GAP, RecordKind.XID);
    }

    @Test
    void aConsoleThatDroppedMessagesInALogWithoutPrefixes() {
        Recorded r = Recorded.read("bare.log", "nvidia-uvm: Loaded the UVM driver, major device number 508.\n** 1 printk messages dropped **\n" + XID + "\n");
        assertThat(r.diagnostics).extracting(Object::toString).containsExactly("bare.log:2: the console dropped 1 kernel message here "
            + "('** 1 printk messages dropped **'): this capture of the console is incomplete here; dmesg or the journal may still hold them");
        assertThat(r.of(XidRecord.class)).hasSize(1);
        assertThat(gaps(r)).containsExactly("2 - console 1");
    }

    @Test
    void aDroppedMarkerCutShortIsNoCount() {
        Recorded r = Recorded.read("console.log", "[  200.000000] nvidia-uvm: Loaded the UVM driver, major device number 508.\n"
            + "** 12 printk messages dro\n"
            + "** many printk messages dropped **\n"
            + "[  302.000000] " + XID + "\n");
        assertThat(r.diagnostics).extracting(Object::toString).noneMatch(d -> d.contains("the console dropped"));
        assertThat(r.of(LogGap.class)).isEmpty();
    }

    @Test
    void theRateLimitOfADriverFunctionIsAGapOtherSubsystemsAreNot() {
        Recorded r = Recorded.read("dmesg.log", "[  200.000000] nvidia-uvm: Loaded the UVM driver, major device number 508.\n"
            + "[  300.000000] uvm_va_block_make_resident: 5 callbacks suppressed\n"
            + "[  300.500000] nv_drm_revoke_modeset_permission: 1 callbacks suppressed\n"
            + "[  301.000000] net_ratelimit: 20 callbacks suppressed\n"
            + "[  301.100000] nvme_timeout: 2 callbacks suppressed\n"
            + "[  301.200000] uvm_va_block_make_resident: some callbacks suppressed\n"
            + "[  302.000000] " + XID + "\n");
        assertThat(r.diagnostics).extracting(Object::toString).containsExactly(
            "dmesg.log:2: the kernel's rate limit suppressed 5 messages of the driver's uvm_va_block_make_resident here: "
                + "what the driver reported in this stretch is incomplete",
            "dmesg.log:3: the kernel's rate limit suppressed 1 message of the driver's nv_drm_revoke_modeset_permission here: "
                + "what the driver reported in this stretch is incomplete");
        assertThat(r.of(XidRecord.class)).hasSize(1);
        assertThat(gaps(r)).containsExactly("2 micros=300000000 ratelimit 5", "3 micros=300500000 ratelimit 1");
    }

    /**
     * ___ratelimit prints its line as the next print of the call site is allowed: right before the
     * driver's print, which names its function, a static one too, whose name the scanner cannot
     * know. Before a print of another function it is no gap of the driver's.
     */
    @Test
    void theRateLimitLineRightBeforeAPrintOfItsFunction() {
        Recorded r = Recorded.read("dmesg.log", "[  200.000000] nvidia-uvm: Loaded the UVM driver, major device number 508.\n"
            + "[  300.000000] service_fault_batch: 7 callbacks suppressed\n"
            + "[  300.000001] nvidia-uvm: uvm_gpu_replayable_faults.c:2914 service_fault_batch[pid:812] Assert failed, condition x not true\n"
            + "[  301.000000] block_populate_pages: 3 callbacks suppressed\n"
            + "[  301.000001] nvidia-uvm: uvm_va_block.c:100 block_other[pid:812] Assert failed, condition y not true\n");
        assertThat(r.diagnostics).extracting(Object::toString).containsExactly(
            "dmesg.log:2: the kernel's rate limit suppressed 7 messages of the driver's service_fault_batch here: "
                + "what the driver reported in this stretch is incomplete");
        assertThat(r.of(UvmPrint.class)).hasSize(2);
        assertThat(gaps(r)).containsExactly("2 micros=300000000 ratelimit 7");
        assertThat(kinds(r)).containsExactly(RecordKind.UVM_LOAD, RecordKind.LOG_GAP, RecordKind.UVM_PRINT, RecordKind.UVM_PRINT);
    }

    private static final String LOADED = "nvidia-uvm: Loaded the UVM driver, major device number 508.";

    /**
     * A reader of /dev/kmsg that falls behind gets EPIPE and goes on at the oldest record left
     * (devkmsg_read): the records' numbers jump there, whatever the lines say, relevant or not.
     */
    @Test
    void aJumpInTheKmsgRecordNumbersIsAGapAtItsLine() {
        Recorded r = Recorded.read("kmsg", "6,500,2000000,-;" + LOADED + "\n"
            + "6,501,2100000,-;usb 1-1: new high-speed USB device number 2 using xhci_hcd\n"
            + " SUBSYSTEM=usb\n"
            + "6,510,3000000,-,caller=T812;usb 1-1: New USB device found\n"
            + "4,511,3100000,-;" + XID + "\n");
        assertThat(r.diagnostics).extracting(Object::toString).containsExactly("kmsg:4: the /dev/kmsg record numbers jump from 501 to 510 "
            + "here: 8 records missing (the kernel's ring buffer overwrote them before they were read, or lines were taken out of this copy): "
            + "the log is incomplete here");
        assertThat(r.of(XidRecord.class)).hasSize(1);
        // At the time of the first record after the missing ones, which is no record of its own (a USB line).
        assertThat(gaps(r)).containsExactly("4 micros=3000000 kmsg-sequence 8");
        assertThat(r.of(LogGap.class).get(0).message()).isEqualTo("usb 1-1: New USB device found");
        assertThat(kinds(r)).containsExactly(RecordKind.UVM_LOAD, RecordKind.LOG_GAP, RecordKind.XID);
    }

    /** Consecutive numbers, a first record that is not 0 (older ones long overwritten), a second reading, a reboot: no gap. */
    @Test
    void kmsgNumbersThatDoNotJumpAreNoGap() {
        Recorded r = Recorded.read("kmsg", "6,7000,2000000,-;" + LOADED + "\n"
            + "6,7001,2100000,c;usb 1-1: new high-speed USB device number 2 using xhci_hcd\n"
            + "4,7002,2200000,+;" + XID + "\n"
            + "6,7000,2000000,-;" + LOADED + "\n"
            + "5,0,0,-;Linux version 6.8.0-49-generic (buildd@lcy02-amd64-103) #49-Ubuntu SMP\n"
            + "6,1,100,-;" + LOADED + "\n"
            + "2026-11-27T12:00:01,123456+01:00 12,13,14\n");
        noJumpIn(r);
    }

    /** A copy filtered by hand jumps at every line taken out: the first jump is said at its line, the count at the last. */
    @Test
    void manyJumpsAreCountedOnceAtTheEnd() {
        Recorded r = Recorded.read("kmsg", "6,500,2000000,-;" + LOADED + "\n"
            + "4,503,3100000,-;" + XID + "\n"
            + "4,507,3200000,-;" + XID + "\n"
            + "4,508,3300000,-;" + XID + "\n"
            + "4,600,3400000,-;" + XID);
        assertThat(r.diagnostics).extracting(Object::toString).containsExactly(
            "kmsg:2: the /dev/kmsg record numbers jump from 500 to 503 here: 2 records missing (the kernel's ring buffer overwrote them "
                + "before they were read, or lines were taken out of this copy): the log is incomplete here",
            "kmsg:5: the last line ends without a newline: it may be cut off",
            "kmsg:5: the /dev/kmsg record numbers jump 3 times in all, 96 records missing: a reader that fell behind more than once, "
                + "or a copy filtered by hand (grep), which jumps at every line taken out; what the missing records said is not in this report");
        assertThat(r.of(XidRecord.class)).hasSize(4);
        // Diagnostics say it twice; the model is told of each place, since each may hide something of its own.
        assertThat(gaps(r)).containsExactly("2 micros=3100000 kmsg-sequence 2", "3 micros=3200000 kmsg-sequence 3",
            "5 micros=3400000 kmsg-sequence 91");
        assertThat(kinds(r)).containsExactly(RecordKind.UVM_LOAD, RecordKind.LOG_GAP, RecordKind.XID, RecordKind.LOG_GAP, RecordKind.XID,
            RecordKind.XID, RecordKind.LOG_GAP, RecordKind.XID);
    }

    /**
     * A copy filtered by hand (grep) jumps at every line: the first JUMPS_PLACED jumps are placed one
     * by one, the rest summed into one record at the end, with no time (so it stays last), so that
     * the model keeps a bounded number of losses whatever the log's length.
     */
    @Test
    void pastTheJumpsPlacedOneByOneTheRestAreSummedAtTheEnd() {
        int lines = KernelLogParser.JUMPS_PLACED + 11;
        StringBuilder log = twoTakenOutBeforeEach(lines);
        Recorded r = Recorded.read("kmsg", log.toString());
        List<LogGap> gaps = r.of(LogGap.class);
        assertThat(gaps).hasSize(KernelLogParser.JUMPS_PLACED + 1);
        assertThat(gaps.subList(0, KernelLogParser.JUMPS_PLACED)).allSatisfy(g -> assertThat(g.count()).isEqualTo(2L))
            .allSatisfy(g -> assertThat(g.origin().kernelMicros()).isNotNull());
        LogGap rest = gaps.get(KernelLogParser.JUMPS_PLACED);
        assertThat(rest.count()).as("11 more jumps of 2 records").isEqualTo(22L);
        assertThat(rest.origin().kernelMicros()).isNull();
        assertThat(rest.origin().line()).isEqualTo(lines + 1L);
        assertThat(rest.why()).startsWith("the /dev/kmsg record numbers jumped 11 more times after the first 1024, 22 records missing");
        assertThat(r.records.get(r.records.size() - 1)).as("the last record").isSameAs(rest);
        assertThat(r.of(XidRecord.class)).hasSize(lines);
    }

    /**
     * The jumps not placed one by one belong to the boot they were in: a reboot in the log (its
     * numbers start again) ends that boot's sum, and the next boot's history lost nothing.
     */
    @Test
    void theJumpsSummedBelongToTheirBoot() {
        int lines = KernelLogParser.JUMPS_PLACED + 5;
        StringBuilder log = twoTakenOutBeforeEach(lines);
        log.append("5,0,0,-;Linux version 6.8.0-45-generic (buildd@lcy02-amd64-075) #45-Ubuntu SMP\n");
        log.append("6,1,900000,-;").append(LOADED).append('\n');
        log.append("4,2,1000000,-;").append(XID).append('\n');
        Recorded r = Recorded.read("kmsg", log.toString());
        List<LogGap> gaps = r.of(LogGap.class);
        assertThat(gaps).hasSize(KernelLogParser.JUMPS_PLACED + 1);
        LogGap rest = gaps.get(KernelLogParser.JUMPS_PLACED);
        assertThat(rest.count()).as("5 more jumps of 2 records").isEqualTo(10L);
        assertThat(rest.origin().boot()).as("the boot of its jumps, not the last one").isEqualTo(1);
        assertThat(rest.origin().line()).isEqualTo(lines + 1L);
        assertThat(r.records.indexOf(rest)).as("before the second boot's first record")
            .isLessThan(r.records.indexOf(r.of(XidRecord.class).get(lines)));
        assertThat(r.of(XidRecord.class).get(lines).origin().boot()).isEqualTo(2);
    }

    /** A /dev/kmsg copy: the driver's load, then {@code lines} Xids with two records taken out before each. */
    private static StringBuilder twoTakenOutBeforeEach(int lines) {
        StringBuilder log = new StringBuilder("6,0,1000000,-;" + LOADED + "\n");
        for (int i = 1; i <= lines; i++) {
            log.append("4,").append(3L * i).append(',').append(2_000_000L + i).append(",-;").append(XID).append('\n');
        }
        return log;
    }

    /** A header cut or garbled is no record number: nothing is made of it. */
    @Test
    void aGarbledKmsgHeaderIsNoNumber() {
        Recorded r = Recorded.read("kmsg", "6,500,2000000,-;" + LOADED + "\n"
            + "6,5x1,2100000,-;usb 1-1: new device\n"
            + "6,90000000000000000000,2100000,-;usb 1-1: new device\n"
            + "6,900,2100000\n"
            + "6,501,2200000,-;" + LOADED + "\n");
        noJumpIn(r);
    }

    /**
     * A header the line reader calls unreadable (a number of 19 digits or more, which
     * LineParser.digits refuses) is no record number either: no jump at it, no gap record without
     * a time, no negative count summed from numbers near Long.MAX_VALUE.
     */
    @Test
    void aHeaderTheLineReaderCannotReadIsNoNumber() {
        Recorded r = Recorded.read("kmsg", "6,500,2000000,-;" + LOADED + "\n"
            + "4,9223372036854775806,2100000,-;" + XID + "\n"
            + "4,501,2200000,-;" + XID + "\n"
            + "4,9223372036854775807,2300000,-;" + XID + "\n"
            + "4,9999,1234567890123456789,-;" + XID + "\n"
            + "12345,8888,2300000,-;" + XID + "\n"
            + "4,502,2400000,-;" + XID + "\n");
        noJumpIn(r);
        assertThat(r.diagnostics).extracting(Object::toString).filteredOn(d -> d.contains("unreadable /dev/kmsg record header")).hasSize(3);
        assertThat(r.of(XidRecord.class)).hasSize(2);
    }

    /** No jump in the record numbers was seen: no diagnostic says one, no gap record stands for one. */
    private static void noJumpIn(Recorded r) {
        assertThat(r.diagnostics).extracting(Object::toString).noneMatch(d -> d.contains("record numbers"));
        assertThat(r.of(LogGap.class)).isEmpty();
    }

    /** Each gap record: its line, its time (kernel micros, wall clock, or '-'), its cause and count. */
    private static List<String> gaps(Recorded r) {
        List<String> out = new ArrayList<>();
        for (LogGap g : r.of(LogGap.class)) {
            RecordOrigin o = g.origin();
            String time = o.kernelMicros() != null ? "micros=" + o.kernelMicros()
                : o.wall() != null ? String.format("wall=%02d:%02d:%02d", o.wall().hour(), o.wall().minute(), o.wall().second()) : "-";
            out.add(o.line() + " " + time + " " + g.cause().label() + " " + g.count());
        }
        return out;
    }

    private static List<RecordKind> kinds(Recorded r) {
        List<RecordKind> out = new ArrayList<>();
        for (KernelRecord k : r.records) {
            out.add(k.kind());
        }
        return out;
    }
}
