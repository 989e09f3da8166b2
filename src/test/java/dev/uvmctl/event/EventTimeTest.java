package dev.uvmctl.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EventTimeTest {

    @Test
    void secondsAreWrittenExactlyWithoutTrailingZeros() {
        assertThat(EventTime.seconds(1_520_301_337_000L)).isEqualTo("1520.301337");
        assertThat(EventTime.seconds(4_811_000_000_000L)).isEqualTo("4811");
        assertThat(EventTime.seconds(1L)).isEqualTo("0.000000001");
        assertThat(EventTime.seconds(0L)).isEqualTo("0");
    }

    @Test
    void kernelLogSecondsAreWrittenAsDmesgPrintsThem() {
        // printk: "[%5lu.%06lu]" of the time in microseconds, the nanoseconds truncated.
        assertThat(EventTime.kernelLogSeconds(4_210_481_290_000L)).isEqualTo("4210.481290");
        assertThat(EventTime.kernelLogSeconds(4_811_000_000_000L)).isEqualTo("4811.000000");
        assertThat(EventTime.kernelLogSeconds(1_999L)).isEqualTo("0.000001");
        assertThat(EventTime.kernelLogSeconds(0L)).isEqualTo("0.000000");
    }

    @Test
    void secondsAreReadExactlyWithoutADouble() {
        assertThat(EventTime.parseSeconds("1520.301337")).isEqualTo(1_520_301_337_000L);
        assertThat(EventTime.parseSeconds("4811")).isEqualTo(4_811_000_000_000L);
        assertThat(EventTime.parseSeconds("4811.0")).isEqualTo(4_811_000_000_000L);
        // 0.1 has no exact double; read as text it is exactly 100 ms.
        assertThat(EventTime.parseSeconds("0.1")).isEqualTo(100_000_000L);
        assertThat(EventTime.parseSeconds("1.5e3")).isEqualTo(1_500_000_000_000L);
        assertThat(EventTime.parseSeconds("2.1234567891")).isEqualTo(2_123_456_789L);
    }

    @Test
    void badSecondsAreRejected() {
        assertThatThrownBy(() -> EventTime.parseSeconds("1.x")).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> EventTime.parseSeconds("1.2.3")).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> EventTime.parseSeconds("--1")).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> EventTime.parseSeconds("9223372037")).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> EventTime.parseSeconds("-9223372036.854775809")).isInstanceOf(ArithmeticException.class);
    }

    /**
     * Decimal seconds read from their bytes (the decoder's path, no String) are the exact decimal
     * truncated to nanoseconds toward zero, as BigDecimal computes it, for any sign and number of
     * digits on either side of the point.
     */
    @Test
    void secondsFromBytesAreTheExactDecimalTruncated() {
        java.util.Random r = new java.util.Random(12);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder b = new StringBuilder(r.nextBoolean() ? "-" : "");
            int whole = 1 + r.nextInt(9);
            for (int k = 0; k < whole; k++) {
                b.append((char) ('0' + (k == 0 && whole > 1 ? 1 + r.nextInt(9) : r.nextInt(10))));
            }
            int fraction = r.nextInt(13);
            if (fraction > 0) {
                b.append('.');
                for (int k = 0; k < fraction; k++) {
                    b.append((char) ('0' + r.nextInt(10)));
                }
            }
            String text = b.toString();
            long expected = new java.math.BigDecimal(text).movePointRight(9).setScale(0, java.math.RoundingMode.DOWN).longValueExact();
            byte[] bytes = ("x" + text + ",").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            assertThat(EventTime.parseSeconds(bytes, 1, bytes.length - 1)).as(text).isEqualTo(expected);
            assertThat(EventTime.parseSeconds(text)).as(text).isEqualTo(expected);
        }
    }

    @Test
    void wallClockIsRfc3339InUtc() {
        long t = EventTime.parseWall("2025-03-14T09:41:07.25Z");
        assertThat(EventTime.wall(t)).isEqualTo("2025-03-14T09:41:07.250Z");
        assertThat(EventTime.parseWall(EventTime.wall(t))).isEqualTo(t);
    }
}
