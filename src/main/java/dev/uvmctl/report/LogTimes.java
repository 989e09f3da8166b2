package dev.uvmctl.report;

import java.util.Locale;

/** Kernel-log times as uvmctl prints them: kernel time in seconds with microseconds, like dmesg. */
public final class LogTimes {
    private LogTimes() {
    }

    /** {@code 155441404} µs → {@code 155.441404}; null stays null. */
    public static String seconds(Long micros) {
        if (micros == null) {
            return null;
        }
        return String.format(Locale.ROOT, "%d.%06d", micros / 1_000_000, micros % 1_000_000);
    }
}
