package dev.uvmctl.procfs;

import java.util.List;

/**
 * What {@code /proc/PID/status} (or {@code task/TID/status}) says about a process: name, state
 * letter ({@code R S D Z T t X I}), parent, real uid, the pid in each nested PID namespace
 * ({@code NSpid}: this namespace first, the task's own last) and the thread count. Null fields were
 * absent from the file.
 */
public record ProcessStatus(int pid, String name, String state, Integer ppid, Integer tgid, Integer uid,
                            List<Integer> nspid, Integer threads, Origin origin) {

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
