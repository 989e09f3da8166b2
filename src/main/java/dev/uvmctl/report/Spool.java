package dev.uvmctl.report;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Rendered output held back until it is known whether it will be printed (the records of a boot
 * that may turn out not to be the last). Up to {@value #IN_MEMORY} characters stay in memory;
 * beyond that they go to a temporary file, so that memory does not grow with the log.
 */
final class Spool extends Writer {
    static final int IN_MEMORY = 8 << 20;
    /** Ends one record for {@link #drainRecords}: JSON text never holds a raw NUL. */
    static final char END_OF_RECORD = '\u0000';

    private final StringBuilder memory = new StringBuilder();
    private Path file;
    private Writer spilled;

    @Override
    public void write(char[] cbuf, int off, int len) {
        try {
            if (file == null && memory.length() + len <= IN_MEMORY) {
                memory.append(cbuf, off, len);
                return;
            }
            if (file == null) {
                file = Files.createTempFile("uvmctl-dmesg-", ".spool");
                file.toFile().deleteOnExit();
                spilled = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16);
            }
            spilled.write(cbuf, off, len);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the temporary file for held-back records", e);
        }
    }

    @Override
    public void write(String s) {
        write(s.toCharArray(), 0, s.length());
    }

    @Override
    public void write(int c) {
        write(new char[] {(char) c}, 0, 1);
    }

    /** Copies everything held to {@code out}, then forgets it. */
    void drainTo(Writer out) {
        try {
            out.append(memory);
            if (file != null) {
                spilled.close();
                try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    in.transferTo(out);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the temporary file for held-back records", e);
        }
        clear();
    }

    /** Hands each record (text up to {@link #END_OF_RECORD}) to {@code sink}, then forgets them. */
    void drainRecords(Consumer<String> sink) {
        StringBuilder record = new StringBuilder();
        split(memory, record, sink);
        if (file != null) {
            try {
                spilled.close();
                try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    char[] chunk = new char[1 << 16];
                    for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
                        split(java.nio.CharBuffer.wrap(chunk, 0, n), record, sink);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the temporary file for held-back records", e);
            }
        }
        clear();
    }

    private static void split(CharSequence text, StringBuilder record, Consumer<String> sink) {
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == END_OF_RECORD) {
                record.append(text, start, i);
                sink.accept(record.toString());
                record.setLength(0);
                start = i + 1;
            }
        }
        record.append(text, start, text.length());
    }

    void clear() {
        memory.setLength(0);
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
