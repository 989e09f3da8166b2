package dev.uvmctl.model;

import dev.uvmctl.event.BlockReason;
import dev.uvmctl.event.Capture;
import dev.uvmctl.event.DeferredFreed;
import dev.uvmctl.event.DriverFault;
import dev.uvmctl.event.DriverLeak;
import dev.uvmctl.event.DriverUnloaded;
import dev.uvmctl.event.Event;
import dev.uvmctl.event.EventTime;
import dev.uvmctl.event.EvictStatus;
import dev.uvmctl.event.Evicted;
import dev.uvmctl.event.ExitReason;
import dev.uvmctl.event.FaultKind;
import dev.uvmctl.event.FdClosed;
import dev.uvmctl.event.FdHeld;
import dev.uvmctl.event.FdKind;
import dev.uvmctl.event.GpuLost;
import dev.uvmctl.event.GpuMemory;
import dev.uvmctl.event.GpuProcessMemory;
import dev.uvmctl.event.Migrated;
import dev.uvmctl.event.Populated;
import dev.uvmctl.event.ProcState;
import dev.uvmctl.event.ProcessExited;
import dev.uvmctl.event.ProcessState;
import dev.uvmctl.shared.Provenance;
import dev.uvmctl.event.RangeCreated;
import dev.uvmctl.event.RangeDestroyed;
import dev.uvmctl.event.RangeSplit;
import dev.uvmctl.event.RangeType;
import dev.uvmctl.event.Resumed;
import dev.uvmctl.event.Suspended;
import dev.uvmctl.event.TaskBlocked;
import dev.uvmctl.event.TransferMode;
import dev.uvmctl.event.VaSpaceCreated;
import dev.uvmctl.event.VaSpaceDestroyed;
import dev.uvmctl.event.Xid;
import dev.uvmctl.event.ZombiesCleaned;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;

/**
 * Random event histories from a seed, over a small world (three va_spaces, a few addresses,
 * four pids, the CPU and GPUs named in different forms that snapshots then tie together), so
 * that events often hit each other: ranges overlap, destroys repeat, migrations run dry, copies
 * duplicate pages, one GPU's bytes turn out to be under two names. Times mostly grow, sometimes repeat, and
 * a reboot comes now and then. The same seed always gives the same history, so a failure is
 * reproduced by its seed.
 */
final class RandomHistories {
    static final int HISTORIES = 5_000;

    private static final String[] VA_SPACES = {"vs1", "vs2", "vs3"};
    private static final String UUID = "GPU-5a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9";
    /** Processors in the spellings inputs use (the decoder normalizes them; the model must not need it). */
    private static final String[] PROCESSORS = {"cpu", "0000:3b:00.0", "gpu1", UUID, "UVM-GPU-5A1B2C3D-4E5F-6071-8293-A4B5C6D7E8F9",
        "00000000:3B:00.0", "1"};
    private static final String[] GPUS = {"0000:3b:00.0", "gpu1", "gpu0", "1"};
    private static final long PAGE = 0x1000;

    /** An event still to be given its time and provenance, in order, by {@link #stamp}. */
    private interface Draft {
        Event at(EventTime t, Provenance s);
    }

    private RandomHistories() {
    }

    /** The seeds the properties run over. */
    static LongStream seeds() {
        return LongStream.range(0, HISTORIES);
    }

    static List<Event> history(long seed) {
        Random r = new Random(seed);
        int n = r.nextInt(151);
        List<Draft> drafts = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            drafts.add(draft(r));
        }
        return stamp(drafts);
    }

    private static Draft draft(Random r) {
        String vs = pick(r, VA_SPACES);
        int pid = 1 + r.nextInt(4);
        long address = 0x7f0000000000L + r.nextInt(16) * PAGE;
        long pages = (1 + r.nextInt(6)) * PAGE;
        String gpu = pick(r, GPUS);
        int roll = r.nextInt(68);
        // Snapshot-style events name the fd they saw, from a few, so that the same fd recurs.
        String fdPath = r.nextInt(3) == 0 ? "/proc/" + pid + "/fd/" + (4 + r.nextInt(2)) : null;
        if (roll < 4) {
            boolean sharing = r.nextBoolean();
            boolean observed = fdPath != null || r.nextInt(4) == 0;
            return (t, s) -> new VaSpaceCreated(t, s, vs, pid, "p" + pid, sharing, observed, fdPath);
        }
        if (roll < 6) {
            return (t, s) -> new VaSpaceDestroyed(t, s, vs, null);
        }
        if (roll < 9) {
            FdKind fd = pick(r, FdKind.values());
            Integer from = r.nextBoolean() ? null : 1 + r.nextInt(4);
            return (t, s) -> new FdHeld(t, s, vs, pid, null, fd, from, fdPath);
        }
        if (roll < 11) {
            FdKind fd = pick(r, FdKind.values());
            return (t, s) -> new FdClosed(t, s, vs, pid, fd);
        }
        if (roll < 19) {
            RangeType type = pick(r, RangeType.values());
            boolean observed = r.nextInt(3) == 0;
            return (t, s) -> new RangeCreated(t, s, vs, null, address, address + pages - 1, type, observed);
        }
        if (roll < 23) {
            boolean deferred = r.nextBoolean();
            return (t, s) -> new RangeDestroyed(t, s, vs, address, deferred);
        }
        if (roll < 24) {
            return (t, s) -> new DeferredFreed(t, s, vs);
        }
        if (roll < 25) {
            return (t, s) -> new ZombiesCleaned(t, s, vs);
        }
        if (roll < 33) {
            String processor = pick(r, PROCESSORS);
            return (t, s) -> new Populated(t, s, vs, address, pages, processor);
        }
        if (roll < 43) {
            String from = pick(r, PROCESSORS);
            String to = pick(r, PROCESSORS);
            TransferMode mode = r.nextInt(4) == 0 ? TransferMode.copy : TransferMode.move;
            return (t, s) -> new Migrated(t, s, vs, address, pages, from, to, null, mode);
        }
        if (roll < 49) {
            String evictedVs = r.nextInt(5) == 0 ? null : vs;
            EvictStatus status = pick(r, EvictStatus.values());
            return (t, s) -> new Evicted(t, s, gpu, pages, evictedVs, address, status, null);
        }
        if (roll < 52) {
            ExitReason reason = pick(r, ExitReason.values());
            return (t, s) -> new ProcessExited(t, s, pid, null, reason, null, null);
        }
        if (roll < 55) {
            ProcState state = pick(r, ProcState.values());
            return (t, s) -> new ProcessState(t, s, pid, state, null, null);
        }
        if (roll < 56) {
            return (t, s) -> new TaskBlocked(t, s, pid, null, BlockReason.hung_task, List.of("uvm_va_space_destroy+0x1/0x2 [nvidia_uvm]"));
        }
        if (roll < 58) {
            long used = r.nextInt(65) * PAGE;
            String pci = "0000:3b:00.0".equals(gpu) ? null : r.nextBoolean() ? "0000:3b:00.0" : "0000:af:00.0";
            String uuid = r.nextBoolean() ? UUID : null;
            int index = r.nextInt(2);
            return (t, s) -> new GpuMemory(t, s, gpu, index, uuid, pci, 1 << 30, used, null, null);
        }
        if (roll < 60) {
            return (t, s) -> new GpuProcessMemory(t, s, gpu, pid, null, pages);
        }
        if (roll >= 66) {
            // A split at a page of a range, or anywhere (the model diagnoses those); the new piece
            // usually runs to the range's end, as uvm_va_range_split's does.
            long at = address + (1 + r.nextInt(4)) * PAGE;
            long end = r.nextInt(4) == 0 ? at + pages - 1 : address + 4 * PAGE - 1 + r.nextInt(4) * PAGE;
            return (t, s) -> new RangeSplit(t, s, vs, at, Math.max(at, end));
        }
        switch (roll) {
            case 60:
                return (t, s) -> new Xid(t, s, gpu, 43, pid, null, null);
            case 61:
                return (t, s) -> new GpuLost(t, s, gpu);
            case 62:
                return (t, s) -> new DriverUnloaded(t, s, "nvidia_uvm");
            case 63:
                return (t, s) -> new DriverLeak(t, s, 4096);
            case 64:
                return (t, s) -> new DriverFault(t, s, FaultKind.oops, pid, null, "x", List.of("uvm_deferred_free_object_list+0x1/0x2"));
            default:
                boolean allHolders = r.nextBoolean();
                return r.nextBoolean() ? Suspended::new : r.nextBoolean() ? Resumed::new : (t, s) -> new Capture(t, s, allHolders);
        }
    }

    /** Gives the drafts times (a second apart, some equal, a reboot every 97 events) and line numbers. */
    private static List<Event> stamp(List<Draft> drafts) {
        List<Event> out = new ArrayList<>();
        int boot = 1;
        long seconds = 0;
        for (Draft d : drafts) {
            int line = out.size() + 1;
            if (line % 97 == 0) {
                boot++;
                seconds = 0;
            }
            seconds += line % 5 == 0 ? 0 : 1;
            out.add(d.at(new EventTime("b" + boot, seconds * 1_000_000_000L, EventTime.UNKNOWN), new Provenance("random", line, "line " + line)));
        }
        return out;
    }

    private static <T> T pick(Random r, T[] values) {
        return values[r.nextInt(values.length)];
    }
}
