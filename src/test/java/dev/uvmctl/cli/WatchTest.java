package dev.uvmctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uvmctl.source.DirectorySysRoot;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.jline.terminal.Size;
import org.jline.terminal.impl.ExternalTerminal;
import org.junit.jupiter.api.Test;

class WatchTest {
    private static final Path HOST = Path.of(VaSpacesCommandTest.HOST).toAbsolutePath();

    /**
     * Runs {@code uvmctl ARGS} on an xterm of 140 × 45 that a user types {@code keys} into and never
     * closes; returns the exit code, the screen bytes and standard error.
     */
    private static String[] watch(String keys, String... args) {
        return watch(new Size(140, 45), keys, args);
    }

    private static String[] watch(Size size, String keys, String... args) {
        PipedOutputStream typing = new PipedOutputStream();
        PipedInputStream keyboard;
        try {
            keyboard = new PipedInputStream(typing);
            typing.write(keys.getBytes(StandardCharsets.UTF_8));
            typing.flush();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        CliContext context = CliContext.builder(new PrintWriter(new StringWriter()), new PrintWriter(err), InputStream.nullInputStream())
            .env(Map.of("NO_COLOR", "1"))
            .terminal(new TerminalInfo(true, true, () -> 140))
            .rootOpener(DirectorySysRoot::new)
            .commandRunner(new CaptureCommandTest.FixtureCommands(HOST))
            .clock(Clock.fixed(Instant.parse("2026-11-27T12:00:00Z"), ZoneOffset.UTC))
            .terminalOpener(() -> {
                ExternalTerminal t = new ExternalTerminal("test", "xterm-256color", keyboard, screen, StandardCharsets.UTF_8);
                t.setSize(size);
                return t;
            })
            .build();
        int code = CommandLineFactory.create(context).execute(args);
        return new String[] {String.valueOf(code), screen.toString(StandardCharsets.UTF_8), err.toString()};
    }

    private static String plain(String ansi) {
        return ansi.replaceAll("\u001b\\[[0-9;?]*[A-Za-z]", "").replaceAll("\u001b[()][0-9A-Z]", "");
    }

    @Test
    void drawsTheGpusTheHoldersAndWhatIsNotReleasedThenRestoresTheTerminal() {
        String[] r = watch("rq", "watch", "--root", HOST.toString(), "--interval", "60s");
        assertThat(r[0]).as(r[2]).isEqualTo("0");
        String screen = plain(r[1]);
        assertThat(screen).contains("uvmctl watch · the system root " + HOST)
            .contains("every 60s · q quits, r refreshes")
            .contains("Holders (10)")
            .contains("zombie")
            .contains("uvm_va_space_destroy")
            .contains("Findings and notes (6)")
            .containsPattern("new +held +held-[0-9a-f]{16}")
            .containsPattern("new +stuck +stuck-[0-9a-f]{16} +0s +3100 \\(python\\) is blocked in the driver's teardown")
            .containsPattern("new +unattributed +unattributed-[0-9a-f]{16} +0s +10.0 GiB of GPU 0000:86:00.0");
        assertThat(r[1]).as("alternate screen entered, cursor hidden").contains("\u001b[?1049h\u001b[?25l")
            .as("cursor shown again (xterm's cvvis), alternate screen left").endsWith("\u001b[?12;25h\u001b[?1049l");
        assertThat(r[1].indexOf("\u001b[?1049h")).isLessThan(r[1].indexOf("Holders"));
    }

    /** A terminal that reports no size (0 × 0: a serial console, some CI runners) is drawn on as 80 × 24. */
    @Test
    void aTerminalOfNoSizeIsDrawnOnAsEightyByTwentyFour() {
        String[] r = watch(new Size(0, 0), "q", "watch", "--root", HOST.toString(), "--interval", "60s");
        assertThat(r[0]).as(r[2]).isEqualTo("0");
        String screen = plain(r[1]);
        assertThat(screen).as(screen).contains("uvmctl watch · the system root").contains("Findings and notes (6)");
        // JLine draws by moving the cursor, not by lines: the title shows the width, what was left out the height.
        assertThat(screen).as(screen).containsPattern("uvmctl watch · the system root [^…]{48}…! no kernel log")
            .contains("… 6 more holders (a taller terminal shows them)");
    }

    @Test
    void refusesWithoutATerminalAndSaysWhatToRunInstead() {
        CliRun.Result r = new CliRun().run("watch", "--root", HOST.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).isEqualTo("uvmctl: watch needs a terminal; in a script or a pipe, use "
            + "'while sleep 5; do uvmctl leaks -o ndjson; done'\n");
    }

    @Test
    void anIntervalUnderHalfASecondIsAUsageError() {
        String[] r = watch("q", "watch", "--root", HOST.toString(), "--interval", "100ms");
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[2]).contains("--interval 100ms: at least 0.5s");
    }
}
