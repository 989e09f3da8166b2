package dev.uvmctl.source;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PciAddressTest {

    @Test
    void everySpellingOfOneGpuIsTheSameKey() {
        PciAddress key = new PciAddress(0, 0x3b, 0, 0);
        assertThat(PciAddress.parse("0000:3b:00.0")).isEqualTo(key);
        assertThat(PciAddress.parse("PCI:0000:3b:00")).isEqualTo(key);
        assertThat(PciAddress.parse("00000000:3B:00.0")).isEqualTo(key);
        assertThat(PciAddress.parse("3b:00.0")).isEqualTo(key);
        assertThat(PciAddress.parse(" 0000:3B:00 ")).isEqualTo(key);
        assertThat(key).hasToString("0000:3b:00.0");
    }

    @Test
    void keepsDomainAndFunction() {
        assertThat(PciAddress.parse("0001:c1:1f.3")).hasToString("0001:c1:1f.3");
        assertThat(PciAddress.parse("d32b:00:00.0")).hasToString("d32b:00:00.0");
        assertThat(PciAddress.parse("25bed32b:00:00.0")).as("Hyper-V domain, as the driver prints it")
            .hasToString("d32b:00:00.0");
    }

    @Test
    void rejectsWhatIsNotAnAddress() {
        assertThat(PciAddress.parse(null)).isNull();
        assertThat(PciAddress.parse("")).isNull();
        assertThat(PciAddress.parse("GPU-UID")).isNull();
        assertThat(PciAddress.parse("0000:3b")).isNull();
        assertThat(PciAddress.parse("0000:3b:00:00")).isNull();
        assertThat(PciAddress.parse("0000:3g:00.0")).isNull();
        assertThat(PciAddress.parse("0000:3b:20.0")).isNull();
        assertThat(PciAddress.parse("0000:3b:00.8")).isNull();
        assertThat(PciAddress.parse("0000:3b:00.")).isNull();
        assertThat(PciAddress.parse("123456789:3b:00.0")).isNull();
    }

    @Test
    void ordersByDomainBusDeviceFunction() {
        assertThat(PciAddress.parse("0000:0a:00.0")).isLessThan(PciAddress.parse("0000:3b:00.0"));
        assertThat(PciAddress.parse("0000:3b:00.1")).isGreaterThan(PciAddress.parse("0000:3b:00.0"));
    }
}
