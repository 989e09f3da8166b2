package dev.uvmctl.source;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PciAddressTest {
    @Test
    void everyFormNormalizesToOneKey() {
        assertThat(PciAddress.parse("00000000:3B:00.0")).map(PciAddress::toString).hasValue("0000:3b:00.0");
        assertThat(PciAddress.parse("PCI:0000:3b:00")).map(PciAddress::toString).hasValue("0000:3b:00.0");
        assertThat(PciAddress.parse("0000:3b:00.0")).map(PciAddress::toString).hasValue("0000:3b:00.0");
        assertThat(PciAddress.parse("0000:03:00.0")).map(PciAddress::toString).hasValue("0000:03:00.0");
        assertThat(PciAddress.parse("3b:00.1")).map(PciAddress::toString).hasValue("0000:3b:00.1");
        assertThat(PciAddress.parse(" 0001:86:1f.7 ")).map(PciAddress::toString).hasValue("0001:86:1f.7");
    }

    @Test
    void notAddresses() {
        assertThat(PciAddress.parse("N/A")).isEmpty();
        assertThat(PciAddress.parse("GPU-6a2b3c4d-1111-2222-3333-444455556666")).isEmpty();
        assertThat(PciAddress.parse("100000000:3b:00.0")).isEmpty();
        assertThat(PciAddress.parse("0000:3b:20.0")).isEmpty();
        assertThat(PciAddress.parse(null)).isEmpty();
    }
}
