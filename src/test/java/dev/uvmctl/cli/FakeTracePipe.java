package dev.uvmctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The instance's trace_pipe as the kernel's is, for a live run on a plain-directory root: a FIFO that gives the lines traced so
 * far, then blocks until the run ends. A thread stands in for the kernel: it writes {@code lines}, then runs {@code then} with the
 * pipe still open (more lines, the marks a run writes), then holds the pipe open until {@link #close}.
 */
final class FakeTracePipe implements AutoCloseable {
    /** What the kernel does while the pipe is open: lines written to {@code out} reach the reader. */
    interface Step {
        void run(OutputStream out) throws IOException, InterruptedException;
    }

    private final CountDownLatch done = new CountDownLatch(1);

    private FakeTracePipe(Path pipe, String lines, Step then) {
        Thread kernel = new Thread(() -> {
            try (OutputStream out = Files.newOutputStream(pipe)) {
                out.write(lines.getBytes(StandardCharsets.UTF_8));
                out.flush();
                then.run(out);
                out.flush();
                done.await();
            } catch (IOException | InterruptedException e) {
                // the reader went away
            }
        }, "kernel-trace-pipe");
        kernel.setDaemon(true);
        kernel.start();
    }

    /** Makes {@code pipe} (the instance's trace_pipe, which 'trace start' left a file) a FIFO, and starts writing into it. */
    static FakeTracePipe open(Path pipe, String lines, Step then) throws IOException {
        Files.deleteIfExists(pipe);
        try {
            assertThat(new ProcessBuilder("mkfifo", pipe.toString()).inheritIO().start().waitFor()).isZero();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("mkfifo interrupted", e);
        }
        return new FakeTracePipe(pipe, lines, then);
    }

    /** The event lines of a fixture under src/test/resources/ftrace (its # lines left out: a live run writes its own header). */
    static String events(String fixture) throws IOException {
        StringBuilder out = new StringBuilder();
        for (String l : Files.readAllLines(Path.of("src/test/resources/ftrace/" + fixture))) {
            if (!l.startsWith("#")) {
                out.append(l).append('\n');
            }
        }
        return out.toString();
    }

    /** The run has ended: the kernel's side lets the pipe go. */
    @Override
    public void close() {
        done.countDown();
    }
}
