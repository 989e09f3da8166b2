package dev.uvmctl.procfs;

import java.util.List;

/**
 * An observation of the view that is not a verdict: what the reader cannot see from where it is
 * (another PID namespace), or what the snapshot shows besides the holders (HMM, a pid NVML lists
 * that no process has). {@code id} names the kind of note, {@code evidence} the inputs (path:line)
 * that show it. Verdicts (findings, the exit status) are {@code uvmctl leaks}'s, for every command.
 */
public record ViewNote(String id, String message, List<String> evidence) {
}
