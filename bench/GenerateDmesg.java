import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Writes a large raw dmesg log for the throughput benchmark: ordinary lines of many subsystems
 * with about 1 % NVRM / nvidia-uvm lines mixed in (Xid bursts, UVM load/unload, leak reports, a
 * hung task through nvidia_uvm frames, OOM kills). Deterministic for a given size and seed.
 *
 * <pre>java bench/GenerateDmesg.java OUT.log [MEGABYTES] [SEED]</pre>
 */
public final class GenerateDmesg {
    private static final String[] ORDINARY = {
        "usb 1-1.%d: new high-speed USB device number %d using xhci_hcd",
        "EXT4-fs (nvme0n1p%d): mounted filesystem %08x-1c2d-4e5f-8a9b-0c1d2e3f4a5b r/w with ordered data mode. Quota mode: none.",
        "audit: type=1400 audit(1764241201.%03d:%d): apparmor=\"STATUS\" operation=\"profile_replace\" profile=\"unconfined\" name=\"snap-update-ns.lxd\" pid=%d comm=\"apparmor_parser\"",
        "IPv6: ADDRCONF(NETDEV_CHANGE): eth%d: link becomes ready",
        "e1000e 0000:00:1f.6 eno1: NIC Link is Up %d Mbps Full Duplex, Flow Control: Rx/Tx",
        "systemd[1]: Started Session %d of User slurm.",
        "kauditd_printk_skb: %d callbacks suppressed",
        "docker0: port %d(veth%07x) entered forwarding state",
        "br-%012x: port 1(veth3f2a1b) entered blocking state",
        "cgroup: fork rejected by pids controller in /kubepods.slice/kubepods-pod%d.slice",
        "perf: interrupt took too long (%d > 2500), lowering kernel.perf_event_max_sample_rate to 63000",
        "mlx5_core 0000:%02x:00.0: mlx5_fw_tracer_handle_traces:735:(pid %d): FW tracer: got %d events",
        "nfs: server fileserver-%d not responding, still trying",
        "xfs filesystem being remounted at /var/lib/kubelet/pods/%08x/volumes supports timestamps until 2038",
        "TCP: request_sock_TCP: Possible SYN flooding on port %d. Sending cookies.  Check SNMP counters.",
        "device veth%07x entered promiscuous mode",
    };

    private GenerateDmesg() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: java bench/GenerateDmesg.java OUT.log [MEGABYTES] [SEED]");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        long target = (args.length > 1 ? Long.parseLong(args[1]) : 500) * 1_000_000L;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 42;
        SplittableRandom random = new SplittableRandom(seed);
        long written = 0;
        long micros = 0;
        long gpuLines = 0;
        long lines = 0;
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(out), 1 << 20)) {
            written += write(os, stamp(0) + "Linux version 6.8.0-49-generic (buildd@lcy02-amd64-103) (x86_64-linux-gnu-gcc-13 (Ubuntu 13.2.0-23ubuntu4) 13.2.0) #49-Ubuntu SMP PREEMPT_DYNAMIC\n");
            written += write(os, stamp(2_329_368) + "NVRM: loading NVIDIA UNIX Open Kernel Module for x86_64  570.158.01  Release Build  (dvs-builder@U22-I3-B10-02-5)  Mon Jun  2 13:13:04 UTC 2025\n");
            written += write(os, stamp(2_501_001) + "nvidia-uvm: Loaded the UVM driver, major device number 508.\n");
            micros = 3_000_000;
            while (written < target) {
                micros += 1 + random.nextInt(40_000);
                lines++;
                if (random.nextInt(100) == 0) {
                    String[] block = gpuBlock(random, micros);
                    for (String line : block) {
                        written += write(os, line);
                        micros += 3;
                    }
                    gpuLines += block.length;
                    lines += block.length - 1;
                } else {
                    String format = ORDINARY[random.nextInt(ORDINARY.length)];
                    String text = String.format(Locale.ROOT, format, random.nextInt(1 << 16),
                        random.nextInt(1 << 20), random.nextInt(1 << 20), random.nextInt(1 << 16));
                    written += write(os, stamp(micros) + text + "\n");
                }
            }
        }
        System.err.printf(Locale.ROOT, "%s: %d bytes, %d lines, %d GPU lines (%.2f %%)%n",
            out, written, lines, gpuLines, 100.0 * gpuLines / lines);
    }

    private static String[] gpuBlock(SplittableRandom random, long micros) {
        int pick = random.nextInt(100);
        String bus = String.format(Locale.ROOT, "%02x", 0x1b + 0x20 * random.nextInt(8));
        int pid = 1000 + random.nextInt(60_000);
        if (pick < 55) {
            return new String[] {stamp(micros) + "NVRM: Xid (PCI:0000:" + bus + ":00): 13, pid=" + pid
                + ", name=python3, Graphics Exception: ESR 0x52e7b0=0x101000e 0x52e7b4=0x4 0x52e7a8=0xc81eb60 0x52e7ac=0x1174\n"};
        }
        if (pick < 75) {
            return new String[] {stamp(micros) + "NVRM: Xid (PCI:0000:" + bus + ":00): 31, pid=" + pid
                + ", name=python3, channel 0x0000000c, intr 00000000. MMU Fault: ENGINE GRAPHICS GPC2 GPCCLIENT_PROP_0 faulted @ 0x7f29_5b8c9000. Fault is of type FAULT_PDE ACCESS_TYPE_VIRT_READ\n"};
        }
        if (pick < 85) {
            return new String[] {stamp(micros) + "nvidia-uvm: uvm_channel.c:2099 uvm_channel_check_errors[pid:" + pid
                + "] Detected a channel error, channel CE0 GPU 0000:" + bus + ":00.0\n"};
        }
        if (pick < 92) {
            return new String[] {
                stamp(micros) + "python3 invoked oom-killer: gfp_mask=0x140cca(GFP_HIGHUSER_MOVABLE|__GFP_COMP), order=0, oom_score_adj=0\n",
                stamp(micros + 1) + "oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),cpuset=/,mems_allowed=0-1,oom_memcg=/slurm/uid_1000/job_" + pid + ",task_memcg=/slurm/uid_1000/job_" + pid + "/step_0,task=python3,pid=" + pid + ",uid=1000\n",
                stamp(micros + 2) + "Memory cgroup out of memory: Killed process " + pid + " (python3) total-vm:98765432kB, anon-rss:65432100kB, file-rss:123456kB, shmem-rss:0kB, UID:1000 pgtables:130000kB oom_score_adj:0\n",
            };
        }
        if (pick < 97) {
            return new String[] {
                stamp(micros) + "INFO: task python3:" + pid + " blocked for more than 122 seconds.\n",
                stamp(micros + 1) + "      Tainted: P           OE      6.8.0-49-generic #49-Ubuntu\n",
                stamp(micros + 2) + "\"echo 0 > /proc/sys/kernel/hung_task_timeout_secs\" disables this message.\n",
                stamp(micros + 3) + "task:python3         state:D stack:0     pid:" + pid + " tgid:" + pid + " ppid:1      flags:0x00004006\n",
                stamp(micros + 4) + "Call Trace:\n",
                stamp(micros + 5) + " <TASK>\n",
                stamp(micros + 6) + " __schedule+0x27c/0x6b0\n",
                stamp(micros + 7) + " schedule+0x33/0x110\n",
                stamp(micros + 8) + " rwsem_down_write_slowpath+0x2a9/0x6a0\n",
                stamp(micros + 9) + " down_write+0x5c/0x80\n",
                stamp(micros + 10) + " uvm_va_space_destroy+0x5f/0x4b0 [nvidia_uvm]\n",
                stamp(micros + 11) + " uvm_release.isra.0+0x9a/0x170 [nvidia_uvm]\n",
                stamp(micros + 12) + " uvm_release_entry+0x2e/0x40 [nvidia_uvm]\n",
                stamp(micros + 13) + " __fput+0xa0/0x2e0\n",
                stamp(micros + 14) + " task_work_run+0x5e/0xa0\n",
                stamp(micros + 15) + " do_exit+0x2b1/0xb10\n",
                stamp(micros + 16) + " </TASK>\n",
            };
        }
        return new String[] {
            stamp(micros) + "nvidia-uvm: !!!!!!!!!!!!!!!!!!!!!!!!!!!!\n",
            stamp(micros + 1) + "nvidia-uvm: Memory leak of 4096 bytes detected. insmod with uvm_leak_checker=2 for detailed information.\n",
            stamp(micros + 2) + "nvidia-uvm: !!!!!!!!!!!!!!!!!!!!!!!!!!!!\n",
            stamp(micros + 3) + "nvidia-uvm: Unloaded the UVM driver.\n",
        };
    }

    private static String stamp(long micros) {
        return String.format(Locale.ROOT, "[%5d.%06d] ", micros / 1_000_000, micros % 1_000_000);
    }

    private static int write(OutputStream os, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        os.write(b);
        return b.length;
    }
}
