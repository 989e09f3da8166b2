package dev.uvmctl.kernellog;

/**
 * The words that make a kernel-log line worth reading: the NVIDIA modules' prefixes and frames,
 * the boot banner and the OOM killer. The byte scanner looks for the same words in raw bytes.
 */
final class Markers {
    private Markers() {
    }

    static boolean relevant(String text) {
        return text.contains("NVRM") || text.contains("nvidia") || text.contains("Linux version")
            || text.contains("Killed process") || text.startsWith("oom-kill:");
    }
}
