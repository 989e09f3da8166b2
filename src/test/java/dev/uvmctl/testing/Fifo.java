package dev.uvmctl.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A named pipe that a thread fills once with {@code content}: an input as a FIFO or
 * {@code <(journalctl -k)} (/dev/fd/63) gives it, which can be read only once and not seeked.
 */
public final class Fifo {
    private Fifo() {
    }

    public static Path of(Path dir, String name, byte[] content) throws IOException, InterruptedException {
        Path fifo = dir.resolve(name);
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        if (mk.waitFor() != 0) {
            throw new IOException("mkfifo " + fifo + " failed");
        }
        Thread writer = new Thread(() -> {
            // Opening for writing blocks until the reader opens it.
            try (OutputStream out = Files.newOutputStream(fifo)) {
                out.write(content);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, "fifo-writer");
        writer.setDaemon(true);
        writer.start();
        return fifo;
    }
}
