package dev.uvmctl.cli;

import dev.uvmctl.ingest.EventSource;
import dev.uvmctl.ingest.FtraceEventSource;
import dev.uvmctl.ingest.KernelLogEventSource;
import dev.uvmctl.ingest.NdjsonEventSource;
import dev.uvmctl.ingest.RootEventSource;
import dev.uvmctl.ingest.RootKernelLogEventSource;
import dev.uvmctl.ingest.SnapshotEventSource;
import dev.uvmctl.ingest.SnapshotTextEventSource;
import java.util.List;

/**
 * The inputs uvmctl can turn into events. Adding a format is one class implementing
 * {@link EventSource} (a file format, chosen by content) or {@link RootEventSource} (data found
 * in a system root or capture bundle) plus one line here. Order matters: the first file source
 * that recognizes an input reads it, and a root's kernel log (its history) is read before its
 * snapshot (its end).
 */
final class EventSources {
    static final NdjsonEventSource NDJSON = new NdjsonEventSource();

    private EventSources() {
    }

    /** {@code tolerance}: GPU memory in use a snapshot may leave unaccounted for (as {@code --tolerance}). */
    static List<EventSource> files(long tolerance) {
        return List.of(NDJSON, new SnapshotTextEventSource(tolerance), new FtraceEventSource(), new KernelLogEventSource());
    }

    /** {@code live}: the root is the running system, whose commands (nvidia-smi, journalctl) may run. */
    static List<RootEventSource> roots(CliContext context, boolean live, long tolerance) {
        return List.of(new RootKernelLogEventSource(live, context.kernelLogCommands()),
            new SnapshotEventSource(live, context.commandRunner(), context.clock().instant(), tolerance));
    }
}
