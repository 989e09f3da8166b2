package dev.uvmctl.ingest;

import dev.uvmctl.event.Event;
import dev.uvmctl.event.EventReader;
import dev.uvmctl.event.EventTime;
import dev.uvmctl.ftrace.FtraceLine;
import dev.uvmctl.ftrace.FtraceParser;
import dev.uvmctl.shared.Diagnostic;
import dev.uvmctl.shared.Provenance;
import dev.uvmctl.source.FileLines;
import dev.uvmctl.source.LineReader;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The events of ftrace text, read line by line on the caller's thread: a saved trace is read to
 * its end, a live {@code trace_pipe} as its lines come (a read waits for the next one).
 */
final class FtraceEventReader implements EventReader {
    /** How many events' names a trace that gave no event lists by name. */
    private static final int HELD_NAMES = 6;

    private final LineReader lines;
    private final String input;
    private final Consumer<Diagnostic> diagnostics;
    private final FtraceParser parser = new FtraceParser();
    private final FtraceEvents events;
    private final ArrayDeque<Event> ready = new ArrayDeque<>();
    private boolean ended;
    /** Events handed out; until the first, the lines read so far by kind and their events by name ({@link #heldInstead}). */
    private long given;
    private long headerLines;
    private long marks;
    private long eventLines;
    private final Map<String, Long> names = new LinkedHashMap<>();

    /** {@code again}: reads the input's lines again by offset, so that events keep no text (null: they keep it). */
    FtraceEventReader(InputStream in, String input, Consumer<Diagnostic> diagnostics, FtraceEventSource.Listener listener,
                      Provenance.Lines again) {
        this.lines = new LineReader(in);
        this.input = input;
        this.diagnostics = diagnostics;
        this.events = new FtraceEvents(input, diagnostics, e -> {
            given++;
            ready.add(e);
        }).telling(listener).readAgainBy(again);
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
            if (given == 0) {
                // Off the path once an event came: a trace that gives none says what it held instead.
                held(l);
            }
            events.line(l, FileLines.where(raw.offset(), raw.length()));
        }
        return ready.poll();
    }

    private void held(FtraceLine l) {
        if (l.kind() == FtraceLine.Kind.META) {
            headerLines++;
        } else if (l.kind() == FtraceLine.Kind.EVENT && FtraceEvents.MARK_EVENT.equals(l.event())) {
            marks++;
        } else if (l.kind() == FtraceLine.Kind.EVENT) {
            eventLines++;
            if (names.size() < HELD_NAMES || names.containsKey(l.event())) {
                names.merge(l.event(), 1L, Long::sum);
            }
        }
    }

    /**
     * A trace read to its end that gave no event: its header alone (a live run on a node where the driver did nothing the probes
     * see), or event lines none of which the model replays (another tool's events, or only probes that give nothing of their own).
     */
    @Override
    public String heldInstead() {
        if (!ended || given > 0 || headerLines + marks + eventLines == 0) {
            return null;
        }
        if (eventLines == 0) {
            String what = headerLines == 0 ? "" : "uvmctl's trace header" + (marks == 0 ? "" : " and ");
            return what + (marks == 0 ? "" : marks + (marks == 1 ? " line" : " lines") + " written into trace_marker")
                + ", and no line of a probe: the probes saw nothing while it was recorded";
        }
        StringBuilder list = new StringBuilder();
        long named = 0;
        for (Map.Entry<String, Long> e : names.entrySet()) {
            list.append(list.length() == 0 ? "" : ", ").append(e.getKey()).append(' ').append(e.getValue());
            named += e.getValue();
        }
        if (named < eventLines) {
            list.append(", other ").append(eventLines - named);
        }
        String held = eventLines + (eventLines == 1 ? " event line" : " event lines") + " (" + list + ")";
        long others = events.otherEventLines();
        if (others == eventLines) {
            return held + " and none the model replays ('uvmctl trace print-probes' lists the probes it reads)";
        }
        // Lines of uvmctl's probes that gave nothing: a migration of a va_space the trace never saw made, a return without its
        // entry, a value the layout checks refused. The diagnostics before this say which, line by line or counted.
        return held + ", " + (others == 0 ? "" : others + " of them other tools' events and ") + "none of uvmctl's probes' lines an "
            + "event the model could place (the diagnostics say why)";
    }

    @Override
    public String unseenHolders() {
        return ended ? events.unseenHolders() : null;
    }

    @Override
    public EventTime began() {
        return ended ? events.began() : null;
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }
}
