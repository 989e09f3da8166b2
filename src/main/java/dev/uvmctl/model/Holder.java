package dev.uvmctl.model;

import dev.uvmctl.event.FdKind;

/** A process holding file descriptors on a va_space, and the process it inherited them from. */
public final class Holder {
    private final ProcessInfo process;
    int vaSpaceFds;
    int mmFds;
    /**
     * How many of those the model counted with no path to name them (a trace's creation, fd or
     * fork): a snapshot that shows the same process holding a fd of the va_space by its path
     * names one of them rather than counting another.
     */
    int unnamedVaSpaceFds;
    int unnamedMmFds;
    Integer inheritedFrom;

    Holder(ProcessInfo process) {
        this.process = process;
    }

    public ProcessInfo process() {
        return process;
    }

    /** The kind of hold that matters most: the mm fd, which also pins the owner's managed ranges. */
    public FdKind fd() {
        return mmFds > 0 ? FdKind.mm : FdKind.va_space;
    }

    /** The pid it inherited the fd from, when known (a fork). */
    public Integer inheritedFrom() {
        return inheritedFrom;
    }

    void open(FdKind kind) {
        if (kind == FdKind.mm) {
            mmFds++;
        } else {
            vaSpaceFds++;
        }
    }

    /** Opens one fd of {@code kind} that no path names. */
    void openUnnamed(FdKind kind) {
        open(kind);
        if (kind == FdKind.mm) {
            unnamedMmFds++;
        } else {
            unnamedVaSpaceFds++;
        }
    }

    /**
     * A path now names one of the unnamed fds: of {@code kind} when there is one, else of the
     * other kind (the input that counted it knew its kind better than a snapshot's guess). The
     * kind named, or null when every fd already has a path.
     */
    FdKind name(FdKind kind) {
        if (nameOf(kind)) {
            return kind;
        }
        FdKind other = kind == FdKind.mm ? FdKind.va_space : FdKind.mm;
        return nameOf(other) ? other : null;
    }

    /** A path now names one of the unnamed fds of {@code kind}; false when it has none. */
    boolean nameOf(FdKind kind) {
        if (kind == FdKind.mm && unnamedMmFds > 0) {
            unnamedMmFds--;
            return true;
        }
        if (kind == FdKind.va_space && unnamedVaSpaceFds > 0) {
            unnamedVaSpaceFds--;
            return true;
        }
        return false;
    }

    /** Whether a fd of the va_space's own kind has no path yet. */
    boolean hasUnnamedVaSpaceFd() {
        return unnamedVaSpaceFds > 0;
    }

    /** A fork: the child holds the parent's fds, the unnamed ones unnamed (the named ones get their paths in OpenFiles). */
    void inherit(Holder from) {
        vaSpaceFds += from.vaSpaceFds;
        mmFds += from.mmFds;
        unnamedVaSpaceFds += from.unnamedVaSpaceFds;
        unnamedMmFds += from.unnamedMmFds;
    }

    /** Closes one fd of {@code kind}; false when none of that kind was open. */
    boolean close(FdKind kind) {
        if (kind == FdKind.mm && mmFds > 0) {
            mmFds--;
            unnamedMmFds = Math.min(unnamedMmFds, mmFds);
            return true;
        }
        if (kind == FdKind.va_space && vaSpaceFds > 0) {
            vaSpaceFds--;
            unnamedVaSpaceFds = Math.min(unnamedVaSpaceFds, vaSpaceFds);
            return true;
        }
        return false;
    }

    boolean holdsNothing() {
        return mmFds == 0 && vaSpaceFds == 0;
    }
}
