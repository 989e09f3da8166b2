package dev.uvmctl.tracefs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProbeProfileTest {
    /** A line as probes_profile_seq_show prints it: "  %-44s %15lu %15lu\n". */
    private static String line(String name, long hits, long misses) {
        return String.format("  %-44s %15d %15d%n", name, hits, misses);
    }

    @Test
    void readsTheKernelsLinesOfTheNamedProbesOnly() {
        String text = line("uvm_migrate", 855270, 0) + line("uvm_vas_destroy_r", 6, 2) + line("myprobe", 10, 10)
            + line("uvm_vas_destroy", 6, 0);
        Map<String, ProbeProfile.Counts> counts = ProbeProfile.parse(text, List.of("uvm_migrate", "uvm_vas_destroy", "uvm_vas_destroy_r"));
        assertThat(counts).containsExactly(Map.entry("uvm_migrate", new ProbeProfile.Counts(855270, 0)),
            Map.entry("uvm_vas_destroy_r", new ProbeProfile.Counts(6, 2)), Map.entry("uvm_vas_destroy", new ProbeProfile.Counts(6, 0)));
    }

    /** The file names events without their group: another tool's probe of the same name adds up with ours, so no miss is left out. */
    @Test
    void anotherGroupsProbeOfTheSameNameAddsUp() {
        String text = line("uvm_migrate", 100, 1) + line("uvm_migrate", 7, 3);
        assertThat(ProbeProfile.parse(text, List.of("uvm_migrate"))).containsExactly(Map.entry("uvm_migrate", new ProbeProfile.Counts(107, 4)));
    }

    @Test
    void linesThatAreNotCountsAreSkippedAndHugeCountsSaturate() {
        String text = "garbage\n  uvm_migrate 12\n" + line("uvm_evict", 1, 2).replace(" 2\n", " x\n")
            + "  uvm_evict_r 99999999999999999999 18446744073709551615\n";
        assertThat(ProbeProfile.parse(text, List.of("uvm_migrate", "uvm_evict", "uvm_evict_r")))
            .containsExactly(Map.entry("uvm_evict_r", new ProbeProfile.Counts(Long.MAX_VALUE, Long.MAX_VALUE)));
    }

    @Test
    void missesSinceABaselineAndAProbeMadeAnew() {
        Map<String, ProbeProfile.Counts> before = Map.of("uvm_migrate", new ProbeProfile.Counts(50, 4), "uvm_evict", new ProbeProfile.Counts(9, 9),
            "uvm_vas_destroy_r", new ProbeProfile.Counts(3, 1));
        Map<String, ProbeProfile.Counts> now = new LinkedHashMap<>();
        now.put("uvm_migrate", new ProbeProfile.Counts(80, 6));
        now.put("uvm_evict", new ProbeProfile.Counts(2, 1)); // removed and defined again since: all of it is new
        now.put("uvm_vas_destroy_r", new ProbeProfile.Counts(5, 1));
        now.put("uvm_xid", new ProbeProfile.Counts(1, 1)); // not there at the baseline
        assertThat(ProbeProfile.missedSince(before, now)).containsExactly(Map.entry("uvm_migrate", 2L), Map.entry("uvm_evict", 1L),
            Map.entry("uvm_xid", 1L));
        assertThat(ProbeProfile.missedSince(null, now)).containsExactly(Map.entry("uvm_migrate", 6L), Map.entry("uvm_evict", 1L),
            Map.entry("uvm_vas_destroy_r", 1L), Map.entry("uvm_xid", 1L));
    }

    @Test
    void theMarkReadsBackAsWritten() {
        Map<String, Long> missed = new LinkedHashMap<>();
        missed.put("uvm_vas_destroy_r", 3L);
        missed.put("uvm_migrate", 12L);
        String mark = ProbeProfile.mark(missed);
        assertThat(mark).isEqualTo("uvmctl: probes missed hits (kprobe_profile): uvm_vas_destroy_r=3 uvm_migrate=12");
        assertThat(ProbeProfile.ofMark(mark + "\n")).isEqualTo(missed);
        assertThat(ProbeProfile.ofMark("uvm_migrate=12 my own note")).as("a user's note").isNull();
        assertThat(ProbeProfile.ofMark(Tracefs.END_MARK)).isNull();
        assertThat(ProbeProfile.ofMark(ProbeProfile.MISSED_MARK + " uvm_migrate=x =3 uvm_evict=2 uvm_evict=1"))
            .as("words that are no count are skipped; a name twice adds up").containsExactly(Map.entry("uvm_evict", 3L));
    }
}
