package dev.uvmctl.ingest;

import dev.uvmctl.event.Event;
import dev.uvmctl.event.Xid;
import dev.uvmctl.kernellog.KernelLogReader;
import dev.uvmctl.kernellog.KernelRecord;
import dev.uvmctl.kernellog.XidCatalog;
import dev.uvmctl.shared.Diagnostic;
import dev.uvmctl.source.IdleEndingInputStream;
import dev.uvmctl.source.IoErrors;
import dev.uvmctl.source.LiveKernelLog;
import dev.uvmctl.source.SysRoot;
import java.io.IOException;
import java.io.InputStream;

/**
 * Follows the kernel log of a system root at {@code /dev/kmsg} on a thread of its own, for
 * {@code serve}'s Xid counters: opened once, it hands on every Xid as its record completes, and
 * never reads the log again. The device starts a reader at the oldest record still buffered and
 * then blocks until the next one; a reader that falls behind loses the overwritten records (a
 * broken pipe: the next read goes on at the oldest record left) and tells the listener how many,
 * from the jump in the records' numbers ({@link Listener#recordsLost}). When the stream ends, as a fixture root's
 * {@code dev/kmsg} file does at its end, or fails, the round ends, and after {@code pollMillis} it
 * is opened again from its start: the listener is told each round's end, so that it counts only
 * what comes after the last Xid it counted.
 */
public final class KmsgFollower implements AutoCloseable {
    /** What the follower sees. Called on the follower's thread. */
    public interface Listener {
        /** An Xid, with its kernel time in ns ({@code EventTime.UNKNOWN} when its line has none). */
        void xid(Xid xid, long kernelNanos);

        /** A reading of the log ended (its end, or an error): the next reading starts at its start again. */
        void roundEnded();

        /** The log could not be opened or read, in a few words; the follower tries again after its pause. */
        void unavailable(String message);

        /**
         * The follower fell behind: the kernel overwrote the records after number {@code last} up to
         * {@code next} before they were read (the read failed with EPIPE and went on at {@code next}),
         * so Xids among them were not seen.
         */
        void recordsLost(long last, long next);
    }

    private final SysRoot root;
    private final long pollMillis;
    private final Listener listener;
    private final Thread thread;
    private volatile boolean closed;
    private volatile InputStream current;

    private KmsgFollower(SysRoot root, long pollMillis, Listener listener) {
        this.root = root;
        this.pollMillis = pollMillis;
        this.listener = listener;
        this.thread = new Thread(this::follow, "uvmctl-kmsg-follow");
        thread.setDaemon(true);
    }

    /** Starts following {@code root}'s {@code /dev/kmsg}. */
    public static KmsgFollower start(SysRoot root, long pollMillis, Listener listener) {
        KmsgFollower f = new KmsgFollower(root, pollMillis, listener);
        f.thread.start();
        return f;
    }

    private void follow() {
        String lastProblem = null;
        while (!closed) {
            String problem = null;
            try (InputStream in = new IdleEndingInputStream(root.open(LiveKernelLog.KMSG), "kmsg-follow", Long.MAX_VALUE, Long.MAX_VALUE)) {
                current = in;
                read(in);
            } catch (IOException e) {
                problem = root.display(LiveKernelLog.KMSG) + ": " + IoErrors.describe(e);
            } finally {
                current = null;
            }
            listener.roundEnded();
            // Said once, not at every retry; said again when it changes.
            if (problem != null && !closed && !problem.equals(lastProblem)) {
                listener.unavailable(problem);
            }
            lastProblem = problem;
            try {
                Thread.sleep(pollMillis);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void read(InputStream in) throws IOException {
        // The root's own boot: the ring buffer holds the running boot only.
        KernelRecordEvents mapping = new KernelRecordEvents(KernelRecordEvents.ofRoot(null));
        new KernelLogReader(XidCatalog.builtIn()).read(root.display(LiveKernelLog.KMSG), in, true, new KernelLogReader.Sink() {
            @Override
            public void record(KernelRecord r) {
                for (Event e : mapping.of(r)) {
                    if (e instanceof Xid x) {
                        listener.xid(x, x.time().monoNanos());
                    }
                }
            }

            @Override
            public void diagnostic(Diagnostic d) {
                // The scrape-time reading of the same log reports its bad lines.
            }

            @Override
            public void recordsLost(long line, long last, long next) {
                listener.recordsLost(last, next);
            }

            @Override
            public void streamStarted(String name, String section) {
            }

            @Override
            public void streamEnded(KernelLogReader.StreamStats stats) {
            }
        });
    }

    /** Stops following and closes the log. */
    @Override
    public void close() {
        closed = true;
        InputStream in = current;
        if (in != null) {
            try {
                in.close();
            } catch (IOException e) {
                // Closing is all that was wanted.
            }
        }
        thread.interrupt();
    }
}
