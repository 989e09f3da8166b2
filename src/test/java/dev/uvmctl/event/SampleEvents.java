package dev.uvmctl.event;

import dev.uvmctl.shared.Provenance;
import java.util.List;

/** One event of every kind, with every optional field set on some and left out on others. */
final class SampleEvents {
    private SampleEvents() {
    }

    static List<Event> all() {
        EventTime t = new EventTime("boot-1", 1_520_301_337_000L, EventTime.parseWall("2025-03-14T09:41:07Z"));
        EventTime mono = new EventTime("boot-1", 12_000_000_001L, EventTime.UNKNOWN);
        Provenance s = new Provenance("kern.log", 812, "Mar 14 09:41:07 node kernel: [ 1520.301337] \"quoted\" \u001b[31m");
        String vs = "0xffff8f01c2a40000";
        return List.of(
            new VaSpaceCreated(t, s, vs, 4242, "python", true, false, null),
            new VaSpaceCreated(EventTime.NONE, s, vs, null, null, false, true, "/proc/4242/fd/4"),
            new VaSpaceDestroyed(mono, s, vs, 4301),
            new FdHeld(t, s, vs, 4301, "pt_data_worker", FdKind.mm, 4242, "/proc/4301/fd/5"),
            new FdHeld(mono, s, vs, 4301, null, FdKind.va_space, null, null),
            new FdClosed(t, s, vs, 4301, FdKind.va_space),
            new RangeCreated(t, s, vs, "0xffff88810badc0de", 0x7f3a40000000L, 0x7f3abfffffffL, RangeType.managed, false),
            new RangeCreated(mono, s, vs, null, 0xffffffffff000000L, 0xffffffffffffffffL, RangeType.hmm, true),
            new RangeDestroyed(t, s, vs, 0x7f3a40000000L, true),
            new RangeSplit(t, s, vs, 0x7f3a60000000L, 0x7f3a7fffffffL),
            new DeferredFreed(t, s, vs),
            new ZombiesCleaned(t, s, vs),
            new Populated(t, s, vs, 0x7f3a40000000L, 2_097_152, "0000:3b:00.0"),
            new Migrated(t, s, vs, 0x7f3a40200000L, 4096, "cpu", "gpu1", "prefetch", TransferMode.copy),
            new Migrated(mono, s, vs, 0x7f3a40200000L, 0, "GPU-5a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9", "cpu", null, TransferMode.move),
            new Evicted(t, s, "0000:3b:00.0", 2_097_152, vs, 0x7f3a40400000L, EvictStatus.busy_retry, "NV_ERR_MORE_PROCESSING_REQUIRED"),
            new Evicted(mono, s, "gpu0", 0, null, null, EvictStatus.ok, null),
            new ProcessExited(t, s, 4242, "python", ExitReason.oom_kill, 9, null),
            new ProcessExited(t, s, 5120, "python3", ExitReason.oom_kill, 9, null,
                new ProcessIdentity(1000, "/system.slice/slurmstepd.scope/job_42/step_0/user/task_0")),
            new ProcessExited(mono, s, 6230, null, ExitReason.oom_kill, 9, null, new ProcessIdentity(1001, null)),
            new ProcessExited(mono, s, 1, null, ExitReason.exit, null, 0),
            new ProcessForked(t, s, 4301, 4242, "python"),
            new ProcessForked(mono, s, 4302, 4301, null),
            new ProcessState(t, s, 4301, ProcState.uninterruptible, 1, "pt_data_worker"),
            new ProcessState(t, s, 4302, ProcState.alive, 1, "python3",
                new ProcessIdentity(1000, "/slurm/uid_1000/job_42/step_0/task_0")),
            new TaskBlocked(t, s, 4301, "pt_data_worker", BlockReason.hung_task,
                List.of("uvm_va_space_destroy+0x2a1/0x500 [nvidia_uvm]", "? __fput+0xff/0x290")),
            new TaskBlocked(mono, s, 9, null, BlockReason.soft_lockup, List.of()),
            new TaskBlocked(t, s, 6101, "python", BlockReason.traced, List.of("uvm_va_space_destroy [nvidia_uvm]"), 6100,
                "0xffff9a2b41c00000"),
            new GpuMemory(t, s, "0000:3b:00.0", 0, "GPU-5a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9", "0000:3b:00.0", 85_899_345_920L,
                2_420_113_408L, 82_942_361_600L, 536_870_912L),
            new GpuMemory(mono, s, "gpu1", null, null, null, 1, 0, null, null),
            new GpuProcessMemory(t, s, "0000:3b:00.0", 4242, "python", 1_073_741_824L),
            new GpuRetained(t, s, "0000:3b:00.0", "GPU-5a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9", 1, 4L),
            new GpuRetained(mono, s, "GPU-5a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9", null, null, 0L),
            new GpuRetained(mono, s, "0000:3b:00.0", "GPU-5a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9", 256, null),
            new Xid(t, s, "0000:3b:00.0", 43, 4242, "python", "Ch 00000010"),
            new Xid(mono, s, "0000:3b:00.0", 79, null, null, null),
            new GpuLost(t, s, "0000:3b:00.0"),
            new DriverLoaded(t, s, "nvidia_uvm", "550.54.14"),
            new DriverUnloaded(t, s, "nvidia_uvm"),
            new DriverLeak(t, s, 4096),
            new DriverFault(t, s, FaultKind.assert_failed, 8200, "python", "Assert failed, condition x not true",
                List.of("uvm_va_range_destroy_external+0x3c/0x120 [nvidia_uvm]")),
            new Suspended(t, s),
            new Resumed(t, s),
            new Capture(t, s, true),
            new EventsLost(t, s, 3, 512L),
            new EventsLost(t, s, null, null));
    }
}
