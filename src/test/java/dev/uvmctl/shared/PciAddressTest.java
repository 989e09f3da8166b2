package dev.uvmctl.shared;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PciAddressTest {

    private static PciAddress key(String s) {
        return PciAddress.parse(s).orElseThrow();
    }

    @Test
    void everySpellingOfOneGpuIsTheSameKey() {
        PciAddress key = new PciAddress(0, 0x3b, 0, 0);
        assertThat(key("0000:3b:00.0")).isEqualTo(key);
        assertThat(key("PCI:0000:3b:00")).as("Xid: no function").isEqualTo(key);
        assertThat(key("00000000:3B:00.0")).as("nvidia-smi").isEqualTo(key);
        assertThat(key("3b:00.0")).isEqualTo(key);
        assertThat(key(" 0000:3B:00 ")).isEqualTo(key);
        assertThat(key).hasToString("0000:3b:00.0");
        assertThat(key("0000:03:00.0")).hasToString("0000:03:00.0");
    }

    @Test
    void keepsDomainAndFunction() {
        assertThat(key("0001:c1:1f.3")).hasToString("0001:c1:1f.3");
        assertThat(key("d32b:00:00.0")).hasToString("d32b:00:00.0");
    }

    @Test
    void aHyperVDomainOfUpTo8DigitsIsKeptWhole() {
        assertThat(key("7a3c01f2:00:00.0")).as("kernel device name").hasToString("7a3c01f2:00:00.0");
        assertThat(key("PCI:7a3c01f2:00:00")).as("Xid line").isEqualTo(key("7a3c01f2:00:00.0"));
        assertThat(key("7A3C01F2:00:00.0")).as("nvidia-smi, upper case").isEqualTo(key("7a3c01f2:00:00.0"));
        assertThat(key("7a3c01f2:00:00.0").domain()).isEqualTo(0x7a3c01f2L);
        assertThat(key("25bed32b:00:00.0")).as("not cut to the last 4 digits").isNotEqualTo(key("d32b:00:00.0"))
            .hasToString("25bed32b:00:00.0");
        assertThat(key("ffffffff:ff:1f.7")).as("the widest domain is unsigned").hasToString("ffffffff:ff:1f.7");
    }

    @Test
    void domainWidthBoundaries() {
        assertThat(key("0000:3b:00.0")).as("4 digits").hasToString("0000:3b:00.0");
        assertThat(key("10000:3b:00.0")).as("5 digits").hasToString("10000:3b:00.0");
        assertThat(key("00000000:3b:00.0")).as("8 digits, zero: still 4 when printed").hasToString("0000:3b:00.0");
        assertThat(key("00010000:3b:00.0")).as("8 digits").hasToString("10000:3b:00.0");
        assertThat(PciAddress.parse("17a3c01f2:00:00.0")).as("9 digits: wider than 32 bits").isEmpty();
        assertThat(PciAddress.parse("000000000:3b:00.0")).as("9 digits, even zeros").isEmpty();
    }

    @Test
    void rejectsWhatIsNotAnAddress() {
        for (String s : new String[] {null, "", "N/A", "GPU-UID", "GPU-6a2b3c4d-1111-2222-3333-444455556666", "0000:3b",
            "0000:3b:00:00", "0000:3g:00.0", "0000:3b:20.0", "0000:3b:00.8", "0000:3b:00.", "123456789:3b:00.0"}) {
            assertThat(PciAddress.parse(s)).as(String.valueOf(s)).isEmpty();
        }
    }

    @Test
    void ordersByDomainBusDeviceFunction() {
        assertThat(key("0000:0a:00.0")).isLessThan(key("0000:3b:00.0"));
        assertThat(key("ffff:ff:00.0")).isLessThan(key("7a3c01f2:00:00.0"));
        assertThat(key("7a3c01f2:00:00.0")).isLessThan(key("ffffffff:00:00.0"));
        assertThat(key("0000:3b:00.1")).isGreaterThan(key("0000:3b:00.0"));
    }
}
