package dev.uvmctl.finding;

import dev.uvmctl.event.EventTime;
import dev.uvmctl.event.ProcState;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code --uid} and {@code --cgroup} keep: findings one of whose live processes (the holders,
 * and the owner while it runs) belongs to user {@code uid} and lies in a cgroup that {@code cgroup}
 * matches; with both, one process must satisfy both. A process that ended is not looked up: its
 * pid may already be another process's, so a finding whose processes have all ended (a leaked
 * va_space of an ended owner, GPU memory no process accounts for) names no user or cgroup and is
 * left out, counted with the other findings the filters left out.
 */
public final class OwnerFilter {
    /** The user and cgroup of a live process, as the system root the history ends in tells them. */
    public interface Identities {
        /** The real uid of {@code pid}, or null when it cannot be read. */
        Integer uid(int pid);

        /** The cgroup path of {@code pid}, or null when it cannot be read. */
        String cgroup(int pid);
    }

    private final Integer uid;
    private final PathMatcher cgroup;
    private final Identities identities;

    /** {@code uid} null: any user; {@code cgroup} null: any cgroup. */
    public OwnerFilter(Integer uid, PathMatcher cgroup, Identities identities) {
        this.uid = uid;
        this.cgroup = cgroup;
        this.identities = identities;
    }

    /** True when neither filter was asked for. */
    public boolean keepsAll() {
        return uid == null && cgroup == null;
    }

    public boolean accepts(Finding f) {
        if (keepsAll()) {
            return true;
        }
        for (ProcessRef p : live(f)) {
            if (uid != null && !uid.equals(identities.uid(p.pid()))) {
                continue;
            }
            String path = cgroup == null ? null : identities.cgroup(p.pid());
            if (cgroup == null || path != null && cgroup.matches(Path.of(path))) {
                return true;
            }
        }
        return false;
    }

    /** The finding's processes that had not ended when its history did: its holders, and its owner while it runs. */
    static List<ProcessRef> live(Finding f) {
        List<ProcessRef> out = new ArrayList<>();
        if (f.owner() != null && running(f.owner())) {
            out.add(f.owner());
        }
        for (ProcessRef h : f.holders()) {
            if (running(h)) {
                out.add(h);
            }
        }
        return out;
    }

    private static boolean running(ProcessRef p) {
        return p.exitTime() == EventTime.UNKNOWN && p.state() != ProcState.gone;
    }
}
