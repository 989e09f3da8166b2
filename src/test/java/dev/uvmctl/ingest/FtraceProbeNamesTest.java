package dev.uvmctl.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uvmctl.ftrace.FtraceParser;
import dev.uvmctl.params.DriverVersion;
import dev.uvmctl.shared.Diagnostic;
import dev.uvmctl.tracefs.Probe;
import dev.uvmctl.tracefs.ProbeTable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every probe the table can install is one the adapter reads: none of its lines count as another tool's. */
class FtraceProbeNamesTest {

    @Test
    void theAdapterKnowsEveryProbeOfTheTable() {
        ProbeTable table = ProbeTable.load();
        Set<String> names = new LinkedHashSet<>();
        for (String arch : table.architectures()) {
            for (DriverVersion r : new DriverVersion[] {null, DriverVersion.of("535.183.01"), DriverVersion.of("575.64.05"),
                DriverVersion.of("580.95.05")}) {
                table.select(r, arch).probes().stream().map(Probe::name).forEach(names::add);
            }
        }
        List<Diagnostic> diagnostics = new ArrayList<>();
        FtraceEvents events = new FtraceEvents("t", diagnostics::add, e -> { });
        FtraceParser parser = new FtraceParser();
        long n = 0;
        for (String name : names) {
            byte[] line = ("  p-1 (    1) [000] ..... 1.0: " + name + ": (f+0x0/0x10 [nvidia_uvm]) nothing=0").getBytes(StandardCharsets.UTF_8);
            events.line(parser.parse(line, line.length, ++n));
        }
        events.end();
        assertThat(diagnostics).noneMatch(d -> d.message().contains("are not uvmctl's probes"));
    }
}
