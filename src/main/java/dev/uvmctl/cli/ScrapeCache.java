package dev.uvmctl.cli;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * What {@code serve} computes at scrape time: computed at most once per {@code minInterval}
 * (younger results are served again), and scrapes that arrive while a computation runs wait for
 * that one instead of starting their own. Only the last result is kept.
 */
final class ScrapeCache<T> {
    private final Supplier<T> compute;
    private final long minIntervalNanos;
    private final LongSupplier nanoTime;
    private T last;
    private long lastStarted;
    private CompletableFuture<T> running;
    private long computations;

    ScrapeCache(Supplier<T> compute, long minIntervalNanos, LongSupplier nanoTime) {
        this.compute = compute;
        this.minIntervalNanos = minIntervalNanos;
        this.nanoTime = nanoTime;
    }

    /** The last result if it is younger than the minimum interval, else the one being computed (by this caller or another). */
    T get() {
        CompletableFuture<T> mine;
        CompletableFuture<T> other;
        long started;
        synchronized (this) {
            if (last != null && nanoTime.getAsLong() - lastStarted < minIntervalNanos) {
                return last;
            }
            other = running;
            if (other == null) {
                mine = new CompletableFuture<>();
                running = mine;
                started = nanoTime.getAsLong();
                computations++;
            } else {
                mine = null;
                started = 0;
            }
        }
        if (other != null) {
            // Outside the lock: the computing thread needs it to finish.
            return join(other);
        }
        // Runs here, on this thread; what it throws completes the future exceptionally, for the waiters too.
        mine.completeAsync(compute, Runnable::run);
        synchronized (this) {
            running = null;
            if (!mine.isCompletedExceptionally()) {
                last = mine.join();
                lastStarted = started;
            }
        }
        return join(mine);
    }

    /** How many computations ran. */
    synchronized long computations() {
        return computations;
    }

    private static <T> T join(CompletableFuture<T> f) {
        try {
            return f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }
}
