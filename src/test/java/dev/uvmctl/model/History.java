package dev.uvmctl.model;

import dev.uvmctl.event.BlockReason;
import dev.uvmctl.event.DeferredFreed;
import dev.uvmctl.event.DriverFault;
import dev.uvmctl.event.DriverUnloaded;
import dev.uvmctl.event.Event;
import dev.uvmctl.event.EventTime;
import dev.uvmctl.event.EvictStatus;
import dev.uvmctl.event.Evicted;
import dev.uvmctl.event.FaultKind;
import dev.uvmctl.event.FdClosed;
import dev.uvmctl.event.FdHeld;
import dev.uvmctl.event.FdKind;
import dev.uvmctl.event.GpuLost;
import dev.uvmctl.event.GpuMemory;
import dev.uvmctl.event.GpuProcessMemory;
import dev.uvmctl.event.GpuRetained;
import dev.uvmctl.event.Migrated;
import dev.uvmctl.event.Populated;
import dev.uvmctl.event.ProcState;
import dev.uvmctl.event.ProcessExited;
import dev.uvmctl.event.ProcessForked;
import dev.uvmctl.event.ExitReason;
import dev.uvmctl.event.ProcessState;
import dev.uvmctl.shared.Provenance;
import dev.uvmctl.event.RangeCreated;
import dev.uvmctl.event.RangeDestroyed;
import dev.uvmctl.event.RangeSplit;
import dev.uvmctl.event.RangeType;
import dev.uvmctl.event.Resumed;
import dev.uvmctl.event.Suspended;
import dev.uvmctl.event.TransferMode;
import dev.uvmctl.event.TaskBlocked;
import dev.uvmctl.event.VaSpaceCreated;
import dev.uvmctl.event.VaSpaceDestroyed;
import dev.uvmctl.event.ZombiesCleaned;
import dev.uvmctl.shared.Diagnostic;
import java.util.ArrayList;
import java.util.List;

/** Builds a history of events for tests: one per line of an input "h", one second apart. */
final class History {
    static final long GIB = 1L << 30;
    static final long MIB = 1L << 20;
    static final String GPU = "0000:3b:00.0";

    final List<Event> events = new ArrayList<>();
    final List<Diagnostic> diagnostics = new ArrayList<>();
    private String boot = "b1";
    private long seconds;

    History boot(String name) {
        boot = name;
        seconds = 0;
        return this;
    }

    private EventTime t() {
        seconds++;
        return new EventTime(boot, seconds * 1_000_000_000L, EventTime.UNKNOWN);
    }

    private Provenance src() {
        long line = events.size() + 1;
        return new Provenance("h", line, "line " + line);
    }

    History add(Event e) {
        events.add(e);
        return this;
    }

    History created(String vs, Integer pid) {
        return created(vs, pid, false);
    }

    History created(String vs, Integer pid, boolean sharing) {
        return add(new VaSpaceCreated(t(), src(), vs, pid, "p" + pid, sharing, false, null));
    }

    History destroyedVaSpace(String vs) {
        return add(new VaSpaceDestroyed(t(), src(), vs, null));
    }

    History held(String vs, int pid, FdKind fd, Integer from) {
        return add(new FdHeld(t(), src(), vs, pid, "p" + pid, fd, from, null));
    }

    History forked(int pid, int parent) {
        return add(new ProcessForked(t(), src(), pid, parent, "p" + pid));
    }

    History closed(String vs, int pid, FdKind fd) {
        return add(new FdClosed(t(), src(), vs, pid, fd));
    }

    History range(String vs, long start, long size, RangeType type) {
        return add(new RangeCreated(t(), src(), vs, null, start, start + size - 1, type, false));
    }

    /** A snapshot saw the range (a mapping in /proc/PID/maps). */
    History observed(String vs, long start, long size, RangeType type) {
        return add(new RangeCreated(t(), src(), vs, null, start, start + size - 1, type, true));
    }

    /** uvm_va_range_split: the new range is {@code [start, end]}, the upper part of the one holding it. */
    History split(String vs, long start, long end) {
        return add(new RangeSplit(t(), src(), vs, start, end));
    }

    History destroyed(String vs, long start, boolean deferred) {
        return add(new RangeDestroyed(t(), src(), vs, start, deferred));
    }

    History freed(String vs) {
        return add(new DeferredFreed(t(), src(), vs));
    }

    History zombiesCleaned(String vs) {
        return add(new ZombiesCleaned(t(), src(), vs));
    }

    History populated(String vs, long address, long bytes, String processor) {
        return add(new Populated(t(), src(), vs, address, bytes, processor));
    }

    History migrated(String vs, long address, long bytes, String from, String to) {
        return add(new Migrated(t(), src(), vs, address, bytes, from, to, null, TransferMode.move));
    }

    /** A read-duplicating copy (transfer mode COPY): the source keeps its pages. */
    History copied(String vs, long address, long bytes, String from, String to) {
        return add(new Migrated(t(), src(), vs, address, bytes, from, to, null, TransferMode.copy));
    }

    History evicted(String vs, long address, long bytes, EvictStatus status) {
        return evicted(GPU, vs, address, bytes, status, null);
    }

    History evicted(String gpu, String vs, long address, long bytes, EvictStatus status, String error) {
        return add(new Evicted(t(), src(), gpu, bytes, vs, address, status, error));
    }

    /** An nvidia-smi snapshot of {@code gpu}, saying which index, UUID and PCI bus id it has. */
    History gpuMemory(String gpu, Integer index, String uuid, String pci) {
        return add(new GpuMemory(t(), src(), gpu, index, uuid, pci, 80 * GIB, GIB, null, null));
    }

    History exited(int pid, ExitReason reason) {
        return add(new ProcessExited(t(), src(), pid, null, reason, null, null));
    }

    /** The kernel log's end of {@code pid}, which names its command (the OOM killer's {@code Killed process 5120 (python3)}). */
    History exited(int pid, String comm, ExitReason reason) {
        return add(new ProcessExited(t(), src(), pid, comm, reason, reason == ExitReason.exit ? null : 9, null));
    }

    /** The kernel log's Xid 79 or "fallen off the bus" for {@code gpu}. */
    History gpuLost(String gpu) {
        return add(new GpuLost(t(), src(), gpu));
    }

    /** UVM's procfs: {@code gpu}'s retained_count. */
    History retained(String gpu, long count) {
        return add(new GpuRetained(t(), src(), gpu, null, null, count));
    }

    /** UVM's procfs: {@code gpu}'s retained_count, its info saying {@code GPU ID uvmId: GPU-<uuid> ...}. */
    History retained(String gpu, String uuid, int uvmId, long count) {
        return add(new GpuRetained(t(), src(), gpu, uuid, uvmId, count));
    }

    /** An nvidia-smi snapshot of {@code gpu}: {@code used} in use, of which {@code charged} charged to {@code pid}. */
    History charged(String gpu, long used, int pid, String comm, long charged) {
        EventTime at = t();
        add(new GpuMemory(at, src(), gpu, 0, null, gpu, 80 * GIB, used, null, 0L));
        return add(new GpuProcessMemory(at, src(), gpu, pid, comm, charged));
    }

    /** A hung task whose report names its thread group ({@code tgid:}, newer kernels). */
    History hungThread(int tid, int tgid, String comm, String... frames) {
        return add(new TaskBlocked(t(), src(), tid, comm, BlockReason.hung_task, List.of(frames), tgid));
    }

    History state(int pid, ProcState state) {
        return add(new ProcessState(t(), src(), pid, state, null, null));
    }

    /** The input lost {@code count} events (null: uncounted) on {@code cpu} here. */
    History lost(Integer cpu, Long count) {
        return add(new dev.uvmctl.event.EventsLost(t(), src(), cpu, count));
    }

    History suspended() {
        return add(new Suspended(t(), src()));
    }

    History resumed() {
        return add(new Resumed(t(), src()));
    }

    History blocked(int pid, String frame) {
        return add(new TaskBlocked(t(), src(), pid, "p" + pid, BlockReason.hung_task, List.of(frame)));
    }

    /** A hung-task report of thread {@code tid} named {@code comm}, with its call trace, innermost first. */
    History hungTask(int tid, String comm, String... frames) {
        return add(new TaskBlocked(t(), src(), tid, comm, BlockReason.hung_task, List.of(frames)));
    }

    /** A trace's thread {@code tid} of process {@code tgid}: entered uvm_va_space_destroy of {@code vs} and never returned (FtraceEvents). */
    History teardownNotReturned(int tid, int tgid, String comm, String vs) {
        return add(new TaskBlocked(t(), src(), tid, comm, BlockReason.traced, List.of("uvm_va_space_destroy [nvidia_uvm]"), tgid, vs));
    }

    History state(int pid, ProcState state, String comm) {
        return add(new ProcessState(t(), src(), pid, state, null, comm));
    }

    /** A call trace through {@code frame} whose header, which named the task, was cut off. */
    History blockedWithoutTask(String frame) {
        return add(new TaskBlocked(t(), src(), null, null, BlockReason.call_trace, List.of(frame)));
    }

    /** A snapshot saw {@code pid} in uninterruptible sleep in {@code frame}: not a report of the kernel. */
    History sleeping(int pid, String frame) {
        return add(new TaskBlocked(t(), src(), pid, "p" + pid, BlockReason.uninterruptible, List.of(frame)));
    }

    History fault(FaultKind kind, Integer pid, String frame) {
        return add(new DriverFault(t(), src(), kind, pid, null, "fault", List.of(frame)));
    }

    History unloaded() {
        return add(new DriverUnloaded(t(), src(), "nvidia_uvm"));
    }

    ReclaimModel replay() {
        ReclaimModel m = new ReclaimModel(diagnostics::add, 64 * MIB);
        for (Event e : events) {
            m.apply(e);
        }
        m.finish();
        return m;
    }

    static VaRange range(ReclaimModel m, String vs, long start) {
        VaRange r = m.vaSpace(vs).ranges.containing(start);
        return r != null && r.start() == start ? r : null;
    }

    static long bytes(ReclaimModel m, String vs, long start, String processor) {
        return m.bytes(range(m, vs, start)).getOrDefault(processor, 0L);
    }
}
