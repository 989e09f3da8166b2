package dev.uvmctl.shared;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SizesTest {
    @Test
    void iecUnits() {
        assertThat(Sizes.iec(0)).isEqualTo("0 B");
        assertThat(Sizes.iec(1023)).isEqualTo("1023 B");
        assertThat(Sizes.iec(1536)).isEqualTo("1.5 KiB");
        assertThat(Sizes.iec(2L << 20)).isEqualTo("2 MiB");
        assertThat(Sizes.iec(80L << 30)).isEqualTo("80 GiB");
    }

    @Test
    void aQuotedSizeKeepsItsExactBytes() {
        assertThat(Sizes.iecAndBytes(12288)).isEqualTo("12 KiB (12288 bytes)");
        assertThat(Sizes.iecAndBytes(1536)).isEqualTo("1.5 KiB (1536 bytes)");
        assertThat(Sizes.iecAndBytes(512)).isEqualTo("512 bytes");
    }

    @Test
    void hexIsLowercaseWithPrefix() {
        assertThat(Sizes.hex(0x7F00DEAD0000L)).isEqualTo("0x7f00dead0000");
    }
}
