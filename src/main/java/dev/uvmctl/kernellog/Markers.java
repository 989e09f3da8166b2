package dev.uvmctl.kernellog;

/**
 * The words that make a kernel-log line worth reading: the NVIDIA modules' prefixes and frames,
 * the boot banner and the OOM killer, and the lines that say the log lost messages ({@link
 * LogGaps}: journald's, a console's, the rate limit's for a driver function). The byte scanner
 * looks for these words, or for a shorter part of them, in raw bytes.
 */
final class Markers {
    private Markers() {
    }

    static boolean relevant(String text) {
        return text.contains("NVRM") || text.contains("nvidia") || text.contains("Linux version")
            || text.contains("Killed process") || text.startsWith("oom-kill:") || LogGaps.mayBeGap(text);
    }
}
