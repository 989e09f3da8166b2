package dev.uvmctl.kernellog;

/**
 * An OOM kill: {@code Out of memory: Killed process PID (comm) total-vm:..kB, anon-rss:..kB, ...}
 * (or {@code Memory cgroup out of memory: ...}), with the {@code oom-kill:constraint=...} line
 * just before it when present. The process exits and its memory must come back. Made through
 * {@link Builder}, whose setters document the components.
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
        return toBuilder().gpuProcess(true).build();
    }

    /** An OomKill to fill by name. */
    static Builder builder() {
        return new Builder();
    }

    private Builder toBuilder() {
        return new Builder()
            .origin(origin)
            .message(message)
            .pid(pid)
            .process(process)
            .uid(uid)
            .totalVm(totalVm)
            .anonRss(anonRss)
            .fileRss(fileRss)
            .shmemRss(shmemRss)
            .pageTables(pageTables)
            .oomScoreAdj(oomScoreAdj)
            .constraint(constraint)
            .memcg(memcg)
            .cgroup(cgroup)
            .gpuProcess(gpuProcess);
    }

    /** Names each component at the call site, where 15 positional arguments could not be read. */
    static final class Builder {
        private RecordOrigin origin;
        private String message;
        private Long pid;
        private String process;
        private Long uid;
        private Long totalVm;
        private Long anonRss;
        private Long fileRss;
        private Long shmemRss;
        private Long pageTables;
        private Integer oomScoreAdj;
        private String constraint;
        private String memcg;
        private boolean cgroup;
        private boolean gpuProcess;

        private Builder() {
        }

        Builder origin(RecordOrigin v) {
            origin = v;
            return this;
        }

        Builder message(String v) {
            message = v;
            return this;
        }

        Builder pid(Long v) {
            pid = v;
            return this;
        }

        Builder process(String v) {
            process = v;
            return this;
        }

        Builder uid(Long v) {
            uid = v;
            return this;
        }

        Builder totalVm(Long v) {
            totalVm = v;
            return this;
        }

        Builder anonRss(Long v) {
            anonRss = v;
            return this;
        }

        Builder fileRss(Long v) {
            fileRss = v;
            return this;
        }

        Builder shmemRss(Long v) {
            shmemRss = v;
            return this;
        }

        Builder pageTables(Long v) {
            pageTables = v;
            return this;
        }

        Builder oomScoreAdj(Integer v) {
            oomScoreAdj = v;
            return this;
        }

        Builder constraint(String v) {
            constraint = v;
            return this;
        }

        Builder memcg(String v) {
            memcg = v;
            return this;
        }

        /** True for a memory-cgroup OOM, false for a global one. */
        Builder cgroup(boolean v) {
            cgroup = v;
            return this;
        }

        /**
         * True when the same process appeared earlier in this boot in a GPU record
         * (an Xid, a UVM print or a trace through nvidia frames).
         */
        Builder gpuProcess(boolean v) {
            gpuProcess = v;
            return this;
        }

        OomKill build() {
            return new OomKill(origin, message, pid, process, uid, totalVm, anonRss, fileRss, shmemRss, pageTables,
                oomScoreAdj, constraint, memcg, cgroup, gpuProcess);
        }
    }
}
