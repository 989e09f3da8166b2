package dev.uvmctl.shared;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GpuKeyTest {

    @ParameterizedTest
    @CsvSource({
        "PCI:0000:3b:00, 0000:3b:00.0",
        "00000000:3B:00.0, 0000:3b:00.0",
        "0000:3b:00.0, 0000:3b:00.0",
        "3b:00.0, 0000:3b:00.0",
        "0001:C1:00.1, 0001:c1:00.1",
        "7a3c01f2:00:00.0, 7a3c01f2:00:00.0",
        "PCI:7a3c01f2:00:00, 7a3c01f2:00:00.0",
        "7A3C01F2:00:00.0, 7a3c01f2:00:00.0",
        "10000:3b:00.0, 10000:3b:00.0",
        "GPU-5A1B2C3D-4E5F-6071-8293-A4B5C6D7E8F9, GPU-5a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9",
        "UVM-GPU-5a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9, GPU-5a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9",
        "0, gpu0",
        "gpu3, gpu3",
        "GPU12, gpu12",
    })
    void everyFormOfAGpuNormalizesToOneSpelling(String input, String expected) {
        assertThat(GpuKey.normalize(input)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"3b:00", "nvidia0", "GPU-xyz", "''", "0000:3b:00.9", "17a3c01f2:00:00.0", "PCI:17a3c01f2:00:00"})
    void textThatNamesNoGpuIsNull(String input) {
        assertThat(GpuKey.normalize(input)).isNull();
    }

    @ParameterizedTest
    @CsvSource({"cpu, cpu", "CPU, cpu", "PCI:0000:3b:00, 0000:3b:00.0"})
    void processorsAreTheCpuOrAGpu(String input, String expected) {
        assertThat(GpuKey.processor(input)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"0000:3b:00.0, true", "7a3c01f2:00:00.0, true", "GPU-5a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9, false", "gpu0, false"})
    void aNormalizedPciKeyOfAnyDomainWidthIsAPciKey(String key, boolean pci) {
        assertThat(GpuKey.isPci(key)).isEqualTo(pci);
    }
}
