package dev.uvmctl.ingest;

import dev.uvmctl.event.BlockReason;
import dev.uvmctl.event.BootIds;
import dev.uvmctl.event.DriverFault;
import dev.uvmctl.event.DriverLeak;
import dev.uvmctl.event.DriverLoaded;
import dev.uvmctl.event.DriverUnloaded;
import dev.uvmctl.event.Event;
import dev.uvmctl.event.EventTime;
import dev.uvmctl.event.EventsLost;
import dev.uvmctl.event.ExitReason;
import dev.uvmctl.event.FaultKind;
import dev.uvmctl.event.GpuLost;
import dev.uvmctl.event.ProcessExited;
import dev.uvmctl.event.ProcessIdentity;
import dev.uvmctl.event.TaskBlocked;
import dev.uvmctl.event.Xid;
import dev.uvmctl.shared.GpuKey;
import dev.uvmctl.shared.Provenance;
import dev.uvmctl.kernellog.CallTrace;
import dev.uvmctl.kernellog.DriverLeakReport;
import dev.uvmctl.kernellog.DriverLoad;
import dev.uvmctl.kernellog.DriverUnload;
import dev.uvmctl.kernellog.KernelRecord;
import dev.uvmctl.kernellog.LogGap;
import dev.uvmctl.kernellog.OomKill;
import dev.uvmctl.kernellog.RecordOrigin;
import dev.uvmctl.kernellog.UvmPrint;
import dev.uvmctl.kernellog.WallTime;
import dev.uvmctl.shared.PciAddress;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Turns the kernel log's records into events (docs/events.md, "Inputs"). Records that say
 * nothing the model uses (discovery lines, routine driver messages, boot banners) give none.
 * One instance per log: it remembers the core driver's version from its load banner, which
 * nvidia_uvm's own banner does not print.
 */
final class KernelRecordEvents {
    /** How kernel-log boots are named in events. */
    interface BootNames {
        /** The name of the record's boot, or null when it stays unnamed (placed by wall-clock time). */
        String of(RecordOrigin origin);

        /** True when events of this boot are wanted at all. */
        default boolean keeps(RecordOrigin origin) {
            return true;
        }
    }

    private static final long NANOS_PER_MICRO = 1000L;

    private final BootNames boots;
    private String coreVersion;
    private String versionBoot;

    KernelRecordEvents(BootNames boots) {
        this.boots = boots;
    }

    /**
     * A file's boots: the journal's boot id when it names one, else {@code INPUT#N} (a bug
     * report's sections: {@code INPUT#SECTION#N}) for records with kernel time. A record with
     * wall-clock time only stays unnamed, so that a capture's clock can place it.
     */
    static BootNames perInput() {
        return o -> {
            if (o.bootId() != null) {
                return BootIds.normalize(o.bootId());
            }
            if (o.kernelMicros() == null) {
                return null;
            }
            return o.section() == null ? o.input() + "#" + o.boot() : o.input() + "#" + o.section() + "#" + o.boot();
        };
    }

    /**
     * A system root's log, whose boot is the root's ({@code rootBoot}, null when unknown): the
     * ring buffer of {@code /dev/kmsg} and {@code dmesg} holds the running boot only, so every
     * boot the log does not name is that one. The journal names its boots: earlier ones are left
     * out, since a reboot released whatever they held.
     */
    static BootNames ofRoot(String rootBoot) {
        return new BootNames() {
            @Override
            public String of(RecordOrigin o) {
                return rootBoot != null || o.bootId() == null ? rootBoot : BootIds.normalize(o.bootId());
            }

            @Override
            public boolean keeps(RecordOrigin o) {
                return rootBoot == null || o.bootId() == null || BootIds.normalize(o.bootId()).equals(rootBoot);
            }
        };
    }

    /** The events {@code r} stands for, in order; empty for records the model has no use for. */
    List<Event> of(KernelRecord r) {
        RecordOrigin o = r.origin();
        if (!boots.keeps(o)) {
            return List.of();
        }
        String boot = boots.of(o);
        if (!Objects.equals(boot, versionBoot)) {
            coreVersion = null;
            versionBoot = boot;
        }
        EventTime t = time(boot, o);
        Provenance s = new Provenance(o.input(), o.line(), o.raw());
        Event e = switch (r.kind()) {
            case XID -> xid(t, s, (dev.uvmctl.kernellog.XidRecord) r);
            case GPU_LOST -> r.gpu() == null ? null : new GpuLost(t, s, gpu(r.gpu()));
            case DRIVER_LOAD -> coreLoad(t, s, (DriverLoad) r);
            case DRIVER_UNLOAD -> coreUnload(t, s, (DriverUnload) r);
            case UVM_LOAD -> new DriverLoaded(t, s, "nvidia_uvm", coreVersion);
            case UVM_UNLOAD -> new DriverUnloaded(t, s, "nvidia_uvm");
            case DRIVER_LEAK -> leak(t, s, (DriverLeakReport) r);
            case CALL_TRACE -> trace(t, s, (CallTrace) r);
            case UVM_PRINT -> assertFailed(t, s, (UvmPrint) r);
            case OOM_KILL -> oomKill(t, s, (OomKill) r);
            // Whatever the lost messages said is missing from here on: findings about what existed then are inferred.
            case LOG_GAP -> new EventsLost(t, s, null, ((LogGap) r).count());
            case BOOT, GPU_INFO, GPU_FAILURE, DRIVER_ERROR, DRIVER_MESSAGE -> null;
        };
        return e == null ? List.of() : List.of(e);
    }

    private static Event xid(EventTime t, Provenance s, dev.uvmctl.kernellog.XidRecord x) {
        return x.gpu() == null ? null : new Xid(t, s, gpu(x.gpu()), x.code(), pid(x.pid()), x.process(), x.text());
    }

    /** A UVM release assert; the function that printed it is the innermost frame there is. */
    private static Event assertFailed(EventTime t, Provenance s, UvmPrint p) {
        if (!p.severity().equals("assert")) {
            return null;
        }
        return new DriverFault(t, s, FaultKind.assert_failed, pid(p.pid()), null, p.text(),
            p.function() == null ? List.of() : List.of(p.function()));
    }

    /**
     * The OOM killer sends SIGKILL (mm/oom_kill.c: __oom_kill_process). Whose the victim was comes
     * from the lines of that one kill: {@code UID:N} on the kill line, and dump_oom_summary's
     * {@code task_memcg=PATH,...,uid=N} just before it when it names the same pid (the parser joins
     * them); the memory cgroup's path is the memory controller's on cgroup v1 and the unified one on v2.
     */
    private static Event oomKill(EventTime t, Provenance s, OomKill k) {
        Integer pid = pid(k.pid());
        Integer uid = k.uid() == null || k.uid() < 0 || k.uid() > Integer.MAX_VALUE ? null : k.uid().intValue();
        return pid == null ? null
            : new ProcessExited(t, s, pid, k.process(), ExitReason.oom_kill, 9, null, ProcessIdentity.of(uid, k.memcg()));
    }

    /**
     * The core module's banner ({@code NVRM: loading NVIDIA UNIX ... Kernel Module 550.54.14}).
     * The model ends nothing at a load, but from 570.123.07 on nvidia_uvm prints no banner of
     * its own: this is then the only load, and the only driver version, the log shows.
     */
    private Event coreLoad(EventTime t, Provenance s, DriverLoad d) {
        if (!d.module().equals("nvidia")) {
            return null;
        }
        coreVersion = d.version();
        return new DriverLoaded(t, s, "nvidia", d.version());
    }

    /**
     * The Nvlink core is part of nvidia.ko and is unregistered by its module exit (as in
     * {@code Unloaded the UVM driver}, then {@code nvidia-nvlink: Unregistered the Nvlink Core}):
     * the core driver's only unload line, and it ends every va_space, as unloading nvidia_uvm does.
     */
    private static Event coreUnload(EventTime t, Provenance s, DriverUnload d) {
        return d.module().equals("nvidia-nvlink") ? new DriverUnloaded(t, s, "nvidia") : null;
    }

    private static Event leak(EventTime t, Provenance s, DriverLeakReport l) {
        if (l.bytes() != null) {
            return new DriverLeak(t, s, l.bytes());
        }
        if (l.allocations().isEmpty()) {
            return null;
        }
        long sum = 0;
        for (DriverLeakReport.Allocation a : l.allocations()) {
            sum += a.bytes();
        }
        return new DriverLeak(t, s, sum);
    }

    /**
     * A hung task, soft lockup, RCU stall or bare trace through nvidia frames shows a task that
     * does not get on: {@code task_blocked}, without a pid when the report names no task (a trace
     * whose header was cut off). An oops, BUG, general protection fault or WARN in them is the
     * driver failing: {@code driver_fault}.
     */
    private static Event trace(EventTime t, Provenance s, CallTrace c) {
        List<String> frames = frames(c);
        Integer pid = pid(c.pid());
        String message = c.title() != null ? c.title() : c.message().lines().findFirst().orElse("");
        return switch (c.traceKind()) {
            case HUNG_TASK -> new TaskBlocked(t, s, pid, c.process(), BlockReason.hung_task, frames, pid(c.tgid()));
            case SOFT_LOCKUP -> new TaskBlocked(t, s, pid, c.process(), BlockReason.soft_lockup, frames, pid(c.tgid()));
            case STALL, TRACE -> new TaskBlocked(t, s, pid, c.process(), BlockReason.call_trace, frames, pid(c.tgid()));
            case BUG -> new DriverFault(t, s, FaultKind.bug, pid, c.process(), message, frames);
            case WARNING -> new DriverFault(t, s, FaultKind.warning, pid, c.process(), message, frames);
            case GPF, OOPS -> new DriverFault(t, s, FaultKind.oops, pid, c.process(), message, frames);
        };
    }

    /** The frames as the kernel prints them, innermost first; the faulting instruction leads when it is not the first frame. */
    private static List<String> frames(CallTrace c) {
        List<String> out = new ArrayList<>();
        if (c.ip() != null && (c.frames().isEmpty() || !c.frames().get(0).function().equals(c.ip().function()))) {
            out.add(frame(c.ip()));
        }
        for (CallTrace.Frame f : c.frames()) {
            out.add(frame(f));
        }
        return out;
    }

    /** {@code ? uvm_va_space_destroy+0x2a1/0x500 [nvidia_uvm]}, as a call trace prints it. */
    static String frame(CallTrace.Frame f) {
        StringBuilder b = new StringBuilder();
        if (!f.reliable()) {
            b.append("? ");
        }
        b.append(f.function());
        if (f.offset() != null && f.size() != null) {
            b.append("+0x").append(Long.toHexString(f.offset())).append("/0x").append(Long.toHexString(f.size()));
        }
        if (f.module() != null) {
            b.append(" [").append(f.module()).append(']');
        }
        return b.toString();
    }

    private static String gpu(PciAddress a) {
        return GpuKey.of(a);
    }

    private static Integer pid(Long pid) {
        return pid == null || pid < 0 || pid > Integer.MAX_VALUE ? null : pid.intValue();
    }

    private static EventTime time(String boot, RecordOrigin o) {
        long mono = o.kernelMicros() == null ? EventTime.UNKNOWN : o.kernelMicros() * NANOS_PER_MICRO;
        return new EventTime(boot, mono, wall(o.wall()));
    }

    /** Epoch nanoseconds of a log's wall-clock time; unknown unless the line gave both its year and its zone. */
    static long wall(WallTime w) {
        if (w == null || w.year() == null || w.offsetMinutes() == null) {
            return EventTime.UNKNOWN;
        }
        try {
            // A leap second (:60) is kept in the minute it ends.
            LocalDateTime local = LocalDateTime.of(w.year(), w.month(), w.day(), w.hour(), w.minute(), Math.min(w.second(), 59), w.nanos());
            long seconds = local.toEpochSecond(ZoneOffset.ofTotalSeconds(w.offsetMinutes() * 60));
            return Math.addExact(Math.multiplyExact(seconds, 1_000_000_000L), w.nanos());
        } catch (DateTimeException | ArithmeticException e) {
            return EventTime.UNKNOWN;
        }
    }
}
