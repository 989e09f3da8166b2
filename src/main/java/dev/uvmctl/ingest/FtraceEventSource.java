package dev.uvmctl.ingest;

import dev.uvmctl.event.EventReader;
import dev.uvmctl.ftrace.FtraceParser;
import dev.uvmctl.shared.Diagnostic;
import dev.uvmctl.shared.Provenance;
import java.io.InputStream;
import java.util.List;
import java.util.function.Consumer;

/**
 * Ftrace text of uvmctl's UVM probes (docs/trace.md): a {@code trace_pipe} saved by hand or by
 * {@code uvmctl trace record}, or the {@code trace} file, recognized by its first line, or, when that
 * is damaged, by the lines after it (EventInputs.mostly).
 */
public final class FtraceEventSource implements EventSource {
    private final Listener listener;

    public FtraceEventSource() {
        this((probe, why) -> { });
    }

    /**
     * A source that tells {@code listener} of every probe whose values fail the layout checks (a live run removes it), and of the
     * teardowns that have not returned for the hung-task timeout (a live view shows them).
     */
    public FtraceEventSource(Listener listener) {
        this.listener = listener;
    }

    /** Told of a probe whose values showed that its layout is not the driver's, and of teardowns that hang as the trace goes on. */
    @FunctionalInterface
    public interface Listener {
        void rejected(String probe, String why);

        /**
         * The {@code uvm_va_space_destroy} calls that have not returned 120 s or more after their entry, as of the trace's latest
         * line, that the end of the input would judge blocked if it came now: told each time the list changes (one crosses the
         * timeout, or one of them returns). The judgement itself comes only at the end, where no later return can be missed.
         */
        default void hanging(List<HangingTeardown> teardowns) {
        }
    }

    /**
     * A teardown entered on thread {@code tid} of {@code process} ({@code comm}, null when unknown) for {@code vaSpace}, at
     * {@code enteredNanos} of the trace clock, not returned by {@code latestNanos}, the trace's latest line.
     */
    public record HangingTeardown(int tid, int process, String comm, String vaSpace, long enteredNanos, long latestNanos) {
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
