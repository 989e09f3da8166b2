package dev.uvmctl.finding;

/**
 * Why memory that should have been released was not (docs/leaks.md, "Classes"). {@code live}
 * is not a finding: it marks the live ranges of live processes that {@code --all} lists too.
 */
public enum FindingClass {
    /** Still live although every process that could free it is gone. */
    leaked,
    /** The owner is gone or a zombie, but another process still holds the va_space. */
    held,
    /** A process that could free it is blocked in the driver's teardown, or a task the kernel reports so, whatever its va_space. */
    stuck,
    /** GPU-resident bytes whose eviction kept failing. */
    pinned,
    /** Destroyed onto the deferred free list and never freed, or released during a suspend and never run. */
    deferred,
    /** GPU memory in use that no live process accounts for. */
    unattributed,
    /** The driver's own leak report, a fault in it (oops, BUG, WARN, assert), or a task the kernel reports blocked in it outside a teardown. */
    driver,
    /** Not a finding: live ranges of a live owner ({@code --all}). */
    live;

    public boolean isFinding() {
        return this != live;
    }
}
