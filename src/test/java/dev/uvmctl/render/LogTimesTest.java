package dev.uvmctl.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogTimesTest {
    @Test
    void secondsWithMicrosecondsLikeDmesg() {
        assertThat(LogTimes.seconds(155_441_404L)).isEqualTo("155.441404");
        assertThat(LogTimes.seconds(0L)).isEqualTo("0.000000");
        assertThat(LogTimes.seconds(2_000_007L)).isEqualTo("2.000007");
        assertThat(LogTimes.seconds(93_297_027_938L)).isEqualTo("93297.027938");
        assertThat(LogTimes.seconds(null)).isNull();
    }
}
