package dev.uvmctl.render;

import dev.uvmctl.shared.Counted;
import dev.uvmctl.shared.GpuKey;
import dev.uvmctl.shared.Sizes;
import dev.uvmctl.event.Capture;
import dev.uvmctl.event.DeferredFreed;
import dev.uvmctl.event.DriverFault;
import dev.uvmctl.event.DriverLeak;
import dev.uvmctl.event.DriverLoaded;
import dev.uvmctl.event.DriverUnloaded;
import dev.uvmctl.event.Event;
import dev.uvmctl.event.EventTime;
import dev.uvmctl.event.EventsLost;
import dev.uvmctl.event.Evicted;
import dev.uvmctl.event.FdClosed;
import dev.uvmctl.event.FdHeld;
import dev.uvmctl.event.GpuLost;
import dev.uvmctl.event.GpuRetained;
import dev.uvmctl.event.GpuMemory;
import dev.uvmctl.event.GpuProcessMemory;
import dev.uvmctl.event.Migrated;
import dev.uvmctl.event.Populated;
import dev.uvmctl.event.ProcessExited;
import dev.uvmctl.event.ProcessForked;
import dev.uvmctl.event.ProcessState;
import dev.uvmctl.event.RangeCreated;
import dev.uvmctl.event.RangeDestroyed;
import dev.uvmctl.event.RangeSplit;
import dev.uvmctl.event.TaskBlocked;
import dev.uvmctl.event.VaSpaceCreated;
import dev.uvmctl.event.VaSpaceDestroyed;
import dev.uvmctl.event.Xid;
import dev.uvmctl.event.ZombiesCleaned;
import dev.uvmctl.model.Teardown;

/** One line about an event for people: the fields that matter, with sizes in IEC units. */
public final class EventText {
    private EventText() {
    }

    public static String describe(Event event) {
        return switch (event.kind()) {
            case va_space_created -> {
                VaSpaceCreated e = (VaSpaceCreated) event;
                yield e.vaSpace() + pid(e.pid(), e.comm()) + (e.sharing() ? " multi-process sharing" : "");
            }
            case va_space_destroyed -> {
                VaSpaceDestroyed e = (VaSpaceDestroyed) event;
                yield e.vaSpace() + pid(e.pid(), null);
            }
            case fd_held -> {
                FdHeld e = (FdHeld) event;
                yield e.vaSpace() + pid(e.pid(), e.comm()) + " " + e.fd() + " fd"
                    + (e.inheritedFrom() == null ? "" : " inherited from " + e.inheritedFrom());
            }
            case fd_closed -> {
                FdClosed e = (FdClosed) event;
                yield e.vaSpace() + pid(e.pid(), null) + " " + e.fd() + " fd";
            }
            case range_created -> {
                RangeCreated e = (RangeCreated) event;
                yield e.vaSpace() + " " + e.rangeType() + " [" + Sizes.hex(e.start()) + ", " + Sizes.hex(e.end()) + "] "
                    + Sizes.iec(e.end() - e.start() + 1);
            }
            case range_destroyed -> {
                RangeDestroyed e = (RangeDestroyed) event;
                yield e.vaSpace() + " " + Sizes.hex(e.start()) + (e.deferred() ? " onto the deferred list" : "");
            }
            case range_split -> {
                RangeSplit e = (RangeSplit) event;
                yield e.vaSpace() + " split at " + Sizes.hex(e.start()) + ", new piece [" + Sizes.hex(e.start()) + ", " + Sizes.hex(e.end()) + "]";
            }
            case deferred_freed -> ((DeferredFreed) event).vaSpace();
            case zombies_cleaned -> ((ZombiesCleaned) event).vaSpace();
            case populated -> {
                Populated e = (Populated) event;
                yield e.vaSpace() + " " + Sizes.hex(e.address()) + " " + Sizes.iec(e.bytes()) + " on " + e.processor();
            }
            case migrated -> {
                Migrated e = (Migrated) event;
                yield e.vaSpace() + " " + Sizes.hex(e.address()) + " " + Sizes.iec(e.bytes()) + " " + e.from() + " -> " + e.to()
                    + (e.cause() == null ? "" : " (" + e.cause() + ")");
            }
            case evicted -> {
                Evicted e = (Evicted) event;
                yield e.gpu() + " " + Sizes.iec(e.bytes()) + (e.vaSpace() == null ? "" : " " + e.vaSpace())
                    + (e.address() == null ? "" : " " + Sizes.hex(e.address())) + " " + e.status() + (e.error() == null ? "" : " " + e.error());
            }
            case process_exited -> {
                ProcessExited e = (ProcessExited) event;
                yield pid(e.pid(), e.comm()).trim() + " " + e.reason() + (e.signal() == null ? "" : " signal " + e.signal())
                    + (e.code() == null ? "" : " code " + e.code());
            }
            case process_forked -> {
                ProcessForked e = (ProcessForked) event;
                yield pid(e.pid(), e.comm()).trim() + " forked from " + e.ppid();
            }
            case process_state -> {
                ProcessState e = (ProcessState) event;
                yield pid(e.pid(), e.comm()).trim() + " " + e.state() + (e.ppid() == null ? "" : " ppid " + e.ppid());
            }
            case task_blocked -> {
                TaskBlocked e = (TaskBlocked) event;
                String in = Teardown.frame(e.frames());
                yield (e.pid() == null ? "a task" : pid(e.pid(), e.comm()).trim()) + " " + e.reason() + (in == null ? "" : " in " + in);
            }
            case gpu_memory -> {
                GpuMemory e = (GpuMemory) event;
                yield e.gpu() + " " + Sizes.iec(e.used()) + " of " + Sizes.iec(e.total()) + " used"
                    + (e.reserved() == null ? "" : ", " + Sizes.iec(e.reserved()) + " reserved");
            }
            case gpu_process_memory -> {
                GpuProcessMemory e = (GpuProcessMemory) event;
                yield e.gpu() + pid(e.pid(), e.comm()) + " " + Sizes.iec(e.used());
            }
            case gpu_retained -> {
                GpuRetained e = (GpuRetained) event;
                yield e.gpu() + (e.uvmId() == null ? "" : " (" + GpuKey.uvmProcessor(e.uvmId()) + ")") + (e.count() == null ? " named" : " retained_count " + e.count());
            }
            case xid -> {
                Xid e = (Xid) event;
                yield e.gpu() + " Xid " + e.code() + (e.pid() == null ? "" : pid(e.pid(), e.comm()));
            }
            case gpu_lost -> ((GpuLost) event).gpu();
            case driver_loaded -> {
                DriverLoaded e = (DriverLoaded) event;
                yield e.module() + (e.version() == null ? "" : " " + e.version());
            }
            case driver_unloaded -> ((DriverUnloaded) event).module();
            case driver_leak -> Sizes.iec(((DriverLeak) event).bytes());
            case driver_fault -> {
                DriverFault e = (DriverFault) event;
                String in = Teardown.frame(e.frames());
                yield e.fault() + (e.pid() == null ? "" : pid(e.pid(), e.comm())) + (in == null ? "" : " in " + in);
            }
            case capture -> ((Capture) event).time().hasWall() ? EventTime.wall(event.time().wallNanos()) : "";
            case events_lost -> lost((EventsLost) event);
            case suspended, resumed -> "";
        };
    }

    /** {@code 512 events on CPU 3}, {@code uncounted on CPU 9}, {@code 4096 events}: what an {@code events_lost} says. */
    public static String lost(EventsLost e) {
        return (e.count() == null ? "uncounted" : Counted.of(e.count(), "event")) + (e.cpu() == null ? "" : " on CPU " + e.cpu());
    }

    private static String pid(Integer pid, String comm) {
        if (pid == null) {
            return "";
        }
        return " pid " + pid + (comm == null ? "" : " (" + comm + ")");
    }
}
