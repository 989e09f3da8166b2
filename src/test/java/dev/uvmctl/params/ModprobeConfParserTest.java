package dev.uvmctl.params;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uvmctl.shared.Diagnostic;
import dev.uvmctl.testing.Golden;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModprobeConfParserTest {
    private final List<ConfiguredValue> values = new ArrayList<>();
    private final List<Diagnostic> diagnostics = new ArrayList<>();

    private void parse(String text) throws IOException {
        ModprobeConfParser.parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "t.conf", values, diagnostics);
    }

    @Test
    void optionsWithContinuationCommentsAndBothSpellings() throws IOException {
        parse("# comment\n"
            + "options nvidia_uvm uvm_disable_hmm=1 \\\n"
            + "   uvm_perf_prefetch_enable=0\n"
            + "\n"
            + "options nvidia-uvm uvm-perf-thrashing-enable=0\n"
            + "options nvidia NVreg_PreserveVideoMemoryAllocations=1\n");
        assertThat(values).containsExactly(
            new ConfiguredValue("nvidia_uvm", "uvm_disable_hmm", "1", "t.conf", 2),
            new ConfiguredValue("nvidia_uvm", "uvm_perf_prefetch_enable", "0", "t.conf", 2),
            new ConfiguredValue("nvidia_uvm", "uvm_perf_thrashing_enable", "0", "t.conf", 5),
            new ConfiguredValue("nvidia", "NVreg_PreserveVideoMemoryAllocations", "1", "t.conf", 6));
        assertThat(diagnostics).isEmpty();
    }

    @Test
    void quotedValuesAndBareBooleans() throws IOException {
        parse("options nvidia NVreg_RegistryDwords=\"RMUseSwI2c=0x01; RMI2cSpeed=100\" uvm_flag\n");
        assertThat(values).extracting(ConfiguredValue::name, ConfiguredValue::value).containsExactly(
            org.assertj.core.groups.Tuple.tuple("NVreg_RegistryDwords", "RMUseSwI2c=0x01; RMI2cSpeed=100"),
            org.assertj.core.groups.Tuple.tuple("uvm_flag", null));
    }

    @Test
    void brokenLinesAreDiagnosticsAndTheRestIsRead() throws IOException {
        parse("optoins nvidia_uvm uvm_disable_hmm=1\noptions\noptions nvidia_uvm x=\"open\nblacklist nouveau\noptions nvidia_uvm y=2\n");
        assertThat(diagnostics).extracting(Diagnostic::toString).containsExactly(
            "t.conf:1: unknown command 'optoins' (modprobe ignores this line)",
            "t.conf:2: 'options' without a module name",
            "t.conf:3: unterminated quote in the options of nvidia_uvm");
        assertThat(values).extracting(ConfiguredValue::name).containsExactly("y");
    }

    @Test
    void realNixosFileReadsCleanlyExceptThePostersPrompt() throws IOException {
        try (InputStream in = Files.newInputStream(Golden.resource("corpus/params/004-modprobe-d-nixos-softdep-uvm.txt"))) {
            ModprobeConfParser.parse(in, "nixos.conf", values, diagnostics);
        }
        assertThat(values).isEmpty();
        assertThat(diagnostics).extracting(Diagnostic::toString)
            .containsExactly("nixos.conf:1: unknown command '❯' (modprobe ignores this line)");
    }

    @Test
    void aFileEndingInABackslashKeepsItsLastLine() throws IOException {
        parse("options nvidia_uvm a=1 \\");
        assertThat(values).extracting(ConfiguredValue::name).containsExactly("a");
    }
}
