package dev.uvmctl.model;

import dev.uvmctl.ingest.EventMerger;
import dev.uvmctl.ingest.OpenedInput;
import dev.uvmctl.shared.Diagnostic;
import dev.uvmctl.source.IoErrors;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Replays opened inputs into a fresh {@link ReclaimModel}: merges them into replay order,
 * applies every event, finishes the model and closes the inputs. What {@code uvmctl leaks} and
 * {@code uvmctl watch} both do before they look for findings.
 */
public final class Replay {
    /** The finished model, how many events each input gave, and the inputs that failed part way. */
    public record Result(ReclaimModel model, Map<OpenedInput, Long> counts, List<EventMerger.Failure> failures) {
    }

    private Replay() {
    }

    public static Result run(List<OpenedInput> inputs, Consumer<Diagnostic> diagnostics, long tolerance) {
        EventMerger merger = new EventMerger(inputs, diagnostics);
        ReclaimModel model = new ReclaimModel(diagnostics, tolerance);
        while (merger.advance()) {
            model.apply(merger.event(), merger.boot(), merger.time());
        }
        model.finish();
        List<EventMerger.Failure> failures = new ArrayList<>(merger.failures());
        try {
            merger.close();
        } catch (IOException e) {
            failures.add(new EventMerger.Failure("an input", "could not be closed: " + IoErrors.describe(e)));
        }
        return new Result(model, merger.counts(), List.copyOf(failures));
    }
}
