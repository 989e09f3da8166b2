package dev.uvmctl.model;

import dev.uvmctl.event.FdKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The va_space fds that snapshots showed, by their path on the inspected system
 * ({@code /proc/PID/fd/N}). A later snapshot that shows the same fd while its process lives shows
 * the same open file, so the same va_space, whatever name it gives it. After a capture that lists
 * every holder, the fds its snapshot did not show have been closed: {@link #endListing} hands
 * them back at the next capture or at the end, when the snapshot's events are surely over.
 */
final class OpenFiles {
    /** One fd: the va_space it is open on, the process holding it and its kind. */
    record Fd(String path, VaSpace vaSpace, ProcessInfo process, FdKind kind) {
    }

    private final Map<String, Fd> byPath = new HashMap<>();
    private Set<String> listed;
    private Evidence listing;

    Fd get(String path) {
        return path == null ? null : byPath.get(path);
    }

    void opened(String path, VaSpace vs, ProcessInfo p, FdKind kind) {
        byPath.put(path, new Fd(path, vs, p, kind));
        seen(path);
    }

    /** The current snapshot shows {@code path}. */
    void seen(String path) {
        if (listed != null) {
            listed.add(path);
        }
    }

    /**
     * A fork: the child has each of the parent's fds under the same number ({@code dup_fd},
     * kernel/fork.c, copies the table as it is), so {@code /proc/PARENT/fd/N} is also
     * {@code /proc/CHILD/fd/N}, and a later snapshot of the child shows (or no longer shows) it there.
     */
    void forked(ProcessInfo parent, ProcessInfo child) {
        String from = "/proc/" + parent.pid() + "/fd/";
        List<Fd> copies = new ArrayList<>();
        for (Fd f : byPath.values()) {
            if (f.process() == parent && f.path().startsWith(from)) {
                copies.add(f);
            }
        }
        for (Fd f : copies) {
            opened("/proc/" + child.pid() + "/fd/" + f.path().substring(from.length()), f.vaSpace(), child, f.kind());
        }
    }

    /** The process let go of all its files. */
    void forget(ProcessInfo p) {
        byPath.values().removeIf(f -> f.process() == p);
    }

    /** The va_space was destroyed. */
    void forget(VaSpace vs) {
        byPath.values().removeIf(f -> f.vaSpace() == vs);
    }

    void beginListing(Evidence capture) {
        listing = capture;
        listed = new HashSet<>();
    }

    /** The capture whose listing is open, or null. */
    Evidence listing() {
        return listing;
    }

    /** Ends the listing; returns the fds it did not show, which are forgotten. */
    List<Fd> endListing() {
        List<Fd> unlisted = new ArrayList<>();
        if (listing == null) {
            return unlisted;
        }
        for (Fd f : byPath.values()) {
            if (!listed.contains(f.path())) {
                unlisted.add(f);
            }
        }
        unlisted.forEach(f -> byPath.remove(f.path()));
        listing = null;
        listed = null;
        return unlisted;
    }

    void clear() {
        byPath.clear();
        listing = null;
        listed = null;
    }
}
