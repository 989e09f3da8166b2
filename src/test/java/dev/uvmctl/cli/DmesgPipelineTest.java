package dev.uvmctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uvmctl.render.OutputWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code dmesg -w | uvmctl dmesg - | head -1}, without the shell. */
class DmesgPipelineTest {

    /** Standard output whose reader leaves after its first line, as {@code head -1} does. */
    private static final class HeadOne extends Writer {
        private final StringWriter seen = new StringWriter();
        private boolean gone;

        @Override
        public void write(char[] c, int off, int len) throws IOException {
            if (gone) {
                throw new IOException("Broken pipe");
            }
            seen.write(c, off, len);
            gone = seen.toString().contains("\n");
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aStreamThatNeverEndsStopsWhenTheReaderLeavesAndKeepsTheExitStatus() throws Exception {
        PipedOutputStream kernel = new PipedOutputStream();
        InputStream stdin = new PipedInputStream(kernel, 1 << 16);
        CompletableFuture<Void> dmesgW = CompletableFuture.runAsync(() -> {
            try {
                for (int i = 0; ; i++) {
                    kernel.write(("[" + (100 + i) + ".000000] NVRM: Xid (PCI:0000:3b:00): 13, pid=4242, name=python, "
                        + "Graphics Exception: ESR 0x504730=0x100009\n").getBytes(StandardCharsets.UTF_8));
                    kernel.flush();
                    Thread.sleep(5);
                }
            } catch (IOException | InterruptedException e) {
                // uvmctl stopped reading: dmesg -w would get SIGPIPE here
            }
        });
        HeadOne head = new HeadOne();
        StringWriter err = new StringWriter();
        CliContext context = CliContext.builder(OutputWriter.to(head), new PrintWriter(err), stdin).build();
        int code = CommandLineFactory.create(context).execute("dmesg", "-", "-o", "ndjson");
        dmesgW.cancel(true);
        kernel.close();
        assertThat(code).as(err.toString()).isEqualTo(ExitCode.FOUND);
        assertThat(err.toString()).isEmpty();
        assertThat(head.seen.toString()).startsWith("{\"type\":\"xid\"");
    }

    /**
     * {@code cat big.log | uvmctl dmesg - | head -2}: the reader leaves while uvmctl is in the
     * middle of a line of its input. Standard input here holds a line and a half, then ends only
     * once uvmctl has noticed that nobody reads its output, exactly when the real pipe would look
     * cut: what was left unread is not a cut-off input.
     */
    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aReaderGoneIsNotACutOffInput() {
        byte[] lineAndAHalf = ("[  100.000000] NVRM: Xid (PCI:0000:3b:00): 13, pid=1, name=a, Graphics Exception\n"
            + "[  101.000000] NVRM: Xid (PCI:0000:3b:00): 31, pid=1, na").getBytes(StandardCharsets.UTF_8);
        CliContext[] context = new CliContext[1];
        InputStream stdin = new InputStream() {
            private boolean given;

            @Override
            public int read() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (!given) {
                    given = true;
                    System.arraycopy(lineAndAHalf, 0, b, off, lineAndAHalf.length);
                    return lineAndAHalf.length;
                }
                while (!context[0].out().readerGone()) {
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        throw new java.io.InterruptedIOException();
                    }
                }
                return -1;
            }

            @Override
            public int available() {
                return 0;
            }
        };
        Writer gone = new Writer() {
            @Override
            public void write(char[] c, int off, int len) throws IOException {
                throw new IOException("Broken pipe");
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        StringWriter err = new StringWriter();
        context[0] = CliContext.builder(OutputWriter.to(gone), new PrintWriter(err), stdin).build();
        int code = CommandLineFactory.create(context[0]).execute("dmesg", "-");
        assertThat(code).as(err.toString()).isEqualTo(ExitCode.FOUND);
        assertThat(err.toString()).isEmpty();
    }
}
