package dev.uvmctl.kernellog;

/**
 * One physical input line with its prefix read.
 *
 * @param message      the text after the prefix (for a continuation line: with its indentation removed)
 * @param kernelMicros kernel time in microseconds, or null
 * @param wall         wall-clock time, or null
 * @param level        printk level when the prefix tells it, or null
 * @param kernel       false when a syslog line came from a program, not the kernel
 * @param continuation true for an indented line without prefix: it continues the previous message
 * @param problem      why a line that looks like a log record could not be read, or null
 * @param bootId       the systemd boot id (journal JSON), or null
 */
record LogLine(long number, String raw, String message, LineFormat format, Long kernelMicros, WallTime wall,
               Integer level, boolean kernel, boolean continuation, String problem, String bootId) {

    LogLine(long number, String raw, String message, LineFormat format, Long kernelMicros, WallTime wall,
            Integer level, boolean kernel, boolean continuation, String problem) {
        this(number, raw, message, format, kernelMicros, wall, level, kernel, continuation, problem, null);
    }

    boolean hasPrefix() {
        return format != LineFormat.BARE && format != LineFormat.JOURNAL_MARKER;
    }

    static LogLine problem(long number, String raw, String why) {
        return new LogLine(number, raw, raw, LineFormat.BARE, null, null, null, true, false, why);
    }
}
