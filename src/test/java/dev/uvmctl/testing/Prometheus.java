package dev.uvmctl.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

import dev.uvmctl.ProcessRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real Prometheus tools (Debian's package {@code prometheus}: {@code promtool} and the
 * server), which .ci/run installs. A test that needs them is skipped only when .ci/run said the
 * install failed ({@value #MISSING} set); otherwise a missing binary fails it.
 */
public final class Prometheus {
    /** Set by .ci/run, with the reason, when the package could not be installed. */
    public static final String MISSING = "UVMCTL_PROMETHEUS_MISSING";

    private Prometheus() {
    }

    /** The program's name to run, after checking it is there (or skipping, see above). */
    public static String binary(String name) {
        String missing = System.getenv(MISSING);
        if (missing != null) {
            abort(".ci/run could not install the Debian package prometheus (" + missing + "): no " + name);
        }
        if (!ProcessRunner.onPath(name)) {
            fail(name + " is not on the PATH: install the Debian package prometheus (apt-get install --no-install-recommends prometheus), "
                + "as .ci/run does");
        }
        return name;
    }

    /** Checks {@code text} with {@code promtool check metrics}: it must parse, and have no lint problem. */
    public static void checkMetrics(String text) {
        String promtool = binary("promtool");
        try {
            Path file = Files.createTempFile("uvmctl-metrics", ".prom");
            try {
                Files.writeString(file, text, StandardCharsets.UTF_8);
                ProcessRunner.Result r = ProcessRunner.withPathAndHome().stdin(file).run(promtool, "check", "metrics");
                assertThat(r.exitCode()).as(r + "\n--- metrics ---\n" + text).isZero();
                assertThat(r.out() + r.err()).as(r.toString()).isBlank();
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
