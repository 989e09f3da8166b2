package dev.uvmctl.source;

import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * The kcmp(2) system call through libc's {@code syscall()}. The class (and JNA with it) loads on
 * the first comparison; a JVM where JNA cannot load its native part answers null, like a kernel
 * that refuses.
 */
final class JnaKcmp {
    /** {@code KCMP_FILE} (include/uapi/linux/kcmp.h). */
    private static final int KCMP_FILE = 0;
    /** {@code __NR_kcmp}: 312 on x86_64, 272 in the generic table (arm64); null elsewhere. */
    private static final Long NUMBER = switch (System.getProperty("os.arch", "")) {
        case "amd64", "x86_64" -> 312L;
        case "aarch64", "arm64" -> 272L;
        default -> null;
    };

    private JnaKcmp() {
    }

    /** libc, as JNA binds it. */
    interface LibC extends Library {
        long syscall(long number, Object... args);
    }

    /** Loaded on first use; null when JNA could not bind libc. */
    private static final class Holder {
        static final LibC LIBC = load();

        private static LibC load() {
            try {
                return Native.load("c", LibC.class);
            } catch (UnsatisfiedLinkError | RuntimeException e) {
                return null;
            }
        }
    }

    /**
     * kcmp returns 0 when both fds refer to one {@code struct file}, 1, 2 or 3 when they do not,
     * and -1 with errno on failure (kernel/kcmp.c).
     */
    static Boolean sameFile(int pidA, int fdA, int pidB, int fdB) {
        if (NUMBER == null || !"Linux".equals(System.getProperty("os.name"))) {
            return null;
        }
        LibC libc = Holder.LIBC;
        if (libc == null) {
            return null;
        }
        long r = libc.syscall(NUMBER, pidA, pidB, KCMP_FILE, (long) fdA, (long) fdB);
        if (r < 0) {
            return null;
        }
        return r == 0;
    }
}
