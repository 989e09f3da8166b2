package dev.uvmctl.render;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.io.ByteArrayOutputStream;

/**
 * A directory of node_exporter's textfile collector: {@code uvmctl leaks --textfile DIR} writes its
 * metrics to {@value #METRICS} there, and keeps the Xid counts it has counted (and the last Xid
 * counted per boot) in {@value #STATE}, so that its counters never fall between runs. Each file
 * is written to a temporary file in the same directory whose name does not end in {@code .prom}
 * (the collector reads only {@code *.prom}), then renamed over the old one: a scrape sees the old
 * file or the new one, never half of one. Runs that overlap take turns through a lock file.
 */
public final class Textfile {
    public static final String METRICS = "uvmctl.prom";
    public static final String STATE = "uvmctl-xids.json";
    static final String LOCK = ".uvmctl.lock";

    private final Path dir;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private Textfile(Path dir, FileChannel lockChannel, FileLock lock) {
        this.dir = dir;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /** Takes the directory's lock (waiting for a run that holds it); {@link #close} lets it go. */
    public static Textfile open(Path dir) throws IOException {
        FileChannel ch = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            return new Textfile(dir, ch, ch.lock());
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** The Xid counts kept by the last run, or a new counter when there are none. */
    public XidCounter state() throws IOException, XidCounter.BadStateException {
        try (InputStream in = Files.newInputStream(dir.resolve(STATE))) {
            return XidCounter.read(in);
        } catch (NoSuchFileException e) {
            return new XidCounter();
        }
    }

    /** Writes the state, then the metrics, each atomically. */
    public void write(byte[] metrics, XidCounter state) throws IOException {
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        try (Writer w = new OutputStreamWriter(json, StandardCharsets.UTF_8)) {
            state.write(w);
        }
        replace(STATE, json.toByteArray());
        replace(METRICS, metrics);
    }

    private void replace(String name, byte[] content) throws IOException {
        Path tmp = Files.createTempFile(dir, "." + name + ".", ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer b = ByteBuffer.wrap(content);
                while (b.hasRemaining()) {
                    ch.write(b);
                }
                ch.force(true);
            }
            // node_exporter reads it as its own (non-root) user; a temporary file starts as 0600.
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
            Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Lets the directory's lock go. */
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            lockChannel.close();
        }
    }
}
