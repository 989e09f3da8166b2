package dev.uvmctl.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The real runner, on harmless commands of the test machine (never nvidia-smi). */
class ProcessCommandRunnerTest {
    private final ProcessCommandRunner runner = new ProcessCommandRunner(System.getenv("PATH"));

    @Test
    void runsAProgramFromThePathAndKeepsItsOutput() throws IOException {
        assertThat(runner.available("sh")).isTrue();
        CommandRunner.Result r = runner.run(List.of("sh", "-c", "echo out; echo err >&2; exit 3"), Duration.ofSeconds(10));
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(new String(r.stdout(), StandardCharsets.UTF_8)).isEqualTo("out\n");
        assertThat(r.stderr()).isEqualTo("err\n");
    }

    @Test
    void aCommandThatHangsIsAbandonedAtTheTimeout() throws IOException {
        long start = System.nanoTime();
        CommandRunner.Result r = runner.run(List.of("sleep", "30"), Duration.ofMillis(300));
        assertThat(r.timedOut()).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void aProgramNotOnThePath() {
        ProcessCommandRunner empty = new ProcessCommandRunner("/nonexistent");
        assertThat(empty.available("sh")).isFalse();
        assertThatThrownBy(() -> empty.run(List.of("sh"), Duration.ofSeconds(1))).isInstanceOf(IOException.class)
            .hasMessage("sh: not found on the PATH");
    }
}
