package dev.uvmctl.render;

import dev.uvmctl.event.EventTime;

/** Kernel-log times as uvmctl prints them: kernel time in seconds with microseconds, like dmesg. */
public final class LogTimes {
    private LogTimes() {
    }

    /** {@code 155441404} µs → {@code 155.441404}; null stays null. */
    public static String seconds(Long micros) {
        if (micros == null) {
            return null;
        }
        return EventTime.kernelLogSeconds(micros * 1_000L);
    }
}
