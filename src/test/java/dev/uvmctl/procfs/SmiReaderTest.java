package dev.uvmctl.procfs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uvmctl.shared.Diagnostic;
import dev.uvmctl.shared.PciAddress;
import dev.uvmctl.source.CommandRunner;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SmiReaderTest {
    /** An nvidia-smi that ends every command with {@code exit} and writes {@code stdout}, {@code stderr}. */
    private static CommandRunner smi(int exit, String stdout, String stderr) {
        return new CommandRunner() {
            @Override
            public boolean available(String program) {
                return program.equals(SmiCommands.PROGRAM);
            }

            @Override
            public Result run(List<String> command, Duration timeout) {
                return new Result(exit, stdout.getBytes(StandardCharsets.UTF_8), stderr);
            }
        };
    }

    @Test
    void aLiveNvidiaSmiThatFailsOnAGpuItCannotReachIsStillRead() {
        List<String> notes = new ArrayList<>();
        String line = "Unable to determine the device handle for GPU0000:07:00.0: Unknown Error";
        SmiReader.Output out = SmiReader.runOne(smi(15, "", line + "\n"), SmiCommands.QUERY_GPU, notes, false);
        assertThat(out.exitStatus()).isEqualTo(15);
        assertThat(notes).containsExactly(String.join(" ", SmiCommands.QUERY_GPU) + ": exit status 15: " + line);
        List<Diagnostic> diagnostics = new ArrayList<>();
        assertThat(SmiReader.parseOne(out.text(), out.input(), diagnostics).unreachable()).extracting(SmiSnapshot.Unreachable::bus)
            .containsExactly(PciAddress.parse("0000:07:00.0").orElseThrow());
        assertThat(diagnostics).isEmpty();
    }

    @Test
    void aLiveNvidiaSmiThatFailsForAnythingElseGivesNoOutputAndANote() {
        List<String> notes = new ArrayList<>();
        String line = "Failed to initialize NVML: Driver/library version mismatch";
        assertThat(SmiReader.runOne(smi(18, line + "\n", ""), SmiCommands.QUERY_APPS, notes, false)).isNull();
        assertThat(notes).containsExactly(String.join(" ", SmiCommands.QUERY_APPS) + ": exit status 18: " + line);
        assertThat(SmiReader.runOne(smi(0, "index, uuid\n", ""), SmiCommands.QUERY_GPU, notes, false).exitStatus()).isZero();
    }
}
