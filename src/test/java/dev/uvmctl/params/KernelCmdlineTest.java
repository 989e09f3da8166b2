package dev.uvmctl.params;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uvmctl.shared.Diagnostic;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KernelCmdlineTest {

    @Test
    void moduleParametersAreReadAndOthersSkipped() {
        List<ConfiguredValue> values = new ArrayList<>();
        List<Diagnostic> diagnostics = new ArrayList<>();
        KernelCmdline.parse("BOOT_IMAGE=/vmlinuz root=/dev/sda1 ro nvidia-uvm.uvm_disable_hmm=1 "
            + "nvidia.NVreg_OpenRmEnableUnsupportedGpus=1 quiet acpi=off dyndbg=\"file a.c +p\"\n", "/proc/cmdline", values, diagnostics);
        assertThat(values).containsExactly(
            new ConfiguredValue("nvidia_uvm", "uvm_disable_hmm", "1", "/proc/cmdline", 0),
            new ConfiguredValue("nvidia", "NVreg_OpenRmEnableUnsupportedGpus", "1", "/proc/cmdline", 0));
        assertThat(diagnostics).isEmpty();
    }

    @Test
    void anUnterminatedQuoteIsOneDiagnostic() {
        List<ConfiguredValue> values = new ArrayList<>();
        List<Diagnostic> diagnostics = new ArrayList<>();
        KernelCmdline.parse("ro nvidia_uvm.x=\"1", "/proc/cmdline", values, diagnostics);
        assertThat(values).isEmpty();
        assertThat(diagnostics).extracting(Diagnostic::toString)
            .containsExactly("/proc/cmdline: unterminated quote on the kernel command line");
    }
}
