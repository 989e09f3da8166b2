package dev.uvmctl.procfs;

/** A process the scan could not read in full: which file, and why (usually: not root, no CAP_SYS_PTRACE). */
public record Unreadable(int pid, String name, String path, String reason) {
}
