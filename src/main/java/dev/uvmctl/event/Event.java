package dev.uvmctl.event;

import dev.uvmctl.shared.Provenance;

/**
 * One thing that happened to GPU memory, a va_space, a process or the driver. Every event
 * carries its time and its provenance; records are immutable. The NDJSON form of each kind is
 * in docs/events.md.
 */
public sealed interface Event permits VaSpaceCreated, VaSpaceDestroyed, FdHeld, FdClosed, RangeCreated,
    RangeDestroyed, RangeSplit, DeferredFreed, ZombiesCleaned, Populated, Migrated, Evicted, ProcessExited, ProcessForked, ProcessState,
    TaskBlocked, GpuMemory, GpuProcessMemory, GpuRetained, Xid, GpuLost, DriverLoaded, DriverUnloaded, DriverLeak, DriverFault,
    Suspended, Resumed, Capture, EventsLost {

    EventTime time();

    Provenance source();

    EventKind kind();
}
