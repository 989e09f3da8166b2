package dev.uvmctl.ingest;

import dev.uvmctl.event.EventReader;
import dev.uvmctl.ftrace.FtraceParser;
import dev.uvmctl.shared.Diagnostic;
import dev.uvmctl.shared.Provenance;
import java.io.InputStream;
import java.util.function.Consumer;

/**
 * Ftrace text of uvmctl's UVM probes (docs/trace.md): a {@code trace_pipe} saved by hand or by
 * {@code uvmctl trace record}, or the {@code trace} file, recognized by its first line, or, when that
 * is damaged, by the lines after it (EventInputs.mostly).
 */
public final class FtraceEventSource implements EventSource {
    private final LayoutListener listener;

    public FtraceEventSource() {
        this((probe, why) -> { });
    }

    /** A source that tells {@code listener} of every probe whose values fail the layout checks (a live run removes it). */
    public FtraceEventSource(LayoutListener listener) {
        this.listener = listener;
    }

    /** Told of a probe whose values showed that its layout is not the driver's. */
    @FunctionalInterface
    public interface LayoutListener {
        void rejected(String probe, String why);
    }

    @Override
    public String format() {
        return "ftrace";
    }

    @Override
    public boolean recognizes(String head) {
        return FtraceParser.recognizes(head) || EventInputs.mostly(head, FtraceParser::isTraceLine, line -> line.startsWith("#"));
    }

    @Override
    public EventReader open(InputStream in, String input, Consumer<Diagnostic> diagnostics) {
        return new FtraceEventReader(in, input, diagnostics, listener, null);
    }

    /** Events that keep where their lines are, not their text, when {@code again} can read them again. */
    @Override
    public EventReader open(InputStream in, String input, Consumer<Diagnostic> diagnostics, Provenance.Lines again) {
        return new FtraceEventReader(in, input, diagnostics, listener, again);
    }
}
