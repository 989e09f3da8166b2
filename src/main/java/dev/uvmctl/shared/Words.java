package dev.uvmctl.shared;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Bytes eight at a time, for the scanners that read every byte of their input (lines, kernel log
 * records, trace lines, NDJSON strings and keys): one little-endian read of a long, and the test
 * that marks its zero bytes. A scanner that looks for byte {@code c} tests {@code word ^ ONES * c}.
 */
public final class Words {
    /** 0x01 in every byte: {@code ONES * c} is byte {@code c} in every byte. */
    public static final long ONES = 0x0101010101010101L;
    /** The high bit of every byte. */
    public static final long HIGHS = 0x8080808080808080L;

    private static final VarHandle LITTLE_ENDIAN = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private Words() {
    }

    /** {@code b[i .. i + 8)} as one long, {@code b[i]} its lowest byte (memory order is bit order). */
    public static long littleEndian(byte[] b, int i) {
        return (long) LITTLE_ENDIAN.get(b, i);
    }

    /**
     * The high bit of each zero byte of {@code x}, and perhaps of bytes above a zero byte (a
     * borrow), never of one below: in a {@link #littleEndian} word the lowest bit set always
     * marks the first zero byte in memory order ({@code Long.numberOfTrailingZeros(m) >>> 3}).
     */
    public static long zeroBytes(long x) {
        return (x - ONES) & ~x & HIGHS;
    }
}
