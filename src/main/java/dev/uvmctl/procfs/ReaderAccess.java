package dev.uvmctl.procfs;

import dev.uvmctl.source.IoErrors;
import dev.uvmctl.source.SysRoot;
import java.io.IOException;
import java.math.BigInteger;

/**
 * Who reads a root's processes, as far as a refused read depends on it: the filesystem uid and
 * whether CAP_SYS_PTRACE is in the effective set ({@code Uid:} and {@code CapEff:} of
 * {@code /proc/self/status}, which only a live root has: a bundle or fixture has no reader).
 *
 * <p>{@code /proc/PID/fd}, {@code fd/N} and {@code maps} are checked with
 * {@code ptrace_may_access(task, PTRACE_MODE_READ_FSCREDS)} (fs/proc/base.c,
 * {@code proc_fd_access_allowed} and {@code proc_fd_permission}; mm/ ... {@code proc_maps_open}
 * through {@code proc_mem_open}): a process of the same uid that is dumpable passes; another
 * user's, or one that is not dumpable, needs CAP_SYS_PTRACE in the target's user namespace
 * (kernel/ptrace.c, {@code __ptrace_may_access}). So "run as root" is the advice only to a
 * reader that is not root: a root without the capability (a container's default set lacks it)
 * needs the capability, and a root with it was refused by something root cannot lift.
 */
record ReaderAccess(boolean root, boolean ptrace) {
    /** The reader of a root that is not the live system: nothing known, the usual advice. */
    static final ReaderAccess UNKNOWN = new ReaderAccess(false, false);

    /** CAP_SYS_PTRACE (include/uapi/linux/capability.h). */
    private static final int CAP_SYS_PTRACE = 19;

    static ReaderAccess of(SysRoot root) {
        String text;
        try {
            text = root.readString("/proc/self/status");
        } catch (IOException e) {
            return UNKNOWN;
        }
        Boolean uid0 = null;
        Boolean ptrace = null;
        for (String line : text.split("\n")) {
            String[] f = line.split("\\s+");
            if (line.startsWith("Uid:") && f.length >= 3) {
                // Real, effective, saved, filesystem: PTRACE_MODE_FSCREDS compares the filesystem uid (kernel/ptrace.c).
                uid0 = f[f.length >= 5 ? 4 : 2].equals("0");
            } else if (line.startsWith("CapEff:") && f.length >= 2) {
                try {
                    ptrace = new BigInteger(f[1], 16).testBit(CAP_SYS_PTRACE);
                } catch (NumberFormatException e) {
                    ptrace = null;
                }
            }
        }
        return uid0 == null || ptrace == null ? UNKNOWN : new ReaderAccess(uid0, ptrace);
    }

    /** What a permission refusal of a read under {@code /proc/PID} says: the reason, with what would lift it. */
    String refusal() {
        if (!root) {
            return IoErrors.PERMISSION_DENIED;
        }
        return ptrace
            ? IoErrors.PERMISSION_DENIED_WORDS + ", even to root with CAP_SYS_PTRACE (a process of another user namespace, or an LSM policy)"
            : IoErrors.PERMISSION_DENIED_WORDS + " to root without CAP_SYS_PTRACE, which another user's process needs (give uvmctl the "
                + "capability; in a container: securityContext.capabilities.add SYS_PTRACE)";
    }
}
