package dev.uvmctl.finding;

import dev.uvmctl.event.EventTime;
import dev.uvmctl.event.ProcState;
import dev.uvmctl.event.ProcessIdentity;
import java.nio.file.Path;
import java.nio.file.PathMatcher;

/**
 * What {@code --uid} and {@code --cgroup} keep: findings one of whose processes (the owner and the
 * holders) belongs to user {@code uid} and lies in a cgroup that {@code cgroup} matches; with both,
 * one process must satisfy both. A live process is asked of the system root the history ends in.
 * An ended one is never looked up there (its pid may already be another process's): it matches by
 * the identity the model kept for it, what its end told (the OOM killer's lines of its kill name its
 * uid and memory cgroup) or else what a snapshot read of it alive; a process no input told that of
 * names no user or cgroup. A finding none of
 * whose processes matches (GPU memory no process accounts for, an ended owner whose identity no
 * input gave) is left out, counted with the other findings the filters left out.
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
        if (f.owner() != null && matches(f.owner())) {
            return true;
        }
        for (ProcessRef h : f.holders()) {
            if (matches(h)) {
                return true;
            }
        }
        return false;
    }

    private boolean matches(ProcessRef p) {
        ProcessIdentity who = running(p) ? new ProcessIdentity(identities.uid(p.pid()), identities.cgroup(p.pid())) : p.identity();
        return (uid == null || uid.equals(who.uid())) && (cgroup == null || who.cgroup() != null && cgroup.matches(Path.of(who.cgroup())));
    }

    /** Not ended when its history did: no end was told and no snapshot saw it gone. */
    private static boolean running(ProcessRef p) {
        return p.exitTime() == EventTime.UNKNOWN && p.state() != ProcState.gone;
    }
}
