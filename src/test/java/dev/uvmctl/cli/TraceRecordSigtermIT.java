package dev.uvmctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code uvmctl trace record} from the packaged jar, in a process of its own, stopped with SIGTERM
 * while it reads a trace_pipe that never ends (a FIFO kept open, as the kernel's is): its cleanup
 * runs from the shutdown hook. It reads the set 'trace start' left on a stand-in root, so the
 * cleanup is to let go of it (the lock's reader line goes) and leave the probes in place; a record
 * with a set of its own removes that set by the same cleanup (TraceCommandTest).
 */
class TraceRecordSigtermIT {
    private static final Path JAR = Path.of(System.getProperty("uvmctl.jar", "target/uvmctl.jar"));
    private static final String MARK = "          uvmctl-7000    (   7000) [001] ..... 99999.000000: tracing_mark_write: ";

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void sigtermEndsARecordThroughItsCleanup(@TempDir Path tmp) throws Exception {
        Path root = TraceCommandTest.machine(tmp.resolve("root"));
        CliRun.Result start = new CliRun().run("--root", root.toString(), "trace", "start");
        assertThat(start.exitCode()).as(start.toString()).isZero();
        Path pipe = root.resolve("sys/kernel/tracing/instances/uvmctl/trace_pipe");
        assertThat(new ProcessBuilder("mkfifo", pipe.toString()).inheritIO().start().waitFor()).isZero();
        String lines = Files.readString(Path.of("src/test/resources/ftrace/oom-worker-holds.trace")).lines()
            .filter(l -> !l.startsWith("#")).reduce("", (a, b) -> a + b + "\n");
        CountDownLatch stop = new CountDownLatch(1);
        Path marker = root.resolve("sys/kernel/tracing/instances/uvmctl/trace_marker");
        Thread writer = new Thread(() -> {
            try (OutputStream out = Files.newOutputStream(pipe)) {
                // As the kernel does, each line written into the instance's trace_marker comes out of its trace_pipe: the run's
                // start first (written as it opens the pipe), then the probes' lines, then whatever is marked until the end.
                int echoed = echoMarks(marker, out, 0, 1);
                out.write(lines.getBytes(StandardCharsets.UTF_8));
                out.flush();
                while (!stop.await(20, TimeUnit.MILLISECONDS)) {
                    echoed = echoMarks(marker, out, echoed, 0);
                }
            } catch (IOException | InterruptedException e) {
                // the reader went away: its end is what the test checks
            }
        }, "trace-pipe-writer");
        writer.setDaemon(true);
        writer.start();

        Path saved = tmp.resolve("uvm.trace");
        Path err = tmp.resolve("stderr");
        Path lock = root.resolve("run/uvmctl/trace.lock");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-jar", JAR.toString(), "--root", root.toString(), "trace", "record", "--to",
            saved.toString()).redirectError(err.toFile()).redirectOutput(tmp.resolve("stdout").toFile()).start();
        try {
            String last = lines.lines().reduce((a, b) -> b).orElseThrow();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!(Files.exists(saved) && Files.readString(saved).contains(last)
                && Files.readString(lock).contains("reader=" + p.pid()))) {
                assertThat(p.isAlive()).as("stderr: %s", Files.exists(err) ? Files.readString(err) : "").isTrue();
                assertThat(System.nanoTime()).as("the record read the pipe within 60 s").isLessThan(deadline);
                Thread.sleep(50);
            }
            p.destroy(); // SIGTERM
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("ended within 30 s of SIGTERM").isTrue();
            assertThat(Files.readString(lock)).as("the reader let go").startsWith("owner=none\n").doesNotContain("reader=");
            assertThat(Files.readString(root.resolve("sys/kernel/tracing/kprobe_events"))).as("the set 'trace start' left stays")
                .contains("p:uvmctl/uvm_migrate ").doesNotContain("-:uvmctl/");
            assertThat(Files.readString(saved)).as("read on to the mark of its end")
                .endsWith(MARK + "uvmctl: start of the run\n" + lines + MARK + "uvmctl: end of the run\n");
        } finally {
            stop.countDown();
            p.destroyForcibly();
        }
    }

    /**
     * Writes into {@code out} each line of {@code marker} past the first {@code echoed}, once at least {@code atLeast} are
     * there (waiting for them): the number echoed so far.
     */
    private static int echoMarks(Path marker, OutputStream out, int echoed, int atLeast) throws IOException, InterruptedException {
        List<String> marks = Files.exists(marker) ? Files.readAllLines(marker) : List.of();
        while (marks.size() < atLeast) {
            Thread.sleep(20);
            marks = Files.exists(marker) ? Files.readAllLines(marker) : List.of();
        }
        for (String mark : marks.subList(echoed, marks.size())) {
            out.write((MARK + mark + "\n").getBytes(StandardCharsets.UTF_8));
        }
        out.flush();
        return marks.size();
    }
}
