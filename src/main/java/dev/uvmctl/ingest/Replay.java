package dev.uvmctl.ingest;

import dev.uvmctl.shared.Diagnostic;
import dev.uvmctl.source.IoErrors;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The one replay loop: merges opened inputs into replay order, hands every event to
 * {@code each} (the reclaim model, the event encoder, the events table), and closes the inputs.
 * {@code uvmctl leaks}, {@code events} and {@code watch} all read their inputs through it.
 */
public final class Replay {
    /** How many events each input gave, and the inputs that failed part way. */
    /** @param starts where each input that gave events began in replay ({@link EventMerger#starts}) */
    public record Result(Map<OpenedInput, Long> counts, List<EventMerger.Failure> failures, Map<OpenedInput, EventMerger.Start> starts) {
        public long events() {
            return counts.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private Replay() {
    }

    public static Result run(List<OpenedInput> inputs, Consumer<Diagnostic> diagnostics, Consumer<EventMerger> each) {
        EventMerger merger = new EventMerger(inputs, diagnostics);
        while (merger.advance()) {
            each.accept(merger);
        }
        List<EventMerger.Failure> failures = new ArrayList<>(merger.failures());
        try {
            merger.close();
        } catch (IOException e) {
            failures.add(new EventMerger.Failure("an input", "could not be closed: " + IoErrors.describe(e)));
        }
        return new Result(merger.counts(), List.copyOf(failures), merger.starts());
    }
}
