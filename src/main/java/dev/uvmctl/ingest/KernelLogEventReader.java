package dev.uvmctl.ingest;

import dev.uvmctl.event.Event;
import dev.uvmctl.event.EventReader;
import dev.uvmctl.kernellog.KernelLogReader;
import dev.uvmctl.kernellog.KernelRecord;
import dev.uvmctl.kernellog.RecordKind;
import dev.uvmctl.kernellog.XidCatalog;
import dev.uvmctl.shared.Diagnostic;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The events of one kernel log, pulled one at a time while {@link KernelLogReader}, which
 * pushes records, runs on a thread of its own. The two meet in a small bounded queue, so a log
 * of any size is read in constant memory, and the reading stays at most {@link #CAPACITY}
 * items ahead of the replay. Diagnostics travel in the same queue and reach the consumer's sink
 * on the consumer's thread, in input order; a read error is thrown from {@link #next()}.
 */
final class KernelLogEventReader implements EventReader {
    static final int CAPACITY = 256;

    /** One thing handed over: an event, a diagnostic, or the end (with the read error, if any). */
    private record Item(Event event, Diagnostic diagnostic, IOException failure, boolean end) {
        static final Item END = new Item(null, null, null, true);
    }

    /** Unwinds the reading thread once the consumer has closed the reader. */
    private static final class Stopped extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stopped() {
            super(null, null, false, false);
        }
    }

    private final BlockingQueue<Item> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final InputStream in;
    private final Consumer<Diagnostic> diagnostics;
    private final Thread producer;
    private volatile boolean closed;
    private volatile Throwable crash;
    private boolean ended;
    /** What each log of the input turned out to be; written by the reading thread before the end it queues. */
    private final List<KernelLogReader.StreamStats> logs = new CopyOnWriteArrayList<>();
    private boolean failed;
    /**
     * The records read, by kind, and the events they gave: written by the reading thread before the end it queues, read by the
     * consumer after it took that end (the queue orders the two).
     */
    private final Map<RecordKind, Long> records = new EnumMap<>(RecordKind.class);
    private long given;

    KernelLogEventReader(InputStream in, String input, KernelRecordEvents mapping, Consumer<Diagnostic> diagnostics) {
        this.in = in;
        this.diagnostics = diagnostics;
        this.producer = new Thread(() -> produce(input, mapping), "uvmctl-kernel-log");
        producer.setDaemon(true);
        // Not a catch clause: a bug in the reading thread is rethrown to the consumer by next().
        producer.setUncaughtExceptionHandler((t, e) -> crash = e);
        producer.start();
    }

    private void produce(String input, KernelRecordEvents mapping) {
        KernelLogReader.Sink sink = new KernelLogReader.Sink() {
            @Override
            public void record(KernelRecord r) {
                records.merge(r.kind(), 1L, Long::sum);
                for (Event e : mapping.of(r)) {
                    given++;
                    put(new Item(e, null, null, false));
                }
            }

            @Override
            public void diagnostic(Diagnostic d) {
                put(new Item(null, d, null, false));
            }

            @Override
            public void streamStarted(String name, String section) {
            }

            @Override
            public void streamEnded(KernelLogReader.StreamStats stats) {
                logs.add(stats);
            }
        };
        try {
            new KernelLogReader(XidCatalog.builtIn()).read(input, in, false, sink);
        } catch (IOException e) {
            put(new Item(null, null, e, true));
        } catch (Stopped e) {
            // the consumer closed the reader and waits for nothing more
        } finally {
            // However the thread ends (a bug included, which next() rethrows), the consumer is not left waiting.
            end();
        }
    }

    private void end() {
        try {
            while (!closed && !queue.offer(Item.END, 100, TimeUnit.MILLISECONDS)) {
                // the consumer is still taking what came before
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void put(Item item) {
        try {
            while (!queue.offer(item, 100, TimeUnit.MILLISECONDS)) {
                if (closed) {
                    throw new Stopped();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Stopped();
        }
    }

    @Override
    public Event next() throws IOException {
        while (!ended) {
            Item item = take();
            if (item.diagnostic() != null) {
                diagnostics.accept(item.diagnostic());
            } else if (item.event() != null) {
                return item.event();
            } else {
                ended = true;
                if (item.failure() != null) {
                    failed = true;
                    throw item.failure();
                }
                rethrowCrash();
            }
        }
        return null;
    }

    private Item take() throws IOException {
        try {
            return queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading the kernel log");
        }
    }

    /** The end came because the reading thread died of a bug: that is the consumer's failure too. */
    private void rethrowCrash() throws IOException {
        try {
            producer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading the kernel log");
        }
        Throwable t = crash;
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error err) {
            throw err;
        }
    }

    /** The input read to its end that held no kernel log: what {@code dmesg} says of it, in its words. */
    @Override
    public List<String> incomplete() {
        String why = ended && !failed ? KernelLogReader.unreadable(logs) : null;
        return why == null ? List.of() : List.of(why);
    }

    /**
     * A log that gave records but no event: which records, for the answer that there is nothing to judge. A log of a GPU that
     * never came up ({@code RmInitAdapter failed!} alone) is one; what {@code dmesg} makes of it is the same records.
     */
    @Override
    public String heldInstead() {
        if (!ended || failed || given > 0 || records.isEmpty()) {
            return null;
        }
        long total = 0;
        StringBuilder kinds = new StringBuilder();
        for (Map.Entry<RecordKind, Long> e : records.entrySet()) {
            // A boot's first line is in every kernel log: a log of nothing else is one of no GPU, maybe not the right file.
            if (e.getKey() != RecordKind.BOOT) {
                total += e.getValue();
                kinds.append(kinds.length() == 0 ? "" : ", ").append(e.getKey().label()).append(' ').append(e.getValue());
            }
        }
        if (total == 0) {
            return null;
        }
        return total + (total == 1 ? " record" : " records") + " of the NVIDIA driver (" + kinds + ") and nothing the model replays "
            + "(no va_space, process, Xid, load or fault): 'uvmctl dmesg' lists " + (total == 1 ? "it" : "them");
    }

    @Override
    public void close() throws IOException {
        closed = true;
        producer.interrupt();
        in.close();
    }
}
