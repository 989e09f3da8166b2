package dev.uvmctl.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What dev/capture-real.sh brought back from a machine with an NVIDIA GPU, when it is in
 * src/test/resources/real/: the real driver's trace reads without a line uvmctl cannot place, the
 * program's va_space and its forked child are in it, and the probes were all removed. Skipped when
 * no capture has been committed.
 */
class RealCaptureTest {
    private static final Path REAL = Path.of("src/test/resources/real");

    @Test
    void theRealDriversTraceReadsAndShowsTheProgram() throws IOException {
        Path trace = REAL.resolve("uvm.trace");
        assumeTrue(Files.isRegularFile(trace), "no real capture committed (dev/capture-real.sh)");
        CliRun.Result r = new CliRun().run("events", trace.toString(), "-o", "json");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).doesNotContain("not a line of ftrace text").doesNotContain("garbled");
        Path mm = REAL.resolve("mm.out");
        if (Files.isRegularFile(mm)) {
            Matcher m = Pattern.compile("parent (\\d+) child (\\d+)").matcher(Files.readString(mm));
            if (m.find()) {
                assertThat(r.out()).contains("\"pid\" : " + m.group(1));
                assertThat(r.out()).contains("\"inherited_from\" : " + m.group(1));
            }
        }
        CliRun.Result leaks = new CliRun().run("leaks", trace.toString());
        assertThat(leaks.exitCode()).as(leaks.toString()).isBetween(0, 1);
        Path after = REAL.resolve("trace-status-after.txt");
        if (Files.isRegularFile(after)) {
            assertThat(Files.readString(after)).startsWith("No probes of uvmctl's are installed");
        }
    }
}
