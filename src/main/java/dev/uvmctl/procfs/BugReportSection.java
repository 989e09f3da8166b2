package dev.uvmctl.procfs;

/**
 * One section of an {@code nvidia-bug-report.log}: what it holds (a file path such as
 * {@code /proc/driver/nvidia/./gpus/0000:02:00.0/information}, or a command such as
 * {@code nvidia-smi -q}), its text, and the report line its text starts on. The bug-report
 * section reader (kernel-log work) produces these; {@link BugReportSnapshot} reads them.
 */
public record BugReportSection(String name, String text, long firstLine) {
}
