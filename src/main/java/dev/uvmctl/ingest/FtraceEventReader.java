package dev.uvmctl.ingest;

import dev.uvmctl.event.Event;
import dev.uvmctl.event.EventReader;
import dev.uvmctl.ftrace.FtraceLine;
import dev.uvmctl.ftrace.FtraceParser;
import dev.uvmctl.shared.Diagnostic;
import dev.uvmctl.shared.Provenance;
import dev.uvmctl.source.FileLines;
import dev.uvmctl.source.LineReader;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * The events of ftrace text, read line by line on the caller's thread: a saved trace is read to
 * its end, a live {@code trace_pipe} as its lines come (a read waits for the next one).
 */
final class FtraceEventReader implements EventReader {
    private final LineReader lines;
    private final String input;
    private final Consumer<Diagnostic> diagnostics;
    private final FtraceParser parser = new FtraceParser();
    private final FtraceEvents events;
    private final ArrayDeque<Event> ready = new ArrayDeque<>();
    private boolean ended;

    /** {@code again}: reads the input's lines again by offset, so that events keep no text (null: they keep it). */
    FtraceEventReader(InputStream in, String input, Consumer<Diagnostic> diagnostics, FtraceEventSource.Listener listener,
                      Provenance.Lines again) {
        this.lines = new LineReader(in);
        this.input = input;
        this.diagnostics = diagnostics;
        this.events = new FtraceEvents(input, diagnostics, ready::add).telling(listener).readAgainBy(again);
    }

    @Override
    public Event next() throws IOException {
        while (ready.isEmpty()) {
            if (ended) {
                return null;
            }
            LineReader.RawLine raw = lines.nextRaw();
            if (raw == null) {
                ended = true;
                events.end();
                continue;
            }
            if (raw.truncated()) {
                diagnostics.accept(Diagnostic.at(input, raw.number(), "line longer than " + LineReader.MAX_LINE + " bytes: skipped"));
                continue;
            }
            FtraceLine l = parser.parse(raw.bytes(), raw.length(), raw.number());
            if (!raw.terminated() && l.kind() != FtraceLine.Kind.BLANK && l.kind() != FtraceLine.Kind.COMMENT) {
                diagnostics.accept(Diagnostic.at(input, raw.number(), "the last line ends without a newline, cut short (the trace was "
                    + "copied while it was being written?): left out"));
                continue;
            }
            events.line(l, FileLines.where(raw.offset(), raw.length()));
        }
        return ready.poll();
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }
}
