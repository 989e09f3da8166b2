package dev.uvmctl.kernellog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uvmctl.shared.Diagnostic;
import dev.uvmctl.source.UntilInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A live stream ({@code dmesg -w}): a record is handed on when the stream pauses, not at its end. */
class StreamingTest {

    @Test
    void aRecordComesOutWhileTheStreamWaitsForMore() throws Exception {
        CountDownLatch more = new CountDownLatch(1);
        byte[] first = "[  100.000000] NVRM: Xid (PCI:0000:3b:00): 13, pid=1, name=a, Graphics Exception\n"
            .getBytes(StandardCharsets.UTF_8);
        byte[] second = "[  101.000000] NVRM: Xid (PCI:0000:3b:00): 31, pid=1, name=a, Ch 00000001\n".getBytes(StandardCharsets.UTF_8);
        InputStream live = new InputStream() {
            private int step;

            @Override
            public int read() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                step++;
                if (step == 1) {
                    System.arraycopy(first, 0, b, off, first.length);
                    return first.length;
                }
                if (step == 2) {
                    try {
                        more.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        throw new java.io.InterruptedIOException();
                    }
                    System.arraycopy(second, 0, b, off, second.length);
                    return second.length;
                }
                return -1;
            }

            @Override
            public int available() {
                return 0;
            }
        };
        LinkedBlockingQueue<KernelRecord> out = new LinkedBlockingQueue<>();
        KernelLogReader.Sink sink = new KernelLogReader.Sink() {
            @Override
            public void record(KernelRecord r) {
                out.add(r);
            }

            @Override
            public void diagnostic(Diagnostic d) {
            }

            @Override
            public void streamStarted(String input, String section) {
            }

            @Override
            public void streamEnded(KernelLogReader.StreamStats stats) {
            }
        };
        Thread reading = new Thread(() -> {
            try {
                new KernelLogReader(XidCatalog.builtIn()).read("<stdin>", live, true, sink);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        reading.start();
        KernelRecord early = out.poll(10, TimeUnit.SECONDS);
        assertThat(early).as("the first Xid, before the second line exists").isInstanceOf(XidRecord.class);
        assertThat(((XidRecord) early).code()).isEqualTo(13);
        more.countDown();
        reading.join(10_000);
        assertThat(out.poll(10, TimeUnit.SECONDS)).isInstanceOf(XidRecord.class);
    }

    /** Two Xid lines, the second cut in the middle, as a pipe is when {@code head} has left. */
    private static final byte[] CUT = ("[  100.000000] NVRM: Xid (PCI:0000:3b:00): 13, pid=1, name=a, Graphics Exception\n"
        + "[  101.000000] NVRM: Xid (PCI:0000:3b:00): 31, pid=1, na").getBytes(StandardCharsets.UTF_8);

    @Test
    void anInputEndedBecauseNobodyReadsTheOutputIsNotACutOffInput() throws IOException {
        AtomicBoolean delivered = new AtomicBoolean();
        InputStream pipe = new ByteArrayInputStream(CUT) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                int n = super.read(b, off, len);
                delivered.set(true);
                return n;
            }
        };
        // The reader leaves once the bytes so far were read: the next read ends the input there.
        UntilInputStream until = new UntilInputStream(pipe, delivered::get);
        List<String> stopped = diagnostics(until);
        assertThat(until.stopped()).isTrue();
        assertThat(stopped).as("the reading stopped in the middle of a line: not the input's own end").isEmpty();
        assertThat(diagnostics(new ByteArrayInputStream(CUT))).as("the same bytes ending by themselves are cut off")
            .containsExactly("the last line ends without a newline: it may be cut off");
    }

    private static List<String> diagnostics(InputStream in) throws IOException {
        List<String> out = new ArrayList<>();
        new KernelLogReader(XidCatalog.builtIn()).read("<stdin>", in, true, new KernelLogReader.Sink() {
            @Override
            public void record(KernelRecord r) {
            }

            @Override
            public void diagnostic(Diagnostic d) {
                out.add(d.message());
            }

            @Override
            public void streamStarted(String input, String section) {
            }

            @Override
            public void streamEnded(KernelLogReader.StreamStats stats) {
            }
        });
        return out;
    }
}
