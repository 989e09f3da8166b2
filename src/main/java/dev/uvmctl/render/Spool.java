package dev.uvmctl.render;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Rendered output, as UTF-8, held back until it is known whether it will be printed (the records
 * of a boot that may turn out not to be the last). Up to {@value #IN_MEMORY} bytes stay in memory;
 * beyond that they go to a temporary file, so that memory does not grow with the log. Bytes, not
 * characters: the held text then reaches standard output without being decoded and encoded again.
 */
final class Spool extends OutputStream {
    static final int IN_MEMORY = 8 << 20;
    /** Ends one record for {@link #drainRecords}: JSON text never holds a raw NUL. */
    static final byte END_OF_RECORD = 0;

    private final ByteArrayOutputStream memory = new ByteArrayOutputStream();
    private Path file;
    private OutputStream spilled;

    @Override
    public void write(byte[] b, int off, int len) {
        try {
            if (file == null && memory.size() + len <= IN_MEMORY) {
                memory.write(b, off, len);
                return;
            }
            if (file == null) {
                file = Files.createTempFile("uvmctl-dmesg-", ".spool");
                file.toFile().deleteOnExit();
                spilled = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
            }
            spilled.write(b, off, len);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the temporary file for held-back records", e);
        }
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    void write(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        write(b, 0, b.length);
    }

    /** Copies everything held to {@code out}, then forgets it. */
    void drainTo(OutputWriter out) {
        try (InputStream held = held()) {
            out.transferUtf8(held);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the temporary file for held-back records", e);
        }
        clear();
    }

    /** Hands each record (text up to {@link #END_OF_RECORD}) to {@code sink}, then forgets them. */
    void drainRecords(Consumer<String> sink) {
        ByteArrayOutputStream record = new ByteArrayOutputStream();
        byte[] chunk = new byte[1 << 16];
        try (InputStream held = held()) {
            for (int n = held.read(chunk); n >= 0; n = held.read(chunk)) {
                int start = 0;
                for (int i = 0; i < n; i++) {
                    if (chunk[i] == END_OF_RECORD) {
                        record.write(chunk, start, i - start);
                        sink.accept(record.toString(StandardCharsets.UTF_8));
                        record.reset();
                        start = i + 1;
                    }
                }
                record.write(chunk, start, n - start);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the temporary file for held-back records", e);
        }
        clear();
    }

    /** Everything held, in order: the bytes in memory, then the file's. */
    private InputStream held() throws IOException {
        InputStream inMemory = new ByteArrayInputStream(memory.toByteArray());
        if (file == null) {
            return inMemory;
        }
        spilled.close();
        return new SequenceInputStream(inMemory, Files.newInputStream(file));
    }

    void clear() {
        memory.reset();
        if (file != null) {
            try {
                spilled.close();
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove the temporary file for held-back records", e);
            }
            file = null;
            spilled = null;
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        clear();
    }
}
