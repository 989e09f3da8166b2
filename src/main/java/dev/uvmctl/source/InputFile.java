package dev.uvmctl.source;

import java.io.BufferedInputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * A file named on the command line, or {@code -} for standard input. Gzip-compressed content
 * is recognised by its magic bytes and decompressed transparently, whatever the file is called,
 * and a UTF-8 byte-order mark at the start of the text (Windows editors, PowerShell's
 * {@code Out-File}) is dropped: every reader of a file input (kernel logs, traces, event NDJSON,
 * snapshot text, params) opens it here, so each reads its first line like the others.
 */
public final class InputFile {
    public static final String STDIN = "-";

    private final String argument;
    private final Path path;
    private final InputStream stdin;

    private InputFile(String argument, Path path, InputStream stdin) {
        this.argument = argument;
        this.path = path;
        this.stdin = stdin;
    }

    public static InputFile of(String argument, Path workingDirectory, InputStream stdin) {
        if (STDIN.equals(argument)) {
            return new InputFile(argument, null, stdin);
        }
        return new InputFile(argument, workingDirectory.resolve(argument), null);
    }

    /** The name used in diagnostics: the argument as the user typed it, or {@code <stdin>}. */
    public String name() {
        return path == null ? "<stdin>" : argument;
    }

    public boolean isStdin() {
        return path == null;
    }

    /** The file, or null for standard input. */
    public Path path() {
        return path;
    }

    public boolean isDirectory() {
        return path != null && Files.isDirectory(path);
    }

    /**
     * Standard input, or a file that is neither regular nor a directory (a FIFO, {@code <(journalctl -k)}
     * as /dev/fd/63, a device): read once, as it comes, never looked at twice or asked for its size.
     */
    public boolean isStream() {
        return path == null || !Files.isDirectory(path) && Files.exists(path) && !Files.isRegularFile(path);
    }

    public InputStream open() throws IOException {
        InputStream raw;
        if (path == null) {
            raw = new NonClosingInputStream(stdin);
        } else {
            if (Files.isDirectory(path)) {
                throw new IOException("is a directory, expected a file");
            }
            // A pipe (a FIFO, or <(journalctl -k) as /dev/fd/63): Files.newInputStream's available() seeks, which a
            // pipe refuses ('Illegal seek'); FileInputStream asks the pipe how much it holds.
            raw = isStream() ? new FileInputStream(path.toFile()) : Files.newInputStream(path);
        }
        return withoutByteOrderMark(decompressIfGzip(raw));
    }

    /** The UTF-8 encoding of U+FEFF, the byte-order mark. */
    private static final byte[] BOM = {(byte) 0xef, (byte) 0xbb, (byte) 0xbf};

    /** Bytes a text starts with that are no part of it: the length of a UTF-8 byte-order mark at {@code head}'s start, else 0. */
    static int byteOrderMark(byte[] head, int length) {
        return length >= BOM.length && head[0] == BOM[0] && head[1] == BOM[1] && head[2] == BOM[2] ? BOM.length : 0;
    }

    /** {@code in} (which supports mark) after a byte-order mark at its start, if it has one. */
    private static InputStream withoutByteOrderMark(InputStream in) throws IOException {
        InputStream marked = in.markSupported() ? in : new BufferedInputStream(in, 64 * 1024);
        marked.mark(BOM.length);
        byte[] head = marked.readNBytes(BOM.length);
        marked.reset();
        marked.skipNBytes(byteOrderMark(head, head.length));
        return marked;
    }

    static InputStream decompressIfGzip(InputStream raw) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, 64 * 1024);
        in.mark(2);
        int b1 = in.read();
        int b2 = in.read();
        in.reset();
        if (b1 == 0x1f && b2 == 0x8b) {
            return new GzipData(new GZIPInputStream(in, 64 * 1024), in);
        }
        return in;
    }

    /**
     * Gzip data that says more can be read only while compressed bytes are left to read.
     * GZIPInputStream says 1 until its end, so a BufferedInputStream above reads on in the same call
     * until a cut-off file throws, and the bytes that call read before the cut are lost with it. Once
     * the compressed input is all read (what the inflater holds still gives lines), this says 0, so
     * each call reads once and the call that meets the cut has read nothing yet: a reader keeps
     * every line before it (FailureAtEndInputStream). Before that it says what GZIPInputStream says,
     * so that a reader of a gzip piped to standard input pauses only where the pipe does, as it does
     * for any pipe, not at every read.
     */
    private static final class GzipData extends java.io.FilterInputStream {
        private final InputStream compressed;

        GzipData(InputStream gzip, InputStream compressed) {
            super(gzip);
            this.compressed = compressed;
        }

        @Override
        public int available() throws IOException {
            return compressed.available() > 0 ? super.available() : 0;
        }
    }

    /** Standard input belongs to the process; closing a reader over it must not close it. */
    private static final class NonClosingInputStream extends java.io.FilterInputStream {
        NonClosingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
        }
    }
}
