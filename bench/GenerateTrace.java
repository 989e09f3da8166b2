import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes a large UVM trace, as 'uvmctl trace record' saves one from a node under memory
 * pressure: the '# uvmctl-trace:' header of a 580.95.05 driver with two GPUs, then processes
 * that create a va_space and managed ranges, migrate 2 MiB blocks between the CPU and the GPUs
 * (faults, prefetches, evictions with their entry and return, some failing with
 * NV_ERR_MORE_PROCESSING_REQUIRED), split ranges, fork workers, and end (ranges destroyed, the
 * va_space destroyed, the process gone); about 2 % of the lines are other tracepoints'. About 100
 * processes live at a time, so what a reader must keep does not grow with the trace.
 * Deterministic for a line count and seed.
 *
 * <pre>java bench/GenerateTrace.java OUT.trace [LINES] [SEED]</pre>
 */
public final class GenerateTrace {
    private static final long MIB = 1L << 20;

    private final StringBuilder b = new StringBuilder(512);
    private final OutputStream out;
    private final SplittableRandom r;
    private long lines;
    private long micros = 1_000_000_000L;

    private static final class Proc {
        int pid;
        long vas;
        List<long[]> ranges = new ArrayList<>();
        /** Where each 2 MiB block is: absent or 0 the CPU (or untouched), else the GPU. */
        java.util.Map<Long, Integer> where = new java.util.HashMap<>();
        long blockBase;
        int left;
    }

    private GenerateTrace(OutputStream out, long seed) {
        this.out = out;
        this.r = new SplittableRandom(seed);
    }

    public static void main(String[] args) throws IOException {
        Path path = Path.of(args[0]);
        long target = args.length > 1 ? Long.parseLong(args[1]) : 10_000_000L;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 42;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(path), 1 << 20)) {
            new GenerateTrace(out, seed).run(target);
        }
    }

    private void run(long target) throws IOException {
        raw("# uvmctl-trace: version=1 release=580.95.05 arch=x86_64 clock=local boot=6f1c2a9e-3b7d-4c5e-9a81-0d4e6f7a8b9c "
            + "layout=580.65.06.. instance=uvmctl started=2026-11-27T11:00:00Z");
        raw("# uvmctl-trace: gpu=1 uuid=GPU-5a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9 pci=0000:3b:00.0");
        raw("# uvmctl-trace: gpu=2 uuid=GPU-6b2c3d4e-5f60-7182-93a4-b5c6d7e8f9a0 pci=0000:5e:00.0");
        List<Proc> live = new ArrayList<>();
        int nextPid = 10_000;
        long nextVas = 0xffff8f0100000000L;
        while (lines < target) {
            if (live.size() < 100) {
                Proc p = new Proc();
                p.pid = nextPid++;
                p.vas = nextVas;
                nextVas += 0x100000;
                p.blockBase = 0xffff9a0000000000L + (long) p.pid * 0x4000000L;
                p.left = 2_000 + r.nextInt(200_000);
                start(p);
                live.add(p);
                continue;
            }
            Proc p = live.get(r.nextInt(live.size()));
            if (--p.left <= 0) {
                end(p);
                live.remove(p);
                continue;
            }
            step(p);
        }
    }

    private void start(Proc p) throws IOException {
        String comm = "python";
        kprobe(comm, p.pid, "uvm_vas_create", "uvm_va_space_create+0x0/0x5d0", "flags=0x0");
        kprobe(comm, p.pid, "uvm_vas_init", "uvm_perf_init_va_space_events+0x0/0x130", "vas=" + hex(p.vas) + " pev=" + hex(p.vas + 0x16c58));
        kret(comm, p.pid, "uvm_vas_create_r", "uvm_ioctl+0x7c1/0x1a60", "uvm_va_space_create", 0);
        long start = 0x7f0000000000L;
        for (int i = 0; i < 4; i++) {
            long size = (256L + r.nextInt(1792)) * MIB & ~(2 * MIB - 1);
            kprobe(comm, p.pid, "uvm_range_mmap", "uvm_va_range_create_mmap+0x0/0x1c0", "vas=" + hex(p.vas) + " start=" + hex(start)
                + " vm_end=" + hex(start + size));
            kret(comm, p.pid, "uvm_range_mmap_r", "uvm_mmap+0x2a4/0x5b0", "uvm_va_range_create_mmap", 0);
            p.ranges.add(new long[] {start, size});
            start += size + 64 * MIB;
        }
    }

    private void step(Proc p) throws IOException {
        long[] range = p.ranges.get(r.nextInt(p.ranges.size()));
        long blocks = range[1] / (2 * MIB);
        long index = r.nextLong(blocks);
        long addr = range[0] + index * 2 * MIB;
        long block = p.blockBase + ((addr >>> 21) & 0xffff) * 0x1c0;
        int gpu = 1 + (p.pid & 1);
        int on = p.where.getOrDefault(addr, 0);
        int roll = r.nextInt(1000);
        // As the driver does: a fault or prefetch copies a block to where it is not; an eviction moves it off its GPU.
        if (roll < 600 || roll < 900 && on == 0) {
            if (on == 0) {
                migrate("UVM GPU" + gpu + " BH", 1100 + gpu, p, block, addr, 2 * MIB, 0, gpu, 0);
                p.where.put(addr, gpu);
            } else {
                migrate("UVM GPU" + on + " BH", 1100 + on, p, block, addr, 2 * MIB, on, 3 - on, 0);
                p.where.put(addr, 3 - on);
            }
        } else if (roll < 900) {
            migrate("python", p.pid, p, block, addr, 2 * MIB, on, 0, roll < 800 ? 6 : 3);
            p.where.put(addr, 0);
        } else if (roll < 960 && on != 0) {
            int other = 5000 + r.nextInt(50);
            kprobe("trainer", other, "uvm_evict", "uvm_va_block_evict_chunks+0x0/0x3f0", "block=" + hex(block) + " gpu="
                + hex(0xffff8f0188a00000L + gpu * 0x100000L) + " root_pa=" + hex((long) r.nextInt(40_000) * 2 * MIB));
            boolean fail = r.nextInt(10) == 0;
            if (!fail) {
                migrate("trainer", other, p, block, addr, 2 * MIB, on, 0, 4);
                p.where.put(addr, 0);
            }
            kret("trainer", other, "uvm_evict_r", "evict_root_chunk+0x1b4/0x410", "uvm_va_block_evict_chunks", fail ? 0x4d : 0);
        } else if (roll < 960 || roll < 980) {
            tracepoint("kworker/u32:2", 211, "sched_switch", "prev_comm=kworker/u32:2 prev_pid=211 prev_prio=120 prev_state=I ==> "
                + "next_comm=swapper/4 next_pid=0 next_prio=120");
        } else if (roll < 990 && range[1] > 8 * MIB && p.ranges.size() < 12) {
            long half = range[1] / 2 & ~(2 * MIB - 1);
            kprobe("python", p.pid, "uvm_range_ev", "uvm_perf_event_notify+0x0/0x90", "pev=" + hex(p.vas + 0x16c58) + " ev=4 vas="
                + hex(p.vas) + " start=" + hex(range[0] + half) + " end=" + hex(range[0] + range[1] - 1));
            p.ranges.add(new long[] {range[0] + half, range[1] - half});
            range[1] = half;
        } else if (roll < 992 && p.left > 10) {
            int child = p.pid + 500_000;
            tracepoint("python", p.pid, "task_newtask", "pid=" + child + " comm=python clone_flags=1200011 oom_score_adj=0");
            tracepoint("python", p.pid, "sched_process_fork", "comm=python pid=" + p.pid + " child_comm=python child_pid=" + child);
            tracepoint("python", child, child, "sched_process_exit", "comm=python pid=" + child + " prio=120");
        } else {
            tracepoint("kworker/u32:2", 211, "sched_switch", "prev_comm=kworker/u32:2 prev_pid=211 prev_prio=120 prev_state=I ==> "
                + "next_comm=swapper/4 next_pid=0 next_prio=120");
        }
    }

    /**
     * A process's end in the kernel's order: sched_process_exit (do_exit, before exit_files), the
     * last close of its va_space fd (uvm_release_entry), uvm_va_space_destroy, which then destroys
     * the ranges it still has (uvm_va_range_destroy_managed notifies RANGE_DESTROY after the
     * function's entry).
     */
    private void end(Proc p) throws IOException {
        tracepoint("python", p.pid, "sched_process_exit", "comm=python pid=" + p.pid + " prio=120");
        kprobe("python", p.pid, "uvm_fd_release", "uvm_release_entry+0x0/0x90", "filp=" + hex(0xffff8f0199000000L + p.pid * 0x300L));
        kprobe("python", p.pid, "uvm_vas_destroy", "uvm_va_space_destroy+0x0/0x6a0", "vas=" + hex(p.vas));
        for (long[] range : p.ranges) {
            kprobe("python", p.pid, "uvm_range_ev", "uvm_perf_event_notify+0x0/0x90", "pev=" + hex(p.vas + 0x16c58) + " ev=3 vas="
                + hex(p.vas) + " start=" + hex(range[0]) + " end=" + hex(range[0] + range[1] - 1));
        }
    }

    private void migrate(String comm, int tid, Proc p, long block, long addr, long bytes, int src, int dst, int cause) throws IOException {
        kprobe(comm, tid, "uvm_migrate", "uvm_perf_event_notify+0x0/0x90", "pev=" + hex(p.vas + 0x16c58) + " ev=7 block=" + hex(block)
            + " dst=" + dst + " src=" + src + " dst_nid=-1 src_nid=-1 addr=" + hex(addr) + " bytes=" + bytes + " mode=1 cause=" + cause);
    }

    private void kprobe(String comm, int tid, String event, String at, String fields) throws IOException {
        context(comm, tid, tid);
        b.append(event).append(": (").append(at).append(" [nvidia_uvm]) ").append(fields);
        emit();
    }

    private void kret(String comm, int tid, String event, String caller, String func, int ret) throws IOException {
        context(comm, tid, tid);
        b.append(event).append(": (").append(caller).append(" [nvidia_uvm] <- ").append(func).append(") ret=")
            .append(hex(ret));
        emit();
    }

    private void tracepoint(String comm, int tid, String event, String text) throws IOException {
        tracepoint(comm, tid, tid, event, text);
    }

    private void tracepoint(String comm, int tid, int tgid, String event, String text) throws IOException {
        context(comm, tid, tgid);
        b.append(event).append(": ").append(text);
        emit();
    }

    private void context(String comm, int tid, int tgid) {
        micros += 1 + r.nextInt(20);
        b.setLength(0);
        for (int i = comm.length(); i < 16; i++) {
            b.append(' ');
        }
        b.append(comm).append('-').append(tid);
        for (int i = Integer.toString(tid).length(); i < 7; i++) {
            b.append(' ');
        }
        String t = Integer.toString(tgid);
        b.append(" (");
        for (int i = t.length(); i < 7; i++) {
            b.append(' ');
        }
        b.append(t).append(") [0").append(10 + r.nextInt(6)).append("] ..... ");
        String frac = Long.toString(1_000_000 + micros % 1_000_000).substring(1);
        b.append(micros / 1_000_000).append('.').append(frac).append(": ");
    }

    private void emit() throws IOException {
        b.append('\n');
        out.write(b.toString().getBytes(StandardCharsets.US_ASCII));
        lines++;
    }

    private void raw(String line) throws IOException {
        out.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
        lines++;
    }

    private static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }
}
