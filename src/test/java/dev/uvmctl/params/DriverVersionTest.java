package dev.uvmctl.params;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DriverVersionTest {

    @Test
    void comparesNumericallyComponentByComponent() {
        assertThat(DriverVersion.of("570.124.04")).isGreaterThan(DriverVersion.of("570.123.19"));
        assertThat(DriverVersion.of("535.43.02")).isLessThan(DriverVersion.of("535.104.05"));
        assertThat(DriverVersion.of("440.31")).isLessThan(DriverVersion.of("440.31.01"));
        assertThat(DriverVersion.of("535.129.03")).isEqualTo(DriverVersion.of("535.129.03"));
    }

    @Test
    void rejectsWhatIsNotARelease() {
        assertThat(DriverVersion.parse("abc")).isEmpty();
        assertThat(DriverVersion.parse("535")).isEmpty();
        assertThat(DriverVersion.parse(null)).isEmpty();
        assertThat(DriverVersion.parse(" 535.129.03\n")).map(DriverVersion::toString).contains("535.129.03");
    }

    @Test
    void rangesAreInclusive() {
        VersionRange r = VersionRange.parse("570.123.07..570.123.19");
        assertThat(r.contains(DriverVersion.of("570.123.07"))).isTrue();
        assertThat(r.contains(DriverVersion.of("570.123.19"))).isTrue();
        assertThat(r.contains(DriverVersion.of("570.124.04"))).isFalse();
    }
}
