package dev.uvmctl.kernellog;

import dev.uvmctl.shared.Diagnostic;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Hands records, and the diagnostics between them, to a sink on a second thread, so that rendering the output overlaps reading the log. The queue is
 * bounded: memory stays flat when the output is slower than the input. A failure of the sink
 * ends the pipe and is thrown from {@link #close()}.
 */
public final class RecordPipe implements RecordSink, AutoCloseable {
    private static final int CAPACITY = 4096;
    private static final Runnable END = () -> { };

    private final BlockingQueue<Runnable> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final RecordSink sink;
    private final Consumer<Diagnostic> diagnostics;
    private final Thread worker;
    private volatile Throwable failure;

    public RecordPipe(RecordSink sink, Consumer<Diagnostic> diagnostics) {
        this.sink = sink;
        this.diagnostics = diagnostics;
        this.worker = new Thread(this::drain, "uvmctl-render");
        worker.setDaemon(true);
        // Not a catch clause: whatever ends the worker is handed back to the reading thread.
        worker.setUncaughtExceptionHandler((t, e) -> failure = e);
        worker.start();
    }

    private void drain() {
        try {
            for (Runnable task = queue.take(); task != END; task = queue.take()) {
                task.run();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void accept(KernelRecord record) {
        run(() -> sink.accept(record));
    }

    @Override
    public void commit() {
        run(sink::commit);
    }

    @Override
    public void discard() {
        run(sink::discard);
    }

    public void diagnostic(Diagnostic d) {
        run(() -> diagnostics.accept(d));
    }

    private void run(Runnable task) {
        try {
            while (failure == null && !queue.offer(task, 100, TimeUnit.MILLISECONDS)) {
                if (!worker.isAlive()) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits until everything handed over has been done; rethrows what ended the sink's thread. */
    @Override
    public void close() {
        run(END);
        try {
            worker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Throwable f = failure;
        if (f instanceof RuntimeException r) {
            throw r;
        }
        if (f instanceof Error err) {
            throw err;
        }
    }
}
