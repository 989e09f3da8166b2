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
import dev.uvmctl.event.Provenance;
import dev.uvmctl.event.RangeCreated;
import dev.uvmctl.event.RangeDestroyed;
import dev.uvmctl.event.RangeType;
import dev.uvmctl.event.Resumed;
import dev.uvmctl.event.Suspended;
import dev.uvmctl.event.TaskBlocked;
import dev.uvmctl.event.VaSpaceCreated;
import dev.uvmctl.event.VaSpaceDestroyed;
import dev.uvmctl.event.Xid;
import dev.uvmctl.event.ZombiesCleaned;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Random event histories over a small world (three va_spaces, a few addresses, four pids,
 * the CPU and two GPUs named in different forms), so that events often hit each other: ranges
 * overlap, destroys repeat, migrations run dry. Times mostly grow, sometimes repeat.
 */
final class RandomHistories {
    private static final List<String> VA_SPACES = List.of("vs1", "vs2", "vs3");
    private static final List<String> PROCESSORS = List.of("cpu", "0000:3b:00.0", "gpu1", "GPU-5a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9");
    private static final List<String> GPUS = List.of("0000:3b:00.0", "gpu1", "gpu0");
    private static final long PAGE = 0x1000;

    private RandomHistories() {
    }

    static Arbitrary<List<Event>> histories() {
        return Arbitraries.integers().between(0, 100).list().ofMinSize(0).ofMaxSize(150)
            .flatMap(ignored -> event().list().ofSize(ignored.size()))
            .map(RandomHistories::stamp);
    }

    /** An event without time and provenance yet: those are given in order by {@link #stamp}. */
    interface Draft {
        Event at(EventTime t, Provenance s);
    }

    private static Arbitrary<Draft> event() {
        Arbitrary<String> vs = Arbitraries.of(VA_SPACES);
        Arbitrary<Integer> pid = Arbitraries.integers().between(1, 4);
        Arbitrary<Long> address = Arbitraries.longs().between(0, 15).map(i -> 0x7f0000000000L + i * PAGE);
        Arbitrary<Long> pages = Arbitraries.longs().between(1, 6).map(n -> n * PAGE);
        Arbitrary<String> processor = Arbitraries.of(PROCESSORS);
        Arbitrary<String> gpu = Arbitraries.of(GPUS);
        return Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(4, Combinators.combine(vs, pid, Arbitraries.of(true, false))
                .as((v, p, sharing) -> (Draft) (t, s) -> new VaSpaceCreated(t, s, v, p, "p" + p, sharing))),
            net.jqwik.api.Tuple.of(2, vs.map(v -> (Draft) (t, s) -> new VaSpaceDestroyed(t, s, v))),
            net.jqwik.api.Tuple.of(3, Combinators.combine(vs, pid, Arbitraries.of(FdKind.class), pid.injectNull(0.5))
                .as((v, p, fd, from) -> (Draft) (t, s) -> new FdHeld(t, s, v, p, null, fd, from))),
            net.jqwik.api.Tuple.of(2, Combinators.combine(vs, pid, Arbitraries.of(FdKind.class))
                .as((v, p, fd) -> (Draft) (t, s) -> new FdClosed(t, s, v, p, fd))),
            net.jqwik.api.Tuple.of(8, Combinators.combine(vs, address, pages, Arbitraries.of(RangeType.class), Arbitraries.of(false, false, true))
                .as((v, a, n, type, seen) -> (Draft) (t, s) -> new RangeCreated(t, s, v, null, a, a + n - 1, type, seen))),
            net.jqwik.api.Tuple.of(4, Combinators.combine(vs, address, Arbitraries.of(true, false))
                .as((v, a, deferred) -> (Draft) (t, s) -> new RangeDestroyed(t, s, v, a, deferred))),
            net.jqwik.api.Tuple.of(1, vs.map(v -> (Draft) (t, s) -> new DeferredFreed(t, s, v))),
            net.jqwik.api.Tuple.of(1, vs.map(v -> (Draft) (t, s) -> new ZombiesCleaned(t, s, v))),
            net.jqwik.api.Tuple.of(8, Combinators.combine(vs, address, pages, processor)
                .as((v, a, n, p) -> (Draft) (t, s) -> new Populated(t, s, v, a, n, p))),
            net.jqwik.api.Tuple.of(10, Combinators.combine(vs, address, pages, processor, processor)
                .as((v, a, n, from, to) -> (Draft) (t, s) -> new Migrated(t, s, v, a, n, from, to, null))),
            net.jqwik.api.Tuple.of(6, Combinators.combine(gpu, pages, vs.injectNull(0.2), address, Arbitraries.of(EvictStatus.class))
                .as((g, n, v, a, st) -> (Draft) (t, s) -> new Evicted(t, s, g, n, v, a, st, null))),
            net.jqwik.api.Tuple.of(3, Combinators.combine(pid, Arbitraries.of(ExitReason.class))
                .as((p, r) -> (Draft) (t, s) -> new ProcessExited(t, s, p, null, r, null, null))),
            net.jqwik.api.Tuple.of(3, Combinators.combine(pid, Arbitraries.of(ProcState.class))
                .as((p, st) -> (Draft) (t, s) -> new ProcessState(t, s, p, st, null, null))),
            net.jqwik.api.Tuple.of(1, pid.map(p -> (Draft) (t, s) -> new TaskBlocked(t, s, p, null, BlockReason.hung_task,
                List.of("uvm_va_space_destroy+0x1/0x2 [nvidia_uvm]")))),
            net.jqwik.api.Tuple.of(2, Combinators.combine(gpu, Arbitraries.longs().between(0, 64 * PAGE))
                .as((g, used) -> (Draft) (t, s) -> new GpuMemory(t, s, g, 1, null, "0000:3b:00.0".equals(g) ? null : "0000:af:00.0",
                    1 << 30, used, null, null))),
            net.jqwik.api.Tuple.of(2, Combinators.combine(gpu, pid, pages)
                .as((g, p, n) -> (Draft) (t, s) -> new GpuProcessMemory(t, s, g, p, null, n))),
            net.jqwik.api.Tuple.of(1, Combinators.combine(gpu, pid).as((g, p) -> (Draft) (t, s) -> new Xid(t, s, g, 43, p, null, null))),
            net.jqwik.api.Tuple.of(1, gpu.map(g -> (Draft) (t, s) -> new GpuLost(t, s, g))),
            net.jqwik.api.Tuple.of(1, Arbitraries.just((Draft) (t, s) -> new DriverUnloaded(t, s, "nvidia_uvm"))),
            net.jqwik.api.Tuple.of(1, Arbitraries.just((Draft) (t, s) -> new DriverLeak(t, s, 4096))),
            net.jqwik.api.Tuple.of(1, pid.map(p -> (Draft) (t, s) -> new DriverFault(t, s, FaultKind.oops, p, null, "x",
                List.of("uvm_deferred_free_object_list+0x1/0x2")))),
            net.jqwik.api.Tuple.of(1, Arbitraries.just((Draft) Suspended::new)),
            net.jqwik.api.Tuple.of(1, Arbitraries.just((Draft) Resumed::new)),
            net.jqwik.api.Tuple.of(1, Arbitraries.just((Draft) Capture::new)));
    }

    /** Gives the drafts times (a second apart, with a reboot now and then) and line numbers. */
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
}
