package dev.uvmctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uvmctl.source.DirectorySysRoot;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jline.terminal.Size;
import org.jline.terminal.impl.ExternalTerminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code watch --trace} end to end: the probe set 'trace start' left on a plain-directory root (TraceCommandTest.machine), its
 * instance's trace_pipe a FIFO that gives recorded lines, read by the watch's own reader thread into its model while the screen refreshes
 * every half second; a user who types {@code q} once the trace's item is on the screen. The pipe stays open, as the kernel's does,
 * so what is shown is the live view, not the judgement at the trace's end. What reaches the screen is what the
 * trace's model and reader say (TraceModel, WatchSampler), not a test double's.
 */
class WatchTraceTest {
    private static final String T = "sys/kernel/tracing";

    /** The plain text of the screen once {@code expected} was drawn on it (or 20 s passed), and the run's exit code and errors. */
    private static String[] watchUntil(Path root, String fixture, String expected) throws IOException {
        assertThat(new CliRun().run("--root", root.toString(), "trace", "start").exitCode()).isZero();
        // trace_pipe as the kernel's is: a pipe that blocks once it has given what was traced, until the run ends.
        try (FakeTracePipe kernel = FakeTracePipe.open(root.resolve(T + "/instances/uvmctl/trace_pipe"), FakeTracePipe.events(fixture),
            out -> { })) {
            return screenOnceShown(root, expected);
        }
    }

    private static String[] screenOnceShown(Path root, String expected) throws IOException {
        CountDownLatch done = new CountDownLatch(1);
        PipedOutputStream typing = new PipedOutputStream();
        PipedInputStream keyboard = new PipedInputStream(typing);
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        CliContext context = CliContext.builder(new PrintWriter(new StringWriter()), new PrintWriter(err), InputStream.nullInputStream())
            .env(Map.of("NO_COLOR", "1"))
            .terminal(new TerminalInfo(true, true, () -> 200))
            .rootOpener(DirectorySysRoot::new)
            .commandRunner(new CaptureCommandTest.FixtureCommands(root))
            .clock(Clock.systemUTC())
            .terminalOpener(() -> {
                ExternalTerminal t = new ExternalTerminal("test", "xterm-256color", keyboard, screen, StandardCharsets.UTF_8);
                t.setSize(new Size(200, 60));
                return t;
            })
            .build();
        Thread user = new Thread(() -> {
            long give = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!plain(screen.toString(StandardCharsets.UTF_8)).contains(expected) && System.nanoTime() < give) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
            try {
                typing.write('q');
                typing.flush();
                // A pipe whose writer thread has ended reads as broken ("Write end dead"): the user stays until the watch ends.
                done.await();
            } catch (IOException | InterruptedException e) {
                // the watch is gone already
            }
        }, "user");
        user.setDaemon(true);
        user.start();
        int code;
        try {
            code = CommandLineFactory.create(context).execute("--root", root.toString(), "watch", "--trace", "--interval", "0.5s");
        } finally {
            done.countDown();
        }
        // Runs of spaces as one: the columns' padding, and where a long line wraps into its column.
        return new String[] {String.valueOf(code), plain(screen.toString(StandardCharsets.UTF_8)).replaceAll(" +", " "), err.toString()};
    }

    private static String plain(String ansi) {
        return ansi.replaceAll("\u001b\\[[0-9;?]*[A-Za-z]", "").replaceAll("\u001b[()][0-9A-Z]", "");
    }

    /** A va_space the trace saw made, filled, forked and its owner OOM-killed, still held by the fork: the trace's own finding. */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void theTracesFindingsReachTheScreenAsTheReaderReplaysThem(@TempDir Path tmp) throws IOException {
        Path root = TraceCommandTest.machine(tmp.resolve("root"));
        String[] r = watchUntil(root, "oom-worker-holds.trace", "trace: The va_space 0xffff8f01c2a40000");
        assertThat(r[0]).as(r[2]).isEqualTo("0");
        assertThat(r[1]).as(r[1]).containsPattern("held trace held-[0-9a-f]{16} [0-9]+s trace: The va_space 0xffff8f01c2a40000 \\(no ranges "
            + "left\\) is still live: its owner 4242 \\(python\\) was killed by the OOM killer, but 4301 \\(python\\) still holds the va_space\\.");
        assertThat(Files.readString(root.resolve(T + "/kprobe_events"))).as("the set 'trace start' made is left to 'trace stop'")
            .contains("uvmctl/uvm_migrate");
    }

    /**
     * 6100's uvm_va_space_destroy entered at 10100.0004 and not returned 139.9998 s later, at 6200's exit (10240.0002), the first line
     * past the hung-task timeout: a teardown that hangs, shown as it hangs, before any end judges it.
     */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aTeardownThatHangsIsShownBeforeTheRunEnds(@TempDir Path tmp) throws IOException {
        Path root = TraceCommandTest.machine(tmp.resolve("root"));
        String[] r = watchUntil(root, "teardown-hangs.trace", "trace: thread 6100");
        assertThat(r[0]).as(r[2] + r[1]).isEqualTo("0");
        assertThat(r[1]).as(r[1]).containsPattern("stuck trace teardown 6100 [0-9]+s trace: thread 6100 \\(python\\) of process 6100 "
            + "entered uvm_va_space_destroy of va_space 0xffff9a2b41c00000 at \\[10100.000400\\] and had not returned 2m19s later, at "
            + "\\[10240.000200\\]: blocked in the driver's teardown, as a hung-task warning would say, unless it returns \\('uvmctl leaks "
            + "--trace' judges it when it ends\\)")
            .as("a teardown that returned is not shown").doesNotContain("thread 6200");
    }
}
