package dev.uvmctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class CdsTrainingTest {
    private static final Path ROOT = Path.of("examples/clean");

    @Test
    void trainsEveryCommandsHelpAndEveryFormatOfEveryCommandThatReadsARoot() {
        List<List<String>> runs = CdsTraining.runs(SampleCommands.tree().getCommandSpec(), ROOT);
        assertThat(runs).containsExactly(
            List.of("--version"),
            List.of("--help"),
            List.of("params", "--help"),
            List.of("params", "--root", "examples/clean", "-o", "table"),
            List.of("params", "--root", "examples/clean", "-o", "json"),
            List.of("params", "--root", "examples/clean", "-o", "ndjson"),
            List.of("params", "explain", "--help"),
            List.of("params", "check", "--help"),
            List.of("leaks", "--help"),
            List.of("leaks", "--root", "examples/clean", "-o", "table"),
            List.of("leaks", "--root", "examples/clean", "-o", "json"),
            List.of("leaks", "--root", "examples/clean", "-o", "ndjson"),
            List.of("leaks", "--root", "examples/clean", "-o", "prometheus"),
            List.of("leaks", "--root", "examples/clean", "-o", "openmetrics"),
            List.of("events", "--help"),
            List.of("events", "explain", "--help"));
    }

    @Test
    void withoutAnExampleRootOnlyHelpIsTrained() {
        assertThat(CdsTraining.runs(SampleCommands.tree().getCommandSpec(), null))
            .allMatch(run -> run.equals(List.of("--version")) || run.get(run.size() - 1).equals("--help"));
    }
}
