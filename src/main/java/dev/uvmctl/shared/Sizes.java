package dev.uvmctl.shared;

import java.util.Locale;

/** Byte sizes for people: IEC units in tables (JSON always carries integer bytes). */
public final class Sizes {
    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

    private Sizes() {
    }

    /** {@code 1536} → {@code 1.5 KiB}; whole numbers lose the decimals: {@code 2 MiB}. */
    public static String iec(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        int unit = 0;
        double value = bytes;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        if (value == Math.rint(value)) {
            return (long) value + " " + UNITS[unit];
        }
        return String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
    }

    /**
     * A size in IEC units with its exact byte count, for a size quoted from the driver:
     * {@code 12 KiB (12288 bytes)}; under 1 KiB, {@code 512 bytes}.
     */
    public static String iecAndBytes(long bytes) {
        return bytes < 1024 ? bytes + " bytes" : iec(bytes) + " (" + bytes + " bytes)";
    }

    /** {@code 0x}-prefixed lowercase hex, the form of every address uvmctl prints. */
    public static String hex(long address) {
        return "0x" + Long.toHexString(address);
    }

    /**
     * {@code a + b} of two non-negative sizes or counts, at most Long.MAX_VALUE: hostile input (a
     * record number, a count near the top of a u64) must not make a sum negative.
     */
    public static long saturatedSum(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }
}
