package dev.uvmctl.event;

/**
 * Whose a process was: its real uid and its (memory) cgroup path, as an input said them; each null
 * when no input told. The OOM killer prints both for its victim (mm/oom_kill.c:
 * dump_oom_summary's {@code task_memcg=...,uid=N}, __oom_kill_process's {@code UID:N}).
 */
public record ProcessIdentity(Integer uid, String cgroup) {
    /** Nothing known. */
    public static final ProcessIdentity UNKNOWN = new ProcessIdentity(null, null);

    public ProcessIdentity {
        if (cgroup != null && cgroup.isEmpty()) {
            cgroup = null;
        }
    }

    /** True when an input told the uid or the cgroup. */
    public boolean known() {
        return uid != null || cgroup != null;
    }

    /** {@code uid} or {@code cgroup} null: {@link #UNKNOWN} when both are. */
    public static ProcessIdentity of(Integer uid, String cgroup) {
        return uid == null && (cgroup == null || cgroup.isEmpty()) ? UNKNOWN : new ProcessIdentity(uid, cgroup);
    }
}
