package dev.uvmctl.event;

/** How a process ended. */
public enum ExitReason {
    exit, oom_kill, signal
}
