package dev.uvmctl.model;

import dev.uvmctl.event.BlockReason;
import dev.uvmctl.event.DeferredFreed;
import dev.uvmctl.event.DriverUnloaded;
import dev.uvmctl.event.Event;
import dev.uvmctl.event.EventTime;
import dev.uvmctl.event.EvictStatus;
import dev.uvmctl.event.Evicted;
import dev.uvmctl.event.FdClosed;
import dev.uvmctl.event.FdHeld;
import dev.uvmctl.event.FdKind;
import dev.uvmctl.event.Migrated;
import dev.uvmctl.event.Populated;
import dev.uvmctl.event.ProcState;
import dev.uvmctl.event.ProcessExited;
import dev.uvmctl.event.ExitReason;
import dev.uvmctl.event.ProcessState;
import dev.uvmctl.shared.Provenance;
import dev.uvmctl.event.RangeCreated;
import dev.uvmctl.event.RangeDestroyed;
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
        return add(new VaSpaceDestroyed(t(), src(), vs));
    }

    History held(String vs, int pid, FdKind fd, Integer from) {
        return add(new FdHeld(t(), src(), vs, pid, "p" + pid, fd, from, null));
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

    History evicted(String vs, long address, long bytes, EvictStatus status) {
        return add(new Evicted(t(), src(), GPU, bytes, vs, address, status, null));
    }

    History exited(int pid, ExitReason reason) {
        return add(new ProcessExited(t(), src(), pid, null, reason, null, null));
    }

    History state(int pid, ProcState state) {
        return add(new ProcessState(t(), src(), pid, state, null, null));
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
