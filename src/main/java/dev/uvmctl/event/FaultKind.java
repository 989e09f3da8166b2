package dev.uvmctl.event;

/** A driver failure the kernel log reports: an oops, a BUG, a WARN, or a UVM release assert. */
public enum FaultKind {
    oops, bug, warning, assert_failed
}
