package dev.uvmctl.source;

import java.io.BufferedInputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
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
        return text(raw, path == null ? "-" : argument);
    }

    /**
     * The text of a file read from {@code raw}, as every reader of a file reads it: gzip
     * decompressed; a format no reader reads ({@link #unreadFormat}) an {@link IOException} that
     * says what it is and what to run; a byte-order mark dropped; UTF-16 given as UTF-8. For an
     * input given by name and for a file a root keeps (a bundle's {@code dmesg.txt}) alike.
     */
    public static InputStream text(InputStream raw, String name) throws IOException {
        return textOf(decompressIfGzip(raw), name);
    }

    /** The longest magic {@link #unreadFormat} compares. */
    private static final int MAGIC = 10;

    /**
     * What a file starting with {@code head} is when no reader reads it, with what to run, or null:
     * compressors other than gzip (xz, zstd, bzip2, lz4 frame magic numbers), a systemd journal
     * file ({@code LPKSHHRH}, systemd's journal-def.h), trace-cmd's binary {@code trace.dat}
     * ({@code 0x17 0x08 0x44 "tracing"}, trace-cmd's trace-output.c) and a zip archive.
     */
    static String unreadFormat(byte[] head, String name) {
        String file = name.equals("-") ? "FILE" : name;
        String compressed = starts(head, 0xfd, '7', 'z', 'X', 'Z', 0) ? "xz"
            : starts(head, 0x28, 0xb5, 0x2f, 0xfd) ? "zstd"
            : starts(head, 'B', 'Z', 'h') && head.length > 3 && head[3] >= '1' && head[3] <= '9' ? "bzip2"
            : starts(head, 0x04, 0x22, 0x4d, 0x18) ? "lz4" : null;
        if (compressed != null) {
            return "is " + compressed + "-compressed, which uvmctl does not read (it reads gzip): give it decompressed, "
                + compressed + " -dc " + file + " | uvmctl COMMAND -";
        }
        if (starts(head, 'L', 'P', 'K', 'S', 'H', 'H', 'R', 'H')) {
            return "is a systemd journal file, which uvmctl does not read: give it its kernel messages, journalctl --file " + file
                + " -k -o json | uvmctl COMMAND -";
        }
        if (starts(head, 0x17, 0x08, 0x44, 't', 'r', 'a', 'c', 'i', 'n', 'g')) {
            return "is a trace-cmd data file, which uvmctl does not read: give it as text, trace-cmd report -i " + file
                + " | uvmctl COMMAND -";
        }
        if (starts(head, 'P', 'K', 3, 4)) {
            return "is a zip archive, which uvmctl does not read: unzip it and give it the files (a capture bundle is a directory or a "
                + ".tar.gz)";
        }
        return null;
    }

    private static boolean starts(byte[] head, int... magic) {
        if (head.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((head[i] & 0xff) != magic[i]) {
                return false;
            }
        }
        return true;
    }

    /** The UTF-8 encoding of U+FEFF, the byte-order mark. */
    private static final byte[] BOM = {(byte) 0xef, (byte) 0xbb, (byte) 0xbf};

    /** Bytes a text starts with that are no part of it: the length of a UTF-8 byte-order mark at {@code head}'s start, else 0. */
    static int byteOrderMark(byte[] head, int length) {
        return length >= BOM.length && head[0] == BOM[0] && head[1] == BOM[1] && head[2] == BOM[2] ? BOM.length : 0;
    }

    /** Whether a text starts with a UTF-16 byte-order mark, little- or big-endian: what it is read as, or null. */
    static Charset utf16(byte[] head, int length) {
        if (length < 2) {
            return null;
        }
        int b0 = head[0] & 0xff;
        int b1 = head[1] & 0xff;
        return b0 == 0xff && b1 == 0xfe ? StandardCharsets.UTF_16LE : b0 == 0xfe && b1 == 0xff ? StandardCharsets.UTF_16BE : null;
    }

    /**
     * The text of {@code in}, known by its first bytes, looked at once: a format no reader reads
     * ({@link #unreadFormat}) is an {@link IOException} that says what it is and what to run,
     * instead of every line of it being garbled text; a byte-order mark at the start is dropped,
     * and a UTF-16 text (Windows PowerShell 5.1 writes {@code >} and {@code Out-File} in UTF-16LE
     * with its mark) is given as UTF-8, the encoding every reader reads.
     */
    private static InputStream textOf(InputStream in, String name) throws IOException {
        InputStream marked = in.markSupported() ? in : new BufferedInputStream(in, 64 * 1024);
        marked.mark(MAGIC);
        byte[] head = marked.readNBytes(MAGIC);
        marked.reset();
        String what = unreadFormat(head, name);
        if (what != null) {
            marked.close();
            throw new IOException(what);
        }
        Charset wide = utf16(head, head.length);
        if (wide != null) {
            marked.skipNBytes(2);
            return new Utf8Of(new InputStreamReader(marked, wide));
        }
        marked.skipNBytes(byteOrderMark(head, head.length));
        return marked;
    }

    /** The text a reader reads, as UTF-8 bytes (an unpaired surrogate as '?'). */
    private static final class Utf8Of extends InputStream {
        private final Reader reader;
        private final CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
            .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
        private final CharBuffer chars = CharBuffer.allocate(8192).flip();
        private final ByteBuffer bytes = ByteBuffer.allocate(3 * 8192 + 16).flip();
        private boolean end;

        Utf8Of(Reader reader) {
            this.reader = reader;
        }

        @Override
        public int read() throws IOException {
            return fill() ? bytes.get() & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int n = Math.min(len, bytes.remaining());
            bytes.get(b, off, n);
            return n;
        }

        @Override
        public int available() throws IOException {
            return bytes.hasRemaining() ? bytes.remaining() : reader.ready() ? 1 : 0;
        }

        /** Bytes left to give, encoding more when none are; false at the end. */
        private boolean fill() throws IOException {
            while (!bytes.hasRemaining()) {
                if (end) {
                    return false;
                }
                chars.compact();
                end = reader.read(chars) < 0;
                chars.flip();
                bytes.clear();
                // Not at the end, a high surrogate last in the buffer stays there for its low half.
                encoder.encode(chars, bytes, end);
                if (end) {
                    encoder.flush(bytes);
                }
                bytes.flip();
            }
            return true;
        }

        @Override
        public void close() throws IOException {
            reader.close();
        }
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
