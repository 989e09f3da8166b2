package dev.uvmctl.ingest;

import dev.uvmctl.event.Event;
import dev.uvmctl.event.EventReader;
import dev.uvmctl.event.Xid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The kernel log's reading thread and the replay meet in a bounded queue: memory stays flat, nothing is lost, errors reach the replay. */
class KernelLogEventReaderTest {

    /** {@code lines} Xid lines made as they are read, then optionally a read error; counts the bytes handed out. */
    private static final class GeneratedLog extends InputStream {
        final AtomicLong read = new AtomicLong();
        private final long lines;
        private final boolean failAtEnd;
        private long line;
        private byte[] current = new byte[0];
        private int pos;

        GeneratedLog(long lines, boolean failAtEnd) {
            this.lines = lines;
            this.failAtEnd = failAtEnd;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (pos == current.length) {
                if (line == lines) {
                    if (failAtEnd) {
                        throw new IOException("Input/output error");
                    }
                    return -1;
                }
                line++;
                current = String.format("[%6d.%06d] NVRM: Xid (PCI:0000:3b:00): 43, pid=%d, name=python, Ch 00000010%n",
                    line / 1000, line % 1000 * 1000, 1000 + line % 30000).getBytes(StandardCharsets.US_ASCII);
                pos = 0;
            }
            int n = Math.min(len, current.length - pos);
            System.arraycopy(current, pos, b, off, n);
            pos += n;
            read.addAndGet(n);
            return n;
        }
    }

    @Test
    void theReadingStopsAFewItemsAheadOfTheReplay() throws Exception {
        GeneratedLog log = new GeneratedLog(5_000_000, false);
        try (EventReader r = new KernelLogEventSource().open(log, "big.log", d -> { })) {
            long before;
            do {
                before = log.read.get();
                Thread.sleep(200);
            } while (log.read.get() != before);
            // 5 million lines are about 500 MB: the reader stopped after the queue, the parser's look-ahead and the buffers.
            assertThat(log.read.get()).isLessThan(4L << 20);
            for (int i = 0; i < 1000; i++) {
                assertThat(r.next()).isInstanceOf(Xid.class);
            }
        }
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (readingThreads() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(readingThreads()).as("reading threads left after close").isZero();
    }

    @Test
    void everyEventArrivesAndAReadErrorIsThrownAfterTheEventsBeforeIt() throws IOException {
        try (EventReader r = new KernelLogEventSource().open(new GeneratedLog(20_000, true), "failing.log", d -> { })) {
            long events = 0;
            Event last = null;
            IOException failure = null;
            try {
                for (Event e = r.next(); e != null; e = r.next()) {
                    events++;
                    last = e;
                }
            } catch (IOException e) {
                failure = e;
            }
            // The failure says where the input ended; everything before came, in order.
            assertThat(failure).hasMessageStartingWith("Input/output error at line ").hasMessageEndingWith(" (the lines before it are read)");
            assertThat(events).isBetween(19_900L, 20_000L);
            assertThat(last.source().line()).isEqualTo(events);
        }
    }

    @Test
    void aCompleteLogGivesEveryEventThenTheEnd() throws IOException {
        try (EventReader r = new KernelLogEventSource().open(new GeneratedLog(50_000, false), "log", d -> { })) {
            long events = 0;
            for (Event e = r.next(); e != null; e = r.next()) {
                events++;
            }
            assertThat(events).isEqualTo(50_000);
            assertThat(r.next()).isNull();
        }
    }

    @Test
    void aBugInTheReadingThreadIsThrownToTheReplay() {
        InputStream broken = new InputStream() {
            @Override
            public int read() {
                throw new IllegalStateException("bug");
            }

            @Override
            public int read(byte[] b, int off, int len) {
                throw new IllegalStateException("bug");
            }
        };
        EventReader r = new KernelLogEventSource().open(broken, "log", d -> { });
        assertThatThrownBy(r::next).isInstanceOf(IllegalStateException.class).hasMessage("bug");
    }

    private static long readingThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("uvmctl-kernel-log") && t.isAlive()).count();
    }
}
