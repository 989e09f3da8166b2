package dev.uvmctl.kernellog;

import static org.assertj.core.api.Assertions.assertThat;

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
    }

    @Test
    void journaldsMissedKernelMessagesInJournalJson() {
        Recorded r = Recorded.read("j.json", "{\"__REALTIME_TIMESTAMP\":\"1764244000000000\",\"__MONOTONIC_TIMESTAMP\":\"100000000\","
            + "\"_TRANSPORT\":\"kernel\",\"MESSAGE\":\"nvidia-uvm: Loaded the UVM driver, major device number 508.\"}\n"
            + "{\"__REALTIME_TIMESTAMP\":\"1764244001000000\",\"__MONOTONIC_TIMESTAMP\":\"101000000\",\"_TRANSPORT\":\"driver\","
            + "\"SYSLOG_IDENTIFIER\":\"systemd-journald\",\"MESSAGE_ID\":\"e9bf28e6e834481bb6f48f548ad13606\",\"MESSAGE\":\"Missed 1 kernel messages\"}\n");
        assertThat(r.diagnostics).extracting(Object::toString).containsExactly("j.json:2: systemd-journald missed 1 kernel message here "
            + "(the kernel's ring buffer overwrote them before journald read them): the log is incomplete here");
    }

    @Test
    void anotherProgramsWordsAreNoGap() {
        Recorded r = Recorded.read("j.log", "Nov 27 11:02:11 gpu-node-07 kernel: nvidia-uvm: Loaded the UVM driver, major device number 508.\n"
            + "Nov 27 12:08:40 gpu-node-07 myjournald-exporter[77]: Missed 17 kernel messages\n"
            + "Nov 27 12:08:41 gpu-node-07 systemd-journald[512]: Missed some kernel messages\n"
            + "Nov 27 12:08:42 gpu-node-07 kernel: Missed 3 kernel messages\n");
        assertThat(r.diagnostics).isEmpty();
    }

    @Test
    void aConsoleThatDroppedMessagesBetweenPrefixedLines() {
        Recorded r = Recorded.read("console.log", "[  200.000000] nvidia-uvm: Loaded the UVM driver, major device number 508.\n"
            + "** 12 printk messages dropped **\n"
            + "[  302.000000] " + XID + "\n");
        assertThat(r.diagnostics).extracting(Object::toString).containsExactly("console.log:2: the console dropped 12 kernel messages here "
            + "('** 12 printk messages dropped **'): this capture of the console is incomplete here; dmesg or the journal may still hold them");
        assertThat(r.of(XidRecord.class)).hasSize(1);
    }

    @Test
    void aConsoleThatDroppedMessagesInALogWithoutPrefixes() {
        Recorded r = Recorded.read("bare.log", "nvidia-uvm: Loaded the UVM driver, major device number 508.\n** 1 printk messages dropped **\n" + XID + "\n");
        assertThat(r.diagnostics).extracting(Object::toString).containsExactly("bare.log:2: the console dropped 1 kernel message here "
            + "('** 1 printk messages dropped **'): this capture of the console is incomplete here; dmesg or the journal may still hold them");
        assertThat(r.of(XidRecord.class)).hasSize(1);
    }

    @Test
    void aDroppedMarkerCutShortIsNoCount() {
        Recorded r = Recorded.read("console.log", "[  200.000000] nvidia-uvm: Loaded the UVM driver, major device number 508.\n"
            + "** 12 printk messages dro\n"
            + "** many printk messages dropped **\n"
            + "[  302.000000] " + XID + "\n");
        assertThat(r.diagnostics).extracting(Object::toString).noneMatch(d -> d.contains("the console dropped"));
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
    }
}
