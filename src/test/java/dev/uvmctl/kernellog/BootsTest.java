package dev.uvmctl.kernellog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Where one boot ends and the next begins, and which boot each record belongs to. */
class BootsTest {
    private static final String XID = "NVRM: Xid (PCI:0000:3b:00): 79, pid='<unknown>', name=<unknown>, GPU has fallen off the bus.";

    @Test
    void theLinuxBannerStartsABootAndNamesTheKernel() {
        Recorded r = Recorded.read("dmesg", String.join("\n",
            "[    0.000000] Linux version 6.8.0-49-generic (buildd@lcy02-amd64-103) (gcc 13.2.0) #49-Ubuntu SMP",
            "[ 5000.000000] " + XID,
            "[    0.000000] Linux version 6.8.0-50-generic (buildd@lcy02-amd64-103) (gcc 13.2.0) #50-Ubuntu SMP",
            "[    2.500000] usb 1-1: new device",
            "[ 6000.000000] " + XID, ""));
        assertThat(Describe.all(r.records)).containsExactly(
            "boot L1 banner kernel=6.8.0-49-generic",
            "xid L2 gpu=0000:3b:00.0 code=79 pidText='<unknown>'",
            "boot L3 boot=2 banner kernel=6.8.0-50-generic",
            "xid L5 boot=2 gpu=0000:3b:00.0 code=79 pidText='<unknown>'");
        assertThat(r.streams.get(0).boots()).isEqualTo(2);
    }

    @Test
    void aKernelTimeThatGoesBackStartsABootEvenWithoutBanner() {
        // A grep'd kern.log (as in a bug report's kernel-log scan) has no banners left.
        Recorded r = Recorded.read("kern.log", String.join("\n",
            "Nov 15 10:59:09 host kernel: [ 7613.977841] " + XID,
            "Nov 15 13:56:20 host kernel: [    4.089938] NVRM: loading NVIDIA UNIX x86_64 Kernel Module  430.50  Thu Sep  5 22:36:31 CDT 2019",
            "Nov 15 13:56:20 host kernel: [    4.089940] NVRM: loading NVIDIA UNIX x86_64 Kernel Module  430.50  Thu Sep  5 22:36:31 CDT 2019", ""));
        assertThat(Describe.all(r.records)).containsExactly(
            "xid L1 gpu=0000:3b:00.0 code=79 pidText='<unknown>'",
            "boot L2 boot=2 time-reset",
            "driver-load L2 boot=2 nvidia version=430.50 open=false",
            "driver-load L3 boot=2 nvidia version=430.50 open=false");
    }

    @Test
    void journalMarkersSplitBootsAndABannerRightAfterOneIsTheSameBoot() {
        Recorded r = Recorded.read("journal", String.join("\n",
            "-- Logs begin at Mon 2026-11-23 09:00:00 UTC, end at Fri 2026-11-27 12:00:00 UTC. --",
            "Nov 26 09:00:00 host kernel: " + XID,
            "-- Boot 4f1c2d3e5a6b47c8a9b0c1d2e3f4a5b6 --",
            "Nov 27 08:00:00 host kernel: Linux version 6.8.0-50-generic (buildd@lcy02) #50-Ubuntu SMP",
            "Nov 27 09:00:00 host kernel: " + XID,
            "-- Reboot --",
            "Nov 27 11:00:00 host kernel: " + XID, ""));
        assertThat(Describe.all(r.records)).containsExactly(
            "xid L2 gpu=0000:3b:00.0 code=79 pidText='<unknown>'",
            "boot L3 boot=2 journal-marker kernel=6.8.0-50-generic bootId=4f1c2d3e5a6b47c8a9b0c1d2e3f4a5b6",
            "xid L5 boot=2 gpu=0000:3b:00.0 code=79 pidText='<unknown>'",
            "boot L6 boot=3 journal-marker",
            "xid L7 boot=3 gpu=0000:3b:00.0 code=79 pidText='<unknown>'");
        assertThat(r.records.get(2).origin().bootId()).isEqualTo("4f1c2d3e5a6b47c8a9b0c1d2e3f4a5b6");
    }

    @Test
    void smallClockJitterIsNotAReboot() {
        Recorded r = Recorded.read("dmesg", "[  100.500000] " + XID + "\n[  100.499000] " + XID + "\n");
        assertThat(r.records).extracting(k -> k.origin().boot()).containsExactly(1, 1);
    }

    @Test
    void anOomKillOfAProcessSeenInAnXidOfTheSameBootIsAGpuProcess() {
        String kill = "Out of memory: Killed process 4711 (python3) total-vm:98765432kB, anon-rss:65432100kB, file-rss:0kB, "
            + "shmem-rss:0kB, UID:1000 pgtables:130000kB oom_score_adj:0";
        Recorded r = Recorded.read("dmesg", String.join("\n",
            "[  100.000000] NVRM: Xid (PCI:0000:3b:00): 31, pid=4711, name=python3, Ch 00000001",
            "[  200.000000] oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),cpuset=/,mems_allowed=0,global_oom,"
                + "task_memcg=/user.slice/user-1000.slice,task=python3,pid=4711,uid=1000",
            "[  200.000001] " + kill,
            "[    0.000000] Linux version 6.8.0-50-generic (buildd@lcy02) #50-Ubuntu SMP",
            "[  300.000001] " + kill, ""));
        assertThat(Describe.all(r.records)).containsExactly(
            "xid L1 gpu=0000:3b:00.0 pid=4711 process=python3 code=31 ch=1",
            "oom-kill L3 pid=4711 process=python3 anonRss=67002470400 constraint=CONSTRAINT_NONE "
                + "memcg=/user.slice/user-1000.slice global gpuProcess",
            "boot L4 boot=2 banner kernel=6.8.0-50-generic",
            "oom-kill L5 boot=2 pid=4711 process=python3 anonRss=67002470400 global");
        assertThat(r.records.get(1).needsAttention()).isTrue();
        assertThat(r.records.get(3).needsAttention()).isFalse();
    }
}
