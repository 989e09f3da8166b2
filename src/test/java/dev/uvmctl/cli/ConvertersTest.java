package dev.uvmctl.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.TypeConversionException;

class ConvertersTest {

    @ParameterizedTest
    @CsvSource({
        "1048576, 1048576",
        "0, 0",
        "64M, 67108864",
        "64MiB, 67108864",
        "64 MiB, 67108864",
        "1GiB, 1073741824",
        "1g, 1073741824",
        "1.5G, 1610612736",
        "1GB, 1000000000",
        "512k, 524288",
        "2T, 2199023255552",
        "10B, 10",
    })
    void sizes(String text, long bytes) {
        assertThat(new SizeConverter().convert(text)).isEqualTo(bytes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "M", "-1", "64Q", "64MX", "1e3", "99999999999P"})
    void badSizes(String text) {
        assertThatThrownBy(() -> new SizeConverter().convert(text)).isInstanceOf(TypeConversionException.class);
    }

    @ParameterizedTest
    @CsvSource({
        "90, PT1M30S",
        "90s, PT1M30S",
        "10m, PT10M",
        "2h, PT2H",
        "1h30m, PT1H30M",
        "1d, PT24H",
        "500ms, PT0.5S",
        "1.5h, PT1H30M",
    })
    void durations(String text, String iso) {
        assertThat(new DurationConverter().convert(text)).isEqualTo(Duration.parse(iso));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "m", "10 minutes", "1h30", "-5s", "5x"})
    void badDurations(String text) {
        assertThatThrownBy(() -> new DurationConverter().convert(text)).isInstanceOf(TypeConversionException.class);
    }
}
