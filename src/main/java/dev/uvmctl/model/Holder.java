package dev.uvmctl.model;

import dev.uvmctl.event.FdKind;

/** A process holding file descriptors on a va_space, and the process it inherited them from. */
public final class Holder {
    private final ProcessInfo process;
    int vaSpaceFds;
    int mmFds;
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

    /** Closes one fd of {@code kind}; false when none of that kind was open. */
    boolean close(FdKind kind) {
        if (kind == FdKind.mm && mmFds > 0) {
            mmFds--;
            return true;
        }
        if (kind == FdKind.va_space && vaSpaceFds > 0) {
            vaSpaceFds--;
            return true;
        }
        return false;
    }

    boolean holdsNothing() {
        return mmFds == 0 && vaSpaceFds == 0;
    }
}
