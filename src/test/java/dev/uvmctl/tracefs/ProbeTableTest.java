package dev.uvmctl.tracefs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uvmctl.params.DriverVersion;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The probe table per release (uvm_perf_events.h's migration layout moved in 550.40.07 and 580.65.06) and architecture. */
class ProbeTableTest {
    private static final ProbeTable TABLE = ProbeTable.load();

    private static Probe probe(ProbeTable.Selection s, String name) {
        return s.probes().stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "535.183.01, addr=+24(%dx):x64, cause=+44(%dx):u32, uvm_xid,        535.43.02..550.40.07",
        "545.29.06,  addr=+24(%dx):x64, cause=+44(%dx):u32, uvm_xid,        535.43.02..550.40.07",
        "550.163.01, addr=+32(%dx):x64, cause=+52(%dx):u32, uvm_xid,        550.40.07..580.65.06",
        "570.211.01, addr=+32(%dx):x64, cause=+52(%dx):u32, uvm_xid,        550.40.07..580.65.06",
        "575.64.05,  addr=+32(%dx):x64, cause=+52(%dx):u32, nvidia_dev_xid, 550.40.07..580.65.06",
        "580.65.06,  addr=+32(%dx):x64, cause=+56(%dx):u32, nvidia_dev_xid, 580.65.06..",
        "595.45.04,  addr=+32(%dx):x64, cause=+56(%dx):u32, nvidia_dev_xid, 580.65.06..",
    })
    void theMigrationLayoutAndTheXidSourceFollowTheRelease(String release, String addr, String cause, String xid, String layout) {
        ProbeTable.Selection s = TABLE.select(DriverVersion.of(release), "x86_64");
        assertThat(s.releaseKnown()).isTrue();
        assertThat(s.layout()).isEqualTo(layout);
        Probe migrate = probe(s, "uvm_migrate");
        assertThat(migrate.definition()).contains(" " + addr + " ").endsWith(" " + cause);
        assertThat(migrate.filter()).isEqualTo("ev == 7");
        assertThat(probe(s, xid)).isNotNull();
        assertThat(probe(s, xid.equals("uvm_xid") ? "nvidia_dev_xid" : "uvm_xid")).as("one Xid source, not both").isNull();
        assertThat(probe(s, "uvm_migrate_r1")).isNull();
        assertThat(s.probes()).extracting(Probe::name).doesNotHaveDuplicates()
            .contains("uvm_vas_create", "uvm_vas_create_r", "uvm_vas_init", "uvm_vas_destroy", "uvm_vas_defer", "uvm_fd_release",
                "uvm_mm_unreg", "uvm_range_mmap", "uvm_range_mmap_r", "uvm_range_ev", "uvm_evict", "uvm_evict_r", "uvm_pma_evict",
                "uvm_pma_evict_r", "uvm_pma_evrange", "uvm_pma_evrange_r", "uvm_deferred_free", "sched_process_exit",
                "sched_process_fork", "mark_victim");
    }

    @Test
    void anUnknownOrNewerReleaseGetsBothCandidateLayouts() {
        for (DriverVersion r : new DriverVersion[] {null, DriverVersion.of("600.10.01")}) {
            ProbeTable.Selection s = TABLE.select(r, "x86_64");
            assertThat(s.releaseKnown()).isFalse();
            assertThat(s.layout()).isEqualTo("unknown");
            assertThat(probe(s, "uvm_migrate")).isNull();
            assertThat(probe(s, "uvm_migrate_r1").definition()).contains("cause=+44(%dx)");
            assertThat(probe(s, "uvm_migrate_r23").definition()).contains("cause=+52(%dx):u32 cause_r3=+56(%dx):u32");
            assertThat(probe(s, "uvm_xid")).isNotNull();
            assertThat(probe(s, "uvm_vas_create")).isNotNull();
        }
    }

    @Test
    void aReleaseOlderThanTheTableGetsNothing() {
        assertThat(TABLE.select(DriverVersion.of("525.147.05"), "x86_64").probes()).isEmpty();
        assertThat(TABLE.first()).isEqualTo(DriverVersion.of("535.43.02"));
        assertThat(TABLE.checkedThrough()).isEqualTo(DriverVersion.of("595.45.04"));
    }

    @Test
    void arm64ReadsTheSameOffsetsThroughItsArguments() {
        ProbeTable.Selection x86 = TABLE.select(DriverVersion.of("580.95.05"), "x86_64");
        ProbeTable.Selection arm = TABLE.select(DriverVersion.of("580.95.05"), "aarch64");
        assertThat(arm.probes()).extracting(Probe::name).isEqualTo(x86.probes().stream().map(Probe::name).toList());
        assertThat(probe(arm, "uvm_range_mmap").definition())
            .isEqualTo("p:uvmctl/uvm_range_mmap nvidia_uvm:uvm_va_range_create_mmap vas=$arg1:x64 start=+0(+0($arg3)):x64 vm_end=+8(+0($arg3)):x64");
        assertThat(arm.probes()).noneMatch(p -> p.definition().contains("%"));
        assertThat(TABLE.architectures()).containsExactly("x86_64", "aarch64");
    }

    @Test
    void everyKprobeIsOfUvmctlsGroupNamedAsItsEventOnADriverFunction() {
        for (String arch : TABLE.architectures()) {
            for (DriverVersion r : new DriverVersion[] {null, DriverVersion.of("535.183.01"), DriverVersion.of("580.95.05")}) {
                for (Probe p : TABLE.select(r, arch).probes()) {
                    if (p.kind() == Probe.Kind.tracepoint) {
                        assertThat(p.definition()).matches("\\w+/" + p.name());
                        continue;
                    }
                    // A return probe of a void function fetches nothing: its line is the return alone.
                    // r512: a return probe may say how many calls in flight it sees return (maxactive, kernel/trace/trace_kprobe.c).
                    assertThat(p.definition()).matches("(p|r\\d*):uvmctl/" + p.name() + " (nvidia_uvm|nvidia):\\w+( \\w+=\\S+)"
                        + (p.name().equals("uvm_vas_destroy_r") ? "*" : "+"));
                    assertThat(p.definition().startsWith("r")).isEqualTo(p.name().endsWith("_r"));
                    assertThat(p.symbol()).isEqualTo(p.definition().split(" ")[1]);
                }
            }
        }
    }

    @Test
    void theFiltersSelectByEventIdNeverByCause() {
        for (Probe p : TABLE.select(null, "x86_64").probes()) {
            if (p.filter() != null) {
                assertThat(p.filter()).doesNotContain("cause");
            }
        }
        assertThat(List.of("ev == 3 || ev == 4")).contains(probe(TABLE.select(null, "x86_64"), "uvm_range_ev").filter());
    }
}
