package dev.uvmctl.kernellog;

/**
 * Where a kernel-log record came from and when it happened: the evidence a reader checks
 * against the log itself.
 *
 * @param input     the input's name as the user gave it ({@code <stdin>} for standard input)
 * @param section   the part of the input, for inputs made of parts (a bug report's
 *                  {@code /var/log/kern.log} or {@code dmesg} section); null otherwise
 * @param line      the first input line of the record (1-based)
 * @param lastLine  the last input line that belongs to the record (continuations, frames)
 * @param raw       the first line as written, prefix included (cut at {@link #MAX_RAW} chars)
 * @param boot      which boot of this input (or section) the record belongs to, from 1
 * @param bootId    the systemd boot id when the input names one, else null
 * @param kernelMicros kernel time (since boot) in microseconds, null when the line has only wall time
 * @param wall      wall-clock time when the line has it, else null
 * @param level     printk level 0 (emerg) to 7 (debug) when the input tells it, else null
 */
public record RecordOrigin(String input, String section, long line, long lastLine, String raw, int boot,
                     String bootId, Long kernelMicros, WallTime wall, Integer level) {

    /** Longer raw lines are cut: a record's evidence is its first line, not a megabyte of it. */
    public static final int MAX_RAW = 4096;

    public RecordOrigin withLastLine(long last) {
        return last == lastLine ? this : new RecordOrigin(input, section, line, last, raw, boot, bootId, kernelMicros, wall, level);
    }
}
