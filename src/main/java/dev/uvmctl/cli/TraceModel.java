package dev.uvmctl.cli;

import dev.uvmctl.event.Event;
import dev.uvmctl.event.EventReader;
import dev.uvmctl.finding.Finding;
import dev.uvmctl.finding.LeakFinder;
import dev.uvmctl.ingest.FtraceEventSource;
import dev.uvmctl.model.ReclaimModel;
import dev.uvmctl.source.IoErrors;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code watch --trace}: the live probes replayed, as they report, into a model of their own on a
 * thread of its own; each refresh asks it for the findings it has now. The model is only touched
 * under its lock.
 */
final class TraceModel implements AutoCloseable {
    private final LiveTrace live;
    private final ReclaimModel model;
    private final long tolerance;
    private final AtomicLong diagnostics = new AtomicLong();
    private final Thread reader;
    private volatile String failure;
    /** The teardowns the reader last said hang ({@link FtraceEventSource.Listener#hanging}). */
    private volatile List<FtraceEventSource.HangingTeardown> hanging = List.of();

    TraceModel(LiveTrace live, long tolerance) {
        this.live = live;
        this.tolerance = tolerance;
        this.model = new ReclaimModel(d -> diagnostics.incrementAndGet(), tolerance);
        this.reader = new Thread(this::read, "uvmctl-watch-trace");
        reader.setDaemon(true);
        reader.start();
        live.heartbeat();
    }

    private void read() {
        try (EventReader r = new FtraceEventSource(live.listener(teardowns -> hanging = teardowns)).open(live.input(), live.name(), d -> diagnostics.incrementAndGet())) {
            for (Event e = r.next(); e != null; e = r.next()) {
                synchronized (model) {
                    model.apply(e);
                }
            }
        } catch (IOException e) {
            failure = live.name() + ": " + IoErrors.describe(e);
        }
    }

    /** The findings of the trace so far. */
    List<Finding> findings() {
        synchronized (model) {
            return new LeakFinder(model, tolerance).conclude().findings();
        }
    }

    /**
     * The teardowns that have not returned for the hung-task timeout as of the trace's latest line: what the end of the run would
     * judge stuck if it came now. Shown as they hang, and gone when they return; the judgement itself waits for the end, where no
     * later return can be missed.
     */
    List<FtraceEventSource.HangingTeardown> hanging() {
        return hanging;
    }

    /** What keeps the trace's findings from being whole: a read failure, diagnostics. */
    String problem() {
        String f = failure;
        long d = diagnostics.get();
        return f != null ? "the trace stopped: " + f : d > 0 ? d + " diagnostics in the trace ('uvmctl trace record' saves it)" : null;
    }

    @Override
    public void close() {
        live.close();
    }
}
