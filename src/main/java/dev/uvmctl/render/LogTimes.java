package dev.uvmctl.render;

/** Kernel-log times as uvmctl prints them: kernel time in seconds with microseconds, like dmesg. */
public final class LogTimes {
    private LogTimes() {
    }

    /** {@code 155441404} µs → {@code 155.441404}; null stays null. */
    public static String seconds(Long micros) {
        if (micros == null) {
            return null;
        }
        // Not String.format: this runs once per record, and Formatter is slow before the JIT is warm.
        String frac = Long.toString(micros % 1_000_000);
        return micros / 1_000_000 + "." + "000000".substring(frac.length()) + frac;
    }
}
