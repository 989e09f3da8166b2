package dev.uvmctl.procfs;

/** The classes of the "Classification of holders". */
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
