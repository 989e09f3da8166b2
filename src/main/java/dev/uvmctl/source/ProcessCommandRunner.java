package dev.uvmctl.source;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs commands found on the PATH as child processes. Output is read by daemon threads so that
 * a child stuck in the kernel (uninterruptible, unkillable) cannot hold uvmctl past the timeout.
 */
public final class ProcessCommandRunner implements CommandRunner {
    private static final int MAX_OUTPUT = 16 << 20;

    private final String path;

    /** {@code path} is the PATH variable of uvmctl's environment. */
    public ProcessCommandRunner(String path) {
        this.path = path == null ? "" : path;
    }

    @Override
    public boolean available(String program) {
        return find(program) != null;
    }

    private Path find(String program) {
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Path.of(dir, program);
            if (Files.isExecutable(p) && !Files.isDirectory(p)) {
                return p;
            }
        }
        return null;
    }

    @Override
    public Result run(List<String> command, Duration timeout) throws IOException {
        Path program = find(command.get(0));
        if (program == null) {
            throw new IOException(command.get(0) + ": not found on the PATH");
        }
        List<String> resolved = new ArrayList<>(command);
        resolved.set(0, program.toString());
        ProcessBuilder pb = new ProcessBuilder(resolved);
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Process p = pb.start();
        Drain out = Drain.start(p.getInputStream());
        Drain err = Drain.start(p.getErrorStream());
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                return new Result(null, out.bytes(), err.text());
            }
            out.thread.join(timeout.toMillis());
            err.thread.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            return new Result(null, out.bytes(), err.text());
        }
        return new Result(p.exitValue(), out.bytes(), err.text());
    }

    /** Collects a stream on a daemon thread, up to {@link #MAX_OUTPUT} bytes. */
    private static final class Drain implements Runnable {
        private final InputStream in;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        private Thread thread;

        private Drain(InputStream in) {
            this.in = in;
        }

        static Drain start(InputStream in) {
            Drain d = new Drain(in);
            d.thread = new Thread(d, "uvmctl-command-output");
            d.thread.setDaemon(true);
            d.thread.start();
            return d;
        }

        @Override
        public void run() {
            byte[] chunk = new byte[8192];
            try (in) {
                int n;
                while ((n = in.read(chunk)) > 0) {
                    synchronized (buffer) {
                        if (buffer.size() < MAX_OUTPUT) {
                            buffer.write(chunk, 0, n);
                        }
                    }
                }
            } catch (IOException e) {
                // The child was killed or closed its end: what was read so far is the output.
                return;
            }
        }

        byte[] bytes() {
            synchronized (buffer) {
                return buffer.toByteArray();
            }
        }

        String text() {
            return new String(bytes(), StandardCharsets.UTF_8);
        }
    }
}
