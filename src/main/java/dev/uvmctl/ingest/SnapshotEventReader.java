package dev.uvmctl.ingest;

import dev.uvmctl.event.Event;
import dev.uvmctl.event.EventReader;
import dev.uvmctl.procfs.SystemSnapshot;
import dev.uvmctl.procfs.VaSpaceView;
import dev.uvmctl.procfs.VaSpaceViewBuilder;
import dev.uvmctl.shared.Diagnostic;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;

/**
 * The events of one snapshot, read when the first is asked for. A snapshot is a few thousand
 * processes at most, so its events are made at once; what it could not see is kept for
 * {@link #incomplete()}.
 */
final class SnapshotEventReader implements EventReader {
    /** Reads the snapshot. */
    interface Snapshot {
        SystemSnapshot read() throws IOException;
    }

    /** Reads the snapshot and groups it as {@code uvmctl va-spaces} does. */
    interface View {
        VaSpaceView read() throws IOException;
    }

    private final View source;
    private final long tolerance;
    private final Consumer<Diagnostic> diagnostics;
    private Iterator<Event> events;
    private List<String> incomplete = List.of();

    /** {@code tolerance}: GPU memory in use that may go unaccounted for before not seeing who uses it leaves the answer incomplete. */
    SnapshotEventReader(View source, long tolerance, Consumer<Diagnostic> diagnostics) {
        this.source = source;
        this.tolerance = tolerance;
        this.diagnostics = diagnostics;
    }

    @Override
    public Event next() throws IOException {
        if (events == null) {
            VaSpaceView view = source.read();
            view.snapshot().diagnostics().forEach(diagnostics);
            incomplete = SnapshotGaps.of(view, tolerance);
            events = SnapshotEvents.of(view, SnapshotGaps.hidingHolders(view).isEmpty()).iterator();
        }
        return events.hasNext() ? events.next() : null;
    }

    /** The view of what {@code snapshot} reads. */
    static View building(Snapshot snapshot) {
        return () -> VaSpaceViewBuilder.build(snapshot.read());
    }

    @Override
    public List<String> incomplete() {
        return incomplete;
    }

    @Override
    public void close() {
    }
}
