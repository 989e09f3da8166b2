package dev.uvmctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uvmctl.testing.Golden;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShellTest {
    private static final String CHANGED = Golden.resource("roots/params-changed-535").toString();

    /** Runs {@code uvmctl ARGS} with a dumb terminal fed {@code script}; returns what the terminal showed. */
    static String shell(String script, Path tmp, String... args) {
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        CliContext context = CliContext.builder(new PrintWriter(new StringWriter()), new PrintWriter(err), java.io.InputStream.nullInputStream())
            .env(Map.of("NO_COLOR", "1", "XDG_STATE_HOME", tmp.toString()))
            .terminalOpener(() -> new DumbTerminal("test", Terminal.TYPE_DUMB,
                new ByteArrayInputStream(script.getBytes(StandardCharsets.UTF_8)), screen, StandardCharsets.UTF_8))
            .build();
        int code = CommandLineFactory.create(context).execute(args);
        assertThat(code).as(err.toString()).isZero();
        return screen.toString(StandardCharsets.UTF_8);
    }

    /**
     * The real opener, where standard input is no terminal (this test's, a pipe: echo | uvmctl
     * shell): a dumb terminal, and no WARNING of JLine's own on standard error (it logs through
     * java.util.logging unless asked for a dumb terminal).
     */
    @Test
    void theRealOpenerFallsBackToADumbTerminalWithoutJLinesWarning() throws IOException {
        java.util.logging.Logger jline = java.util.logging.Logger.getLogger("org.jline");
        java.util.List<java.util.logging.LogRecord> logged = new java.util.ArrayList<>();
        java.util.logging.Handler handler = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord r) {
                logged.add(r);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        jline.addHandler(handler);
        try {
            CliContext context = CliContext.builder(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
                java.io.InputStream.nullInputStream()).build();
            try (Terminal terminal = context.terminalOpener().open()) {
                assertThat(terminal.getType()).startsWith("dumb");
            }
        } finally {
            jline.removeHandler(handler);
        }
        assertThat(logged).extracting(java.util.logging.LogRecord::getMessage).noneMatch(m -> m.contains("Unable to create a system terminal"));
    }

    @Test
    void runsCommandsAgainstTheRootChosenOnceAndShowsFailures(@TempDir Path tmp) throws IOException {
        String screen = shell("params --changed\nparams explain uvm_leak_checker\nparams --bogus\nshell\nexit\n",
            tmp, "shell", "--root", CHANGED);
        assertThat(screen).contains("uvmctl shell: any uvmctl command")
            .contains("uvm_perf_thrashing_enable  0      1        yes")
            .contains("uvm_leak_checker  (int, mode 0444: set at load time only)")
            .contains("uvmctl: Unknown option: '--bogus'")
            .contains("[exit 2]")
            .contains("uvmctl: already in the shell");
        assertThat(Files.readString(tmp.resolve("uvmctl/history"))).contains("params --changed").contains("params --bogus");
    }

    @Test
    void anOptionGivenToOneCommandDoesNotStickToTheNext(@TempDir Path tmp) {
        String screen = shell("params --root /nonexistent\nparams --changed -q\nparams --changed\n", tmp, "shell", "--root", CHANGED);
        assertThat(screen).contains("--root /nonexistent: not a directory")
            .contains("uvm_disable_hmm            Y      N        yes");
        assertThat(screen.split("uvm_disable_hmm            Y", -1)).as("-q hides the first --changed table only").hasSize(2);
    }

    @Test
    void endOfInputEndsTheShell(@TempDir Path tmp) {
        assertThat(shell("", tmp, "shell", "--root", CHANGED)).contains("uvmctl shell:");
    }
}
