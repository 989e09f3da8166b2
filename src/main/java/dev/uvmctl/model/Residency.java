package dev.uvmctl.model;

import java.util.Arrays;

/**
 * How many bytes of a range are resident on each processor, or unknown: a range no input saw
 * created has a residency no input told, which reports say as null, never as 0.
 */
final class Residency {
    private static final long[] NONE = new long[0];

    private long[] bytes = NONE;
    private final boolean known;

    Residency(boolean known) {
        this.known = known;
    }

    boolean known() {
        return known;
    }

    long get(int processor) {
        return processor < bytes.length ? bytes[processor] : 0;
    }

    void add(int processor, long n) {
        if (processor >= bytes.length) {
            bytes = Arrays.copyOf(bytes, processor + 1);
        }
        long sum = bytes[processor] + n;
        // Hostile input must not make replay throw: saturate instead of overflowing.
        bytes[processor] = sum < 0 ? Long.MAX_VALUE : sum;
    }

    /** Takes up to {@code n} bytes off {@code processor}; returns how many there were to take. */
    long take(int processor, long n) {
        long taken = Math.min(n, get(processor));
        if (taken > 0) {
            bytes[processor] -= taken;
        }
        return taken;
    }

    /** The highest processor number with bytes, plus one. */
    int width() {
        return bytes.length;
    }
}
