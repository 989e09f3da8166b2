package dev.uvmctl.params;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DefaultValueTest {
    private final ParamCatalog catalog = ParamCatalog.load();

    private DefaultValue of(String name, String release, Arch arch, Integer page, Boolean open, BuildType build) {
        DriverInfo d = new DriverInfo(release == null ? null : DriverVersion.of(release), arch, page, open, build, "test");
        return DefaultValue.resolve(catalog.get(name).orElseThrow(), d);
    }

    @Test
    void hmmDefaultDependsOnReleaseAndArchitecture() {
        assertThat(of("uvm_disable_hmm", "525.147.05", Arch.x86_64, null, false, null).value()).isEqualTo("N");
        assertThat(of("uvm_disable_hmm", "530.30.02", Arch.x86_64, null, false, null).value()).isEqualTo("Y");
        assertThat(of("uvm_disable_hmm", "535.129.03", Arch.x86_64, null, false, null).value()).isEqualTo("N");
        assertThat(of("uvm_disable_hmm", "535.129.03", Arch.aarch64, null, true, BuildType.release).value()).isEqualTo("Y");
    }

    @Test
    void unknownArchitectureIsUnknownWhenTheTablesDisagree() {
        DefaultValue d = of("uvm_disable_hmm", "580.95.05", null, null, true, BuildType.release);
        assertThat(d.value()).isNull();
        assertThat(d.unknownBecause()).isEqualTo("architecture unknown (x86_64: N, aarch64: Y)");
        assertThat(of("uvm_disable_hmm", "530.30.02", null, null, true, BuildType.release).value()).isEqualTo("Y");
    }

    @Test
    void aarch64ChunkSizesDependOnThePageSize() {
        assertThat(of("uvm_cpu_chunk_allocation_sizes", "580.95.05", Arch.aarch64, 65536, true, BuildType.release).value())
            .isEqualTo("2162688");
        assertThat(of("uvm_cpu_chunk_allocation_sizes", "580.95.05", Arch.aarch64, 4096, true, BuildType.release).value())
            .isEqualTo("2166784");
        assertThat(of("uvm_cpu_chunk_allocation_sizes", "580.95.05", Arch.aarch64, null, true, BuildType.release).unknownBecause())
            .startsWith("kernel page size unknown");
        assertThat(of("uvm_cpu_chunk_allocation_sizes", "520.61.05", Arch.x86_64, null, false, null).value()).isEqualTo("4096");
    }

    @Test
    void debugBuildsHaveTheirOwnDefaults() {
        assertThat(of("uvm_leak_checker", "580.95.05", Arch.x86_64, null, true, BuildType.debug).value()).isEqualTo("1");
        assertThat(of("uvm_leak_checker", "580.95.05", Arch.x86_64, null, true, BuildType.release).value()).isEqualTo("0");
        assertThat(of("uvm_leak_checker", "580.95.05", Arch.x86_64, null, false, null).value()).isEqualTo("0");
        assertThat(of("uvm_leak_checker", "580.95.05", Arch.x86_64, null, null, null).unknownBecause())
            .startsWith("build type unknown");
    }

    @Test
    void releasesOutsideTheCatalogAreUnknownNotGuessed() {
        DefaultValue newer = of("uvm_ats_mode", "600.10.01", Arch.x86_64, null, true, BuildType.release);
        assertThat(newer.value()).isNull();
        assertThat(newer.unknownBecause()).contains("outside uvmctl's catalog");
        assertThat(newer.presentInRelease()).isNull();
        assertThat(of("uvm_ats_mode", "510.54", Arch.x86_64, null, false, null).value()).isNull();
        assertThat(of("uvm_ats_mode", null, Arch.x86_64, null, false, null).unknownBecause()).isEqualTo("driver release unknown");
    }

    @Test
    void aParameterTheReleaseLacksIsAbsent() {
        DefaultValue d = of("uvm_perf_lapse_vote_threshold", "580.95.05", Arch.x86_64, null, true, BuildType.release);
        assertThat(d.presentInRelease()).isFalse();
        assertThat(d.value()).isNull();
        assertThat(of("uvm_perf_lapse_vote_threshold", "590.44.01", Arch.x86_64, null, true, BuildType.release).value())
            .isEqualTo("32");
    }
}
