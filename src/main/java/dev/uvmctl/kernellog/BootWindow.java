package dev.uvmctl.kernellog;

import dev.uvmctl.shared.Diagnostic;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Applies the boot selection and the filters to the records of one input, log by log: with
 * {@link BootSelection#LAST} the records of a boot are held back (accepted, not committed) until
 * the log ends or a later boot shows they are not the last. A bug report's {@code journalctl -b -1}
 * and {@code -2} sections hold earlier boots by their very name and are left out of {@code last}.
 */
public final class BootWindow implements KernelLogReader.Sink {
    private static final Pattern EARLIER_BOOT = Pattern.compile("^journalctl -b -[1-9]\\d*$");

    private final BootSelection selection;
    private final RecordFilter filter;
    private final RecordSink sink;
    private final Consumer<Diagnostic> diagnostics;
    private final Consumer<KernelLogReader.StreamStats> streams;
    private int boot;
    private boolean skip;

    public BootWindow(BootSelection selection, RecordFilter filter, RecordSink sink, Consumer<Diagnostic> diagnostics,
                      Consumer<KernelLogReader.StreamStats> streams) {
        this.selection = selection;
        this.filter = filter;
        this.sink = sink;
        this.diagnostics = diagnostics;
        this.streams = streams;
    }

    @Override
    public void streamStarted(String input, String section) {
        boot = 0;
        skip = selection.mode() == BootSelection.Mode.LAST && section != null && EARLIER_BOOT.matcher(section).matches();
    }

    @Override
    public void record(KernelRecord r) {
        int b = r.origin().boot();
        // A switch expression (its value unused), so the compiler checks that every mode has its case.
        boolean kept = switch (selection.mode()) {
            case ALL -> {
                if (filter.test(r)) {
                    sink.accept(r);
                    sink.commit();
                }
                yield true;
            }
            case INDEX -> {
                if (b == selection.index() && filter.test(r)) {
                    sink.accept(r);
                    sink.commit();
                }
                yield true;
            }
            case LAST -> {
                if (skip) {
                    yield false;
                }
                if (b != boot) {
                    sink.discard();
                    boot = b;
                }
                if (filter.test(r)) {
                    sink.accept(r);
                }
                yield true;
            }
        };
    }

    @Override
    public void diagnostic(Diagnostic d) {
        diagnostics.accept(d);
    }

    @Override
    public void streamEnded(KernelLogReader.StreamStats stats) {
        sink.commit();
        streams.accept(stats);
    }
}
