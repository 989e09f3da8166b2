package dev.uvmctl.cli;

import dev.uvmctl.event.EventSource;
import dev.uvmctl.event.KernelLogEventSource;
import dev.uvmctl.event.NdjsonEventSource;
import dev.uvmctl.event.RootEventSource;
import java.util.List;

/**
 * The inputs uvmctl can turn into events. Adding a format is one class implementing
 * {@link EventSource} (a file format, chosen by content) or {@link RootEventSource} (data found
 * in a system root or capture bundle) plus one line here. Order matters: the first file source
 * that recognizes an input reads it.
 */
final class EventSources {
    static final NdjsonEventSource NDJSON = new NdjsonEventSource();

    private EventSources() {
    }

    static List<EventSource> files() {
        return List.of(NDJSON, new KernelLogEventSource());
    }

    static List<RootEventSource> roots() {
        return List.of();
    }
}
