package dev.uvmctl.procfs;

import dev.uvmctl.shared.Provenance;
import java.util.List;

/**
 * What {@code /proc/PID/status} (or {@code task/TID/status}) says about a process: name, state
 * letter ({@code R S D Z T t X I}), parent, real uid, the pid in each nested PID namespace
 * ({@code NSpid}: this namespace first, the task's own last), the thread count, and its process
 * group and session in this namespace ({@code NSpgid}, {@code NSsid}: the first value; Linux 4.1+),
 * which tell a child subreaper from the parent that started a worker. Null fields were absent
 * from the file.
 */
public record ProcessStatus(int pid, String name, String state, Integer ppid, Integer tgid, Integer uid,
                            List<Integer> nspid, Integer threads, Provenance origin, Integer pgrp, Integer session) {

    /** A status read without its process group and session (a file older than Linux 4.1, or a snapshot without them). */
    public ProcessStatus(int pid, String name, String state, Integer ppid, Integer tgid, Integer uid, List<Integer> nspid, Integer threads,
                         Provenance origin) {
        this(pid, name, state, ppid, tgid, uid, nspid, threads, origin, null, null);
    }

    /** The pid inside the process's own (innermost) PID namespace, when it is nested. */
    public Integer innerPid() {
        return nspid.size() > 1 ? nspid.get(nspid.size() - 1) : null;
    }

    public boolean zombie() {
        return "Z".equals(state);
    }

    public boolean uninterruptible() {
        return "D".equals(state);
    }
}
