package dev.uvmctl.source;

/**
 * kcmp(2) with {@code KCMP_FILE}: whether two processes' fds are the same open file. The live
 * system's one is {@link #system()}; tests give their own. {@code null}: the kernel would not say
 * (no {@code CONFIG_KCMP}, no right to ptrace both processes, a process or fd gone, another
 * architecture).
 */
@FunctionalInterface
public interface Kcmp {
    Boolean sameFile(int pidA, int fdA, int pidB, int fdB);

    /** Answers nothing: a system that is not this one. */
    static Kcmp unavailable() {
        return (pidA, fdA, pidB, fdB) -> null;
    }

    /** The running kernel's, through JNA, loaded on the first call only (never on the start-up path). */
    static Kcmp system() {
        return (pidA, fdA, pidB, fdB) -> JnaKcmp.sameFile(pidA, fdA, pidB, fdB);
    }
}
