package dev.uvmctl.procfs;

/**
 * When and where the snapshot was taken: the capture time (ISO-8601, UTC; null when the input
 * does not tell, as for a fixture root), host name, kernel release, seconds since boot, the boot
 * id ({@code /proc/sys/kernel/random/boot_id}, null when unreadable), the PID
 * namespace the reader was in ({@code pid:[4026531836]}), why the reader looks like it ran in a
 * container (null when nothing says so), and whether it was the live system.
 */
public record CaptureInfo(String capturedAt, String host, String kernel, Double uptimeSeconds, String bootId, String ownPidNamespace,
                          String containerEvidence, boolean live) {
}
