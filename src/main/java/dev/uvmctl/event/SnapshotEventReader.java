package dev.uvmctl.event;

import dev.uvmctl.procfs.SystemSnapshot;
import dev.uvmctl.procfs.VaSpaceView;
import dev.uvmctl.procfs.VaSpaceViewBuilder;
import dev.uvmctl.source.Diagnostic;
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

    private final Snapshot snapshot;
    private final Consumer<Diagnostic> diagnostics;
    private Iterator<Event> events;
    private List<String> incomplete = List.of();

    SnapshotEventReader(Snapshot snapshot, Consumer<Diagnostic> diagnostics) {
        this.snapshot = snapshot;
        this.diagnostics = diagnostics;
    }

    @Override
    public Event next() throws IOException {
        if (events == null) {
            SystemSnapshot s = snapshot.read();
            s.diagnostics().forEach(diagnostics);
            VaSpaceView view = VaSpaceViewBuilder.build(s);
            incomplete = SnapshotGaps.of(view);
            events = SnapshotEvents.of(view, incomplete.isEmpty()).iterator();
        }
        return events.hasNext() ? events.next() : null;
    }

    @Override
    public List<String> incomplete() {
        return incomplete;
    }

    @Override
    public void close() {
    }
}
