package dev.uvmctl.procfs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Workers forked from one process hold its open {@code /dev/nvidia-uvm} file, so its one
 * va_space: fork() copies the fd table with the same {@code struct file} (kernel/fork.c:
 * dup_fd), uvm_open keeps the va_space in that file's {@code private_data}, and uvm_release runs
 * only when the file's last reference goes (uvm.c, 580.95.05). A worker never maps the managed
 * ranges (uvm_mmap sets {@code VM_DONTCOPY}; uvm_mmap refuses any mm but the va_space's), so
 * after the parent exits each worker looks like a va_space of its own. This groups them again.
 *
 * <p>kcmp(2) proves it where the snapshot has its answer ({@link OpenFileComparisons}); else the
 * heuristic: the same parent (their creator, or the reaper that took them all), the same process
 * group and session, and the same {@code /dev/nvidia-uvm} fd numbers.
 */
final class SiblingHolders {
    private SiblingHolders() {
    }

    /** How a group of siblings was found to share one open file. */
    enum Basis {
        kcmp, heuristic
    }

    /** The siblings that share one open file with a lower pid: each such pid, with the group's first pid. */
    record Groups(Map<Integer, Integer> representative, Map<Integer, Basis> basis) {
    }

    /**
     * {@code candidates}: holders of {@code /dev/nvidia-uvm} that map no managed range and whose
     * parent holds none (each would be its own va_space), by pid.
     */
    static Groups of(List<HolderProcess> candidates, OpenFileComparisons kcmp) {
        Map<Integer, Integer> rep = new TreeMap<>();
        Map<Integer, Basis> basis = new TreeMap<>();
        List<HolderProcess> firsts = new ArrayList<>();
        for (HolderProcess h : candidates) {
            HolderProcess joined = null;
            Basis how = null;
            for (HolderProcess f : firsts) {
                Boolean proven = kcmp.same(f.pid(), h.pid());
                if (proven != null) {
                    if (proven) {
                        joined = f;
                        how = Basis.kcmp;
                        break;
                    }
                } else if (kcmp.source() == null && heuristic(f, h)) {
                    joined = f;
                    how = Basis.heuristic;
                    break;
                }
            }
            if (joined == null) {
                firsts.add(h);
            } else {
                rep.put(h.pid(), joined.pid());
                basis.merge(joined.pid(), how, (a, b) -> a == Basis.heuristic || b == Basis.heuristic ? Basis.heuristic : Basis.kcmp);
            }
        }
        return new Groups(rep, basis);
    }

    /** Same parent, process group and session, and the same {@code /dev/nvidia-uvm} fd numbers: forked together from one process. */
    static boolean heuristic(HolderProcess a, HolderProcess b) {
        if (a.stat() == null || b.stat() == null) {
            return false;
        }
        return Objects.equals(a.status().ppid(), b.status().ppid()) && a.stat().pgrp() == b.stat().pgrp()
            && a.stat().session() == b.stat().session() && fds(a).equals(fds(b));
    }

    private static List<Integer> fds(HolderProcess h) {
        return h.fds(DeviceFile.Kind.uvm).stream().map(FdLink::fd).sorted().toList();
    }

    /**
     * Whether {@code hp} was orphaned: it leads neither its process group nor its session, and its
     * parent is init (1), the init of its own PID namespace (tini, dumb-init: {@code NSpid} ends in
     * 1), or a child subreaper ({@code PR_SET_CHILD_SUBREAPER}: containerd-shim, {@code systemd
     * --user}), which /proc shows as a parent in another process group and session. The kernel
     * reparents a child only when its parent exits (kernel/exit.c: forget_original_parent,
     * find_new_reaper).
     */
    static boolean orphaned(HolderProcess hp, ProcessStatus parent) {
        ProcessStat st = hp.stat();
        if (st == null || st.pgrp() == hp.pid() || st.session() == hp.pid()) {
            return false;
        }
        Integer ppid = hp.status().ppid();
        if (ppid == null || ppid == 0) {
            return false;
        }
        if (ppid == 1) {
            return true;
        }
        if (parent == null) {
            return false;
        }
        if (Integer.valueOf(1).equals(parent.innerPid()) && !Objects.equals(parent.pid(), st.pgrp())) {
            return true;
        }
        return parent.pgrp() != null && parent.session() != null && parent.pgrp() != st.pgrp() && parent.session() != st.session();
    }
}
