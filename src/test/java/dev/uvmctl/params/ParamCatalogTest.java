package dev.uvmctl.params;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ParamCatalogTest {
    private final ParamCatalog catalog = ParamCatalog.load();

    @Test
    void hasEveryParameterOfTheTsv() {
        assertThat(catalog.all()).hasSize(59);
        ParamSpec hmm = catalog.get("uvm_disable_hmm").orElseThrow();
        assertThat(hmm.type()).isEqualTo(ParamType.BOOL);
        assertThat(hmm.mode()).isEqualTo(0444);
        assertThat(hmm.writable()).isFalse();
        assertThat(hmm.sourceFile()).isEqualTo("kernel-open/nvidia-uvm/uvm_hmm.c");
        assertThat(catalog.get("uvm_debug_prints").orElseThrow().writable()).isTrue();
    }

    @Test
    void perArchitectureTablesAreRead() {
        ParamSpec hmm = catalog.get("uvm_disable_hmm").orElseThrow();
        assertThat(hmm.defaultsByArch()).containsOnlyKeys(Arch.x86_64, Arch.aarch64);
        assertThat(hmm.archDefault(Arch.x86_64, DriverVersion.of("530.41.03"))).contains("Y");
        assertThat(hmm.archDefault(Arch.x86_64, DriverVersion.of("535.43.02"))).contains("N");
        assertThat(hmm.archDefault(Arch.aarch64, DriverVersion.of("595.45.04"))).contains("Y");
        assertThat(hmm.smallPageAarch64LikeX86()).isFalse();
        assertThat(catalog.get("uvm_cpu_chunk_allocation_sizes").orElseThrow().smallPageAarch64LikeX86()).isTrue();
    }

    @Test
    void presenceFollowsTagRunsWithTheirGaps() {
        ParamSpec mimc = catalog.get("uvm_perf_access_counter_mimc_migration_enable").orElseThrow();
        assertThat(mimc.presentIn(DriverVersion.of("570.123.06"))).isTrue();
        assertThat(mimc.presentIn(DriverVersion.of("570.123.07"))).isFalse();
        assertThat(mimc.presentIn(DriverVersion.of("570.124.04"))).isTrue();
        assertThat(mimc.presentIn(DriverVersion.of("575.51.02"))).isFalse();
        ParamSpec unified = catalog.get("uvm_perf_access_counter_migration_enable").orElseThrow();
        assertThat(unified.presentIn(DriverVersion.of("570.124.04"))).isFalse();
        assertThat(unified.presentIn(DriverVersion.of("570.133.07"))).isTrue();
    }

    @Test
    void debugBuildDefaultsAreRead() {
        assertThat(catalog.get("uvm_leak_checker").orElseThrow().debugDefault()).isEqualTo("1");
        assertThat(catalog.get("uvm_ats_mode").orElseThrow().debugDefault()).isNull();
    }

    @Test
    void suggestsTheNearestNameForATypo() {
        assertThat(catalog.closest("uvm_disable_hmmm")).contains("uvm_disable_hmm");
        assertThat(catalog.closest("uvm_perf_prefetch_enabled")).contains("uvm_perf_prefetch_enable");
        assertThat(catalog.closest("NVreg_RmLogonRC")).isEmpty();
    }

    @Test
    void everyDefaultParsesAsItsType() {
        for (ParamSpec spec : catalog.all()) {
            assertThat(spec.type().rejects(spec.defaultValue())).as(spec.name()).isEmpty();
            for (Map.Entry<Arch, java.util.List<ParamSpec.RangeDefault>> t : spec.defaultsByArch().entrySet()) {
                t.getValue().forEach(d -> assertThat(spec.type().rejects(d.value())).as(spec.name()).isEmpty());
            }
        }
    }
}
