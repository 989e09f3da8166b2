package dev.uvmctl.procfs;

/**
 * How {@code holders} and {@code va-spaces} class a process they show ({@code "class"} in their
 * JSON). Not the model's {@code event.ProcState}, which says whether a process still holds its
 * files and mm: docs/architecture.md, "One concept, one type", says why they differ.
 */
public enum HolderState {
    /** Running or sleeping normally. */
    alive,
    /** Exited, not yet reaped by its parent ({@code [defunct]}). */
    zombie,
    /** In uninterruptible sleep (state D), often in the driver's teardown. */
    uninterruptible,
    /** Stopped or traced (state T/t). */
    stopped,
    /** Listed by NVML, not in this system's /proc, and the reader is in another PID namespace. */
    outside_namespace,
    /** Listed by NVML, not in /proc at all: the driver accounts memory to a process that is gone. */
    gone;

    static HolderState of(String stateLetter) {
        return switch (stateLetter) {
            case "Z", "X" -> zombie;
            case "D" -> uninterruptible;
            case "T", "t" -> stopped;
            default -> alive;
        };
    }
}
