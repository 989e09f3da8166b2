package dev.uvmctl.source;

import dev.uvmctl.shared.Provenance;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The lines of a file on disk read again by where they start, for provenance that keeps no text
 * ({@link Provenance#at}): a reader of millions of lines keeps each line's offset and length in
 * one number ({@link #where}), and the few lines a report shows are read back, as
 * {@link LineReader} read them (up to the {@code \n}, without a trailing {@code \r}, UTF-8
 * decoded leniently). A line whose length is no longer the one read (the file was rewritten
 * since) is not shown as if it were: its text says so. Reads go through a window of the file,
 * so that reading many lines in order (every event's line, for {@code events -o ndjson}) costs
 * one read per window; the file is opened for each read and closed again, holding no descriptor.
 */
public final class FileLines implements Provenance.Lines {
    /** Offsets up to 2^43 (8 TiB) and lengths up to {@link LineReader#MAX_LINE} fit in one long. */
    private static final int OFFSET_BITS = 43;
    private static final long OFFSET_MASK = (1L << OFFSET_BITS) - 1;
    private static final int WINDOW = 64 * 1024;

    private final Path path;
    private final String name;
    /** Bytes of the file before the text {@link LineReader} read: a byte-order mark {@link InputFile#open} dropped. */
    private final int skipped;
    private byte[] window = new byte[0];
    private long windowStart;
    private int windowLength;

    private FileLines(Path path, String name, int skipped) {
        this.path = path;
        this.name = name;
        this.skipped = skipped;
    }

    /**
     * The lines of {@code file} read again, or null when they cannot be: standard input, a pipe
     * or device ({@code trace_pipe}), compressed content (offsets are of the decompressed bytes),
     * UTF-16 text (offsets are of its UTF-8).
     */
    public static FileLines of(InputFile file) {
        Path p = file.path();
        if (p == null || !Files.isRegularFile(p)) {
            return null;
        }
        int skipped;
        try (InputStream in = Files.newInputStream(p)) {
            byte[] magic = in.readNBytes(3);
            // Offsets are of the bytes read: decompressed, or UTF-16 read as UTF-8, they are not the file's.
            if (magic.length >= 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b || InputFile.utf16(magic, magic.length) != null) {
                return null;
            }
            skipped = InputFile.byteOrderMark(magic, magic.length);
        } catch (IOException e) {
            return null;
        }
        return new FileLines(p, file.name(), skipped);
    }

    /** The line at byte {@code offset} of {@code length} bytes as one number for {@link #text(long)}, or -1 when it does not fit. */
    public static long where(long offset, int length) {
        if (offset < 0 || offset > OFFSET_MASK || length < 0 || length > LineReader.MAX_LINE) {
            return -1;
        }
        return (long) length << OFFSET_BITS | offset;
    }

    /** The text of the line {@code where} ({@link #where}) names. */
    @Override
    public synchronized String text(long where) {
        long offset = (where & OFFSET_MASK) + skipped;
        int length = (int) (where >>> OFFSET_BITS);
        try {
            if (offset < windowStart || offset + length + 2 > windowStart + windowLength) {
                fill(offset, length + 2);
            }
            int s = (int) (offset - windowStart);
            int e = s;
            int end = windowLength;
            while (e < end && window[e] != '\n') {
                e++;
            }
            int n = e - s;
            if (n > 0 && window[e - 1] == '\r') {
                n--;
            }
            if (n != length) {
                return "(line no longer in " + name + " as it was read: the file changed since)";
            }
            return new String(window, s, n, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(line of " + name + " not read again: " + e.getMessage() + ")";
        }
    }

    private void fill(long offset, int atLeast) throws IOException {
        int size = Math.max(WINDOW, atLeast);
        if (window.length < size) {
            window = new byte[size];
        }
        windowStart = offset;
        windowLength = 0;
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            ByteBuffer b = ByteBuffer.wrap(window, 0, size);
            while (b.hasRemaining()) {
                int r = ch.read(b, offset + b.position());
                if (r < 0) {
                    break;
                }
            }
            windowLength = b.position();
        }
    }
}
