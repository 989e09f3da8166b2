package dev.uvmctl.event;

/**
 * A process's state as a snapshot saw it. A zombie has already released its files and mm, so it
 * holds no va_space; an uninterruptible process still does. How {@code holders} shows a process
 * is {@code procfs.HolderState} (docs/architecture.md, "One concept, one type").
 */
public enum ProcState {
    alive, zombie, uninterruptible, gone
}
