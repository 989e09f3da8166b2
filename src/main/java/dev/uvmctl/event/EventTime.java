package dev.uvmctl.event;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * When an event happened. {@code monoNanos} is kernel time (seconds since boot, as the kernel
 * log prints it) in nanoseconds, within the boot named {@code boot}; {@code wallNanos} is
 * wall-clock time (nanoseconds since the Unix epoch) where the input gives it. Either may be
 * {@link #UNKNOWN}; {@code boot} is null when the input does not name its boot.
 */
public record EventTime(String boot, long monoNanos, long wallNanos) {
    /** A time no input told. Kept as a sentinel, not a boxed null, because replay is hot. */
    public static final long UNKNOWN = Long.MIN_VALUE;
    public static final EventTime NONE = new EventTime(null, UNKNOWN, UNKNOWN);

    private static final long NANOS = 1_000_000_000L;

    public boolean hasMono() {
        return monoNanos != UNKNOWN;
    }

    public boolean hasWall() {
        return wallNanos != UNKNOWN;
    }

    /** {@code 1520301337000} → {@code "1520.301337"}: seconds, trailing zeros dropped. */
    public static String seconds(long nanos) {
        String sign = nanos < 0 ? "-" : "";
        long abs = Math.abs(nanos);
        long whole = abs / NANOS;
        long fraction = abs % NANOS;
        if (fraction == 0) {
            return sign + whole;
        }
        // Not String.format: 'uvmctl events' writes every event's time through here.
        String digits = fraction > 0 ? "000000000".substring(Long.toString(fraction).length()) + fraction
            : String.format("%09d", fraction);
        int end = digits.length();
        while (digits.charAt(end - 1) == '0') {
            end--;
        }
        return sign + whole + "." + digits.substring(0, end);
    }

    /**
     * {@code 4210481290000} → {@code "4210.481290"}: kernel time as the kernel log prints it (printk's
     * {@code [%5lu.%06lu]}, microseconds truncated, without the padding), so that a user can find
     * the line in dmesg by it. {@link #seconds} drops trailing zeros and so prints a time dmesg never shows.
     */
    public static String kernelLogSeconds(long nanos) {
        long micros = Math.floorDiv(nanos, 1_000L);
        String sign = micros < 0 ? "-" : "";
        long abs = Math.abs(micros);
        // Not String.format: the dmesg table writes every record's time through here.
        String frac = Long.toString(abs % 1_000_000);
        return sign + abs / 1_000_000 + "." + "000000".substring(frac.length()) + frac;
    }

    /**
     * Reads seconds written as a decimal ({@code 1520.301337}) exactly, without going through a
     * double, so that a time read back prints the same. Digits past nanoseconds are dropped.
     *
     * @throws NumberFormatException when {@code text} is not a number
     * @throws ArithmeticException when it is one, but too large for nanoseconds in a long
     *     ({@code 1e400}): never read as 0 or as the largest time
     */
    public static long parseSeconds(String text) {
        byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
        return parseSeconds(b, 0, b.length);
    }

    /**
     * {@link #parseSeconds(String)} of the ASCII text {@code b[s .. e)}, without a String when it
     * is a plain decimal ({@code -?digits.digits}, the form a JSON writer gives a time).
     */
    static long parseSeconds(byte[] b, int s, int e) {
        int dot = -1;
        boolean plain = true;
        for (int i = s; i < e; i++) {
            byte c = b[i];
            if (c == '.' && dot < 0) {
                dot = i;
            } else if (c == 'e' || c == 'E') {
                plain = false;
            }
        }
        if (plain && e - s <= 19) {
            // No point: as if it were at the end, with no fraction after it. Without a branch, so
            // that an integer (a time on the second, rare in a stream) takes the decimals' path.
            dot += (dot >> 31) & (e - dot);
            return plainSeconds(b, s, dot, e);
        }
        BigDecimal d = new BigDecimal(new String(b, s, e - s, StandardCharsets.ISO_8859_1));
        // More integer digits than a long holds in nanoseconds: out of range, said before the number is built.
        if (d.precision() - d.scale() > 11) {
            throw new ArithmeticException("out of range");
        }
        return d.movePointRight(9).setScale(0, RoundingMode.DOWN).longValueExact();
    }

    /**
     * {@link #parseSeconds(byte[], int, int)} of {@code b[s .. e)}, at most 19 bytes with no exponent, whose point is
     * at {@code dot} ({@code e} when it has none): for a reader that found the point as it read the number, so that
     * its bytes are not scanned for it again.
     */
    static long plainSeconds(byte[] b, int s, int dot, int e) {
        boolean negative = s < e && b[s] == '-';
        // At most 18 digits: a long holds them.
        long w = digits(b, negative ? s + 1 : s, dot);
        int fractionEnd = Math.min(e, dot + 1 + 9);
        long f = digits(b, dot + 1, fractionEnd);
        for (int i = fractionEnd - dot - 1; i < 9; i++) {
            f *= 10;
        }
        if (digits(b, fractionEnd, e) < 0) {
            throw new NumberFormatException(new String(b, s, e - s, StandardCharsets.ISO_8859_1));
        }
        if (w < 0 || f < 0) {
            throw new NumberFormatException(new String(b, s, e - s, StandardCharsets.ISO_8859_1));
        }
        return Math.addExact(Math.multiplyExact(negative ? -w : w, NANOS), negative ? -f : f);
    }

    /** The decimal digits {@code b[s .. e)} (fewer than 19), 0 when there are none; -1 when one is not a digit. */
    private static long digits(byte[] b, int s, int e) {
        long v = 0;
        for (int i = s; i < e; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }

    /** RFC 3339 in UTC, as {@link Instant#toString()} writes it. */
    public static String wall(long epochNanos) {
        return Instant.ofEpochSecond(Math.floorDiv(epochNanos, NANOS), Math.floorMod(epochNanos, NANOS)).toString();
    }

    /**
     * @throws DateTimeParseException when {@code text} is not an RFC 3339 instant
     */
    public static long parseWall(String text) {
        Instant i = Instant.parse(text);
        return Math.addExact(Math.multiplyExact(i.getEpochSecond(), NANOS), i.getNano());
    }
}
