package dev.uvmctl.params;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NvidiaVersionLineTest {

    @Test
    void openModuleNamesArchitectureReleaseAndBuild() {
        DriverInfo d = NvidiaVersionLine.parse("NVRM version: NVIDIA UNIX Open Kernel Module for x86_64  590.48.01  "
            + "Release Build  (dvs-builder@U22-I3-AE18-23-3)  Mon Dec  8 13:05:00 UTC 2025", "v").orElseThrow();
        assertThat(d).isEqualTo(new DriverInfo(DriverVersion.of("590.48.01"), Arch.x86_64, null, true, BuildType.release, "v"));
    }

    @Test
    void proprietaryModule() {
        DriverInfo d = NvidiaVersionLine.parse("NVRM version: NVIDIA UNIX x86_64 Kernel Module  440.31  Sun Oct 27 02:19:35 UTC 2019", "v")
            .orElseThrow();
        assertThat(d).isEqualTo(new DriverInfo(DriverVersion.of("440.31"), Arch.x86_64, null, false, null, "v"));
    }

    @Test
    void aarch64AndALineCutByItsPoster() {
        assertThat(NvidiaVersionLine.parse("NVRM version: NVIDIA UNIX Open Kernel Module for aarch64  580.173.02  Release Build", "v")
            .orElseThrow().arch()).isEqualTo(Arch.aarch64);
        DriverInfo cut = NvidiaVersionLine.parse("NVRM version: NVIDIA UNIX Open Kernel Module for x86_64  515.43.04  Release Build  (roo", "v")
            .orElseThrow();
        assertThat(cut.version()).isEqualTo(DriverVersion.of("515.43.04"));
        assertThat(cut.build()).isEqualTo(BuildType.release);
    }

    @Test
    void otherLinesAreNotBanners() {
        assertThat(NvidiaVersionLine.parse("GCC version:  gcc version 7.4.0", "v")).isEmpty();
        assertThat(NvidiaVersionLine.parse("NVRM version: NVIDIA UNIX x86_64 Kernel Module  garbage", "v")).isEmpty();
    }
}
