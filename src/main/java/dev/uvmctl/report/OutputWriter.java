package dev.uvmctl.report;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;

/**
 * Standard output as commands and renderers write it. When the reader goes away
 * ({@code uvmctl ... | head -1}) the JVM, which ignores SIGPIPE, gets EPIPE on the next write and
 * {@link PrintWriter} swallows it. This writer remembers that, so a producer can ask
 * {@link #readerGone()} (cheaply: it does not flush, unlike {@link #checkError()}) between records,
 * stop producing and still end with the exit status its findings call for.
 */
public final class OutputWriter extends PrintWriter {
    private final FailureFlag flag;

    private OutputWriter(FailureFlag flag) {
        super(flag);
        this.flag = flag;
    }

    /** Writes to {@code target}, which should buffer: this writer adds no buffer of its own. */
    public static OutputWriter to(Writer target) {
        return new OutputWriter(new FailureFlag(target));
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
