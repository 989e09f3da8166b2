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

    TraceModel(LiveTrace live, long tolerance) {
        this.live = live;
        this.tolerance = tolerance;
        this.model = new ReclaimModel(d -> diagnostics.incrementAndGet(), tolerance);
        this.reader = new Thread(this::read, "uvmctl-watch-trace");
        reader.setDaemon(true);
        reader.start();
    }

    private void read() {
        try (EventReader r = new FtraceEventSource(live.listener()).open(live.input(), live.name(), d -> diagnostics.incrementAndGet())) {
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
