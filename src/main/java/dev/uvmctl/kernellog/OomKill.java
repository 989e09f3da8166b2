package dev.uvmctl.kernellog;

/**
 * An OOM kill: {@code Out of memory: Killed process PID (comm) total-vm:..kB, anon-rss:..kB, ...}
 * (or {@code Memory cgroup out of memory: ...}), with the {@code oom-kill:constraint=...} line
 * just before it when present. The process exits and its memory must come back.
 *
 * @param gpuProcess true when the same process appeared earlier in this boot in a GPU record
 *                   (an Xid, a UVM print or a trace through nvidia frames)
 * @param cgroup     true for a memory-cgroup OOM, false for a global one
 */
public record OomKill(RecordOrigin origin, String message, Long pid, String process, Long uid, Long totalVm, Long anonRss,
                      Long fileRss, Long shmemRss, Long pageTables, Integer oomScoreAdj, String constraint,
                      String memcg, boolean cgroup, boolean gpuProcess) implements KernelRecord {
    @Override
    public RecordKind kind() {
        return RecordKind.OOM_KILL;
    }

    @Override
    public boolean needsAttention() {
        return gpuProcess;
    }

    /** The same kill, of a process an earlier record tied to a GPU. */
    OomKill ofGpuProcess() {
        return new OomKill(origin, message, pid, process, uid, totalVm, anonRss, fileRss, shmemRss, pageTables, oomScoreAdj,
            constraint, memcg, cgroup, true);
    }
}
