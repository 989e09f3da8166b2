package dev.uvmctl.model;

/**
 * Where a range is in its life: {@code live} in the va_space's tree; {@code zombie}, a managed
 * range whose owner's mm went away in multi-process sharing mode (it keeps its memory until the
 * zombies are cleaned up or the va_space is destroyed); {@code deferred}, destroyed onto the
 * deferred free list and not yet freed.
 */
public enum RangeState {
    live, zombie, deferred
}
