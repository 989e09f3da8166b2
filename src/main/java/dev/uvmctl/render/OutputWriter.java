package dev.uvmctl.render;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * Standard output as commands and renderers write it. When the reader goes away
 * ({@code uvmctl ... | head -1}) the JVM, which ignores SIGPIPE, gets EPIPE on the next write and
 * {@link PrintWriter} swallows it. This writer remembers that, so a producer can ask
 * {@link #readerGone()} (cheaply: it does not flush, unlike {@link #checkError()}) between records,
 * stop producing and still end with the exit status its findings call for.
 */
public final class OutputWriter extends PrintWriter {
    private final FailureFlag flag;
    /** The byte stream that {@code flag}'s writer encodes into, when known: UTF-8 text goes there as is. */
    private final OutputStream bytes;

    private OutputWriter(FailureFlag flag, OutputStream bytes) {
        super(flag);
        this.flag = flag;
        this.bytes = bytes;
    }

    /** Writes to {@code target}, which should buffer: this writer adds no buffer of its own. */
    public static OutputWriter to(Writer target) {
        return new OutputWriter(new FailureFlag(target), null);
    }

    /**
     * Writes to {@code target}, which encodes as UTF-8 into {@code bytes}: text already in UTF-8
     * ({@link #transferUtf8}) then goes to {@code bytes} directly, without decoding and encoding it again.
     */
    public static OutputWriter to(Writer target, OutputStream bytes) {
        return new OutputWriter(new FailureFlag(target), bytes);
    }

    /** {@code writer} itself when it is one, otherwise a writer that passes everything to it. */
    public static OutputWriter of(PrintWriter writer) {
        return writer instanceof OutputWriter w ? w : to(writer);
    }

    /** Output that nobody reads, as {@code --quiet} asks for; it never reports its reader gone. */
    public static OutputWriter discarding() {
        return to(Writer.nullWriter());
    }

    /**
     * True once a write or flush failed: nobody reads this output any more, so stop producing it.
     * Output is buffered, so this turns true at the first flush after the reader left; NDJSON,
     * which flushes every record, notices at once.
     */
    public boolean readerGone() {
        return flag.failed;
    }

    /**
     * Copies UTF-8 text from {@code in} to this output, after everything written so far. Output
     * held back as bytes (a spool of rendered records) is written as it is when this writer knows
     * its byte stream, and is decoded otherwise.
     */
    public void transferUtf8(InputStream in) throws IOException {
        if (bytes == null) {
            new InputStreamReader(in, StandardCharsets.UTF_8).transferTo(this);
            return;
        }
        flush();
        byte[] chunk = new byte[1 << 16];
        for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
            // A failed read is the caller's to report; a failed write means the reader left.
            try {
                bytes.write(chunk, 0, n);
            } catch (IOException e) {
                flag.failed = true;
                setError();
                return;
            }
        }
    }

    /** Passes everything through and notes the first failure. */
    private static final class FailureFlag extends FilterWriter {
        private volatile boolean failed;

        FailureFlag(Writer target) {
            super(target);
        }

        @Override
        public void write(int c) throws IOException {
            try {
                super.write(c);
            } catch (IOException e) {
                failed = true;
                throw e;
            }
        }

        @Override
        public void write(char[] chars, int off, int len) throws IOException {
            try {
                super.write(chars, off, len);
            } catch (IOException e) {
                failed = true;
                throw e;
            }
        }

        @Override
        public void write(String s, int off, int len) throws IOException {
            try {
                super.write(s, off, len);
            } catch (IOException e) {
                failed = true;
                throw e;
            }
        }

        @Override
        public void flush() throws IOException {
            try {
                super.flush();
            } catch (IOException e) {
                failed = true;
                throw e;
            }
        }
    }
}
