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
    }

    @Test
    void wallClockIsRfc3339InUtc() {
        long t = EventTime.parseWall("2025-03-14T09:41:07.25Z");
        assertThat(EventTime.wall(t)).isEqualTo("2025-03-14T09:41:07.250Z");
        assertThat(EventTime.parseWall(EventTime.wall(t))).isEqualTo(t);
    }
}
