package dev.uvmctl.finding;

import dev.uvmctl.event.EventTime;

/** Durations for people: {@code 45s}, {@code 12m05s}, {@code 3h07m}, {@code 2d05h}. */
public final class Ages {
    private Ages() {
    }

    /** The age, or {@code ?} when no input dated it (never {@code 0s} for that). */
    public static String human(long nanos) {
        if (nanos == EventTime.UNKNOWN) {
            return "?";
        }
        long s = nanos / 1_000_000_000L;
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format("%dm%02ds", s / 60, s % 60);
        }
        if (s < 86400) {
            return String.format("%dh%02dm", s / 3600, s % 3600 / 60);
        }
        return String.format("%dd%02dh", s / 86400, s % 86400 / 3600);
    }
}
