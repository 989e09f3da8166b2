package dev.uvmctl.event;

/**
 * A process's state as a snapshot saw it. A zombie has already released its files and mm, so it
 * holds no va_space; an uninterruptible process still does.
 */
public enum ProcState {
    alive, zombie, uninterruptible, gone
}
