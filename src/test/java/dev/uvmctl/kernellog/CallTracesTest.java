package dev.uvmctl.kernellog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Call traces, hung tasks and oopses: only those through nvidia frames are GPU records. */
class CallTracesTest {
    private static final String HUNG = String.join("\n",
        "[  363.120000] usb 1-1: new high-speed USB device number 2 using xhci_hcd",
        "[  363.121000] INFO: task python3:4711 blocked for more than 122 seconds.",
        "[  363.122000]       Tainted: P           OE      6.8.0-49-generic #49-Ubuntu",
        "[  363.123000] \"echo 0 > /proc/sys/kernel/hung_task_timeout_secs\" disables this message.",
        "[  363.124000] task:python3         state:D stack:0     pid:4711  tgid:4711  ppid:1      flags:0x00004006",
        "[  363.125000] Call Trace:",
        "[  363.126000]  <TASK>",
        "[  363.127000]  __schedule+0x27c/0x6b0",
        "[  363.128000]  schedule+0x33/0x110",
        "[  363.129000]  rwsem_down_write_slowpath+0x2a9/0x6a0",
        "[  363.130000]  uvm_va_space_destroy+0x5f/0x4b0 [nvidia_uvm]",
        "[  363.131000]  uvm_release.isra.0+0x9a/0x170 [nvidia_uvm]",
        "[  363.132000]  ? uvm_release_entry+0x2e/0x40 [nvidia_uvm]",
        "[  363.133000]  __fput+0xa0/0x2e0",
        "[  363.134000]  do_exit+0x2b1/0xb10",
        "[  363.135000]  </TASK>",
        "[  363.136000] EXT4-fs (nvme0n1p2): mounted filesystem", "");

    @Test
    void aHungTaskInVaSpaceTeardownIsFoundByLookingBackFromItsNvidiaFrames() {
        Recorded r = Recorded.read("dmesg", HUNG);
        assertThat(Describe.all(r.records)).containsExactly(
            "call-trace L2-16 pid=4711 process=python3 hung-task state=D blocked=122 frames=8 nvidia=3 activity=va_space teardown");
        CallTrace t = (CallTrace) r.records.get(0);
        assertThat(t.title()).isEqualTo("INFO: task python3:4711 blocked for more than 122 seconds.");
        assertThat(t.frames()).extracting(CallTrace.Frame::function).containsExactly("__schedule", "schedule",
            "rwsem_down_write_slowpath", "uvm_va_space_destroy", "uvm_release.isra.0", "uvm_release_entry", "__fput", "do_exit");
        assertThat(t.frames().get(5).reliable()).isFalse();
        assertThat(t.frames().get(3)).isEqualTo(new CallTrace.Frame("uvm_va_space_destroy", 0x5fL, 0x4b0L, "nvidia_uvm", true));
        assertThat(r.diagnostics).isEmpty();
    }

    /** sched_show_task (kernel/sched/core.c) prints tgid: after pid: in newer kernels; older ones print none. */
    @Test
    void theTaskLineNamesTheThreadGroupWhereTheKernelPrintsIt() {
        String thread = HUNG.replace("task python3:4711", "task python3:4733").replace("pid:4711  tgid:4711", "pid:4733  tgid:4711");
        assertThat(((CallTrace) Recorded.read("dmesg", thread).records.get(0)).tgid()).isEqualTo(4711L);
        assertThat(((CallTrace) Recorded.read("dmesg", thread).records.get(0)).pid()).isEqualTo(4733L);
        String old = HUNG.replace("stack:0     pid:4711  tgid:4711  ppid:1", "stack:    0 pid: 4711 ppid:     1");
        CallTrace t = (CallTrace) Recorded.read("dmesg", old).records.get(0);
        assertThat(t.tgid()).isNull();
        assertThat(t.pid()).isEqualTo(4711L);
    }

    @Test
    void theSameTraceReadLineByLineFromABugReportSectionGivesTheSameRecord() {
        Recorded r = Recorded.read("nvidia-bug-report.log", "____________________________________________\n\ndmesg:\n\n" + HUNG);
        assertThat(Describe.all(r.records)).containsExactly(
            "call-trace L6-20 [dmesg] pid=4711 process=python3 hung-task state=D blocked=122 frames=8 nvidia=3 activity=va_space teardown");
    }

    @Test
    void aTraceWithoutNvidiaFramesIsNotAGpuRecordEvenWhenNvidiaIsLoaded() {
        Recorded r = Recorded.read("dmesg", String.join("\n",
            "[  100.000000] BUG: kernel NULL pointer dereference, address: 0000000000000010",
            "[  100.000001] Oops: 0000 [#1] PREEMPT SMP NOPTI",
            "[  100.000002] Modules linked in: nvidia_uvm(POE) nvidia_drm(POE) nvidia(POE) ext4",
            "[  100.000003] CPU: 3 PID: 1216 Comm: nvidia-smi Tainted: P           OE     6.8.0-49-generic #49-Ubuntu",
            "[  100.000004] RIP: 0010:ext4_da_write_begin+0x1c/0x2a0",
            "[  100.000005] Call Trace:",
            "[  100.000006]  generic_perform_write+0x9f/0x250",
            "[  100.000007]  ext4_buffered_write_iter+0x6d/0x160",
            "[  100.000008] ---[ end trace 0000000000000000 ]---", ""));
        assertThat(r.records).isEmpty();
        assertThat(r.diagnostics).isEmpty();
    }

    @Test
    void anOopsInTheDriverNamesTheProcessAndTheFaultingFunction() {
        Recorded r = Recorded.read("dmesg", String.join("\n",
            "[  100.000000] general protection fault, probably for non-canonical address 0xdead000000000122: 0000 [#1] SMP NOPTI",
            "[  100.000001] CPU: 5 PID: 8080 Comm: pt_main_thread Tainted: P           OE     5.15.0-91-generic #101-Ubuntu",
            "[  100.000002] RIP: 0010:uvm_va_range_destroy+0x4d/0x130 [nvidia_uvm]",
            "[  100.000003] RSP: 0018:ffffa001d34d3d98 EFLAGS: 00010246",
            "[  100.000004] Call Trace:",
            "[  100.000005]  uvm_va_space_destroy+0x1c3/0x4b0 [nvidia_uvm]",
            "[  100.000006]  uvm_release+0x9a/0x170 [nvidia_uvm]",
            "[  100.000007]  __fput+0xa0/0x2e0", ""));
        assertThat(Describe.all(r.records)).containsExactly(
            "call-trace L1-8 pid=8080 process=pt_main_thread gpf ip=uvm_va_range_destroy [nvidia_uvm] frames=3 nvidia=2 "
                + "activity=va_space teardown");
    }

    @Test
    void twoReportsInARowAreTwoRecords() {
        String one = "[  100.000000] INFO: task a:1 blocked for more than 120 seconds.\n"
            + "[  100.000001] Call Trace:\n[  100.000002]  uvm_suspend+0x17b/0x1a0 [nvidia_uvm]\n";
        String two = "[  100.000003] INFO: task b:2 blocked for more than 120 seconds.\n"
            + "[  100.000004] Call Trace:\n[  100.000005]  uvm_api_migrate+0x17b/0x1a0 [nvidia_uvm]\n";
        Recorded r = Recorded.read("dmesg", one + two);
        assertThat(Describe.all(r.records)).containsExactly(
            "call-trace L1-3 pid=1 process=a hung-task blocked=120 frames=1 nvidia=1 activity=suspend/resume",
            "call-trace L4-6 pid=2 process=b hung-task blocked=120 frames=1 nvidia=1 activity=migration");
    }

    @Test
    void framesBeyondTheLimitAreCountedNotKept() {
        StringBuilder b = new StringBuilder("[    1.000000] Call Trace:\n");
        for (int i = 0; i < CallTrace.MAX_FRAMES + 10; i++) {
            b.append("[    1.000001]  uvm_ioctl+0x1/0x2 [nvidia_uvm]\n");
        }
        CallTrace t = (CallTrace) Recorded.read("dmesg", b.toString()).records.get(0);
        assertThat(t.frames()).hasSize(CallTrace.MAX_FRAMES);
        assertThat(t.framesOmitted()).isEqualTo(10);
    }
}
