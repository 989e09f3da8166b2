package dev.uvmctl.tracefs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uvmctl.params.DriverVersion;
import dev.uvmctl.source.DirectorySysRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first header line says whether the traced system makes mm fds: uvm_enable_va_space_mm, an
 * int the driver tests as C does ({@code UVM_CAN_USE_MMU_NOTIFIERS() && uvm_enable_va_space_mm},
 * uvm_va_space_mm.c: uvm_va_space_mm_enabled_system, 535.43.02 and 580.95.05), on a fixture root.
 */
class TraceHeaderTest {
    private static final String PARAM = "sys/module/nvidia_uvm/parameters/uvm_enable_va_space_mm";
    private static final Tracefs.Setup SETUP = new Tracefs.Setup("/sys/kernel/tracing",
        new ProbeTable.Selection(DriverVersion.of("580.95.05"), true, "x86_64", "580.65.06..", List.of()), List.of(), List.of(), true);
    private static final Instant STARTED = Instant.parse("2026-11-27T12:00:00Z");

    private static String first(Path root, String param) throws IOException {
        Files.createDirectories(root.resolve("proc/sys/kernel/random"));
        Files.writeString(root.resolve("proc/sys/kernel/random/boot_id"), "6f1c2a9e-3b7d-4c5e-9a81-0d4e6f7a8b9c\n");
        if (param != null) {
            Files.createDirectories(root.resolve(PARAM).getParent());
            Files.writeString(root.resolve(PARAM), param);
        }
        DirectorySysRoot sysRoot = new DirectorySysRoot(root);
        return TraceHeader.lines(sysRoot, SETUP, STARTED, TraceHeader.gpus(sysRoot, SETUP)).get(0);
    }

    @Test
    void zeroIsWrittenAsZero(@TempDir Path root) throws IOException {
        assertThat(first(root, "0\n")).isEqualTo("# uvmctl-trace: version=1 release=580.95.05 arch=x86_64 clock=local "
            + "boot=6f1c2a9e-3b7d-4c5e-9a81-0d4e6f7a8b9c layout=580.65.06.. va_space_mm=0 instance=uvmctl started=2026-11-27T12:00:00Z");
    }

    @Test
    void anyOtherIntegerIsOne(@TempDir Path root) throws IOException {
        assertThat(first(root.resolve("one"), "1\n")).contains(" layout=580.65.06.. va_space_mm=1 instance=uvmctl ");
        assertThat(first(root.resolve("minus"), "-1\n")).contains(" va_space_mm=1 ");
    }

    /** destroy_returns=1 only where uvm_va_space_destroy's return probe was set: refused, the header says nothing of returns. */
    @Test
    void theReturnOfTheVaSpacesDestroyIsSaidOnlyWhenItsProbeWasSet(@TempDir Path root) throws IOException {
        ProbeTable.Selection s = ProbeTable.load().select(DriverVersion.of("580.95.05"), "x86_64");
        Probe r = s.probes().stream().filter(p -> p.name().equals("uvm_vas_destroy_r")).findFirst().orElseThrow();
        Files.createDirectories(root.resolve("proc/sys/kernel/random"));
        Files.writeString(root.resolve("proc/sys/kernel/random/boot_id"), "6f1c2a9e-3b7d-4c5e-9a81-0d4e6f7a8b9c\n");
        DirectorySysRoot sysRoot = new DirectorySysRoot(root);
        Tracefs.Setup set = new Tracefs.Setup("/sys/kernel/tracing", s, List.of(new Tracefs.Result(r, Tracefs.State.installed, null)),
            List.of(), true);
        assertThat(TraceHeader.lines(sysRoot, set, STARTED, Map.of()).get(0)).contains(" layout=580.65.06.. destroy_returns=1 instance=uvmctl ");
        Tracefs.Setup refused = new Tracefs.Setup("/sys/kernel/tracing", s, List.of(new Tracefs.Result(r, Tracefs.State.refused, "EINVAL")),
            List.of(), true);
        List<String> header = TraceHeader.lines(sysRoot, refused, STARTED, Map.of());
        assertThat(header.get(0)).doesNotContain("destroy_returns");
        assertThat(header).contains("# uvmctl-trace: missing=uvm_vas_destroy_r why=\"EINVAL\" kinds=task_blocked");
    }

    @Test
    void absentOrGarbledTheKeyIsLeftOut(@TempDir Path root) throws IOException {
        String without = "# uvmctl-trace: version=1 release=580.95.05 arch=x86_64 clock=local "
            + "boot=6f1c2a9e-3b7d-4c5e-9a81-0d4e6f7a8b9c layout=580.65.06.. instance=uvmctl started=2026-11-27T12:00:00Z";
        assertThat(first(root.resolve("absent"), null)).isEqualTo(without);
        assertThat(first(root.resolve("garbled"), "yes\n")).isEqualTo(without);
        assertThat(first(root.resolve("empty"), "")).isEqualTo(without);
    }
}
