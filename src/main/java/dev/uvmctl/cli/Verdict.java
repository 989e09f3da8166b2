package dev.uvmctl.cli;

import dev.uvmctl.event.EventTime;
import dev.uvmctl.finding.Finding;
import dev.uvmctl.finding.LeakFinder;
import dev.uvmctl.finding.LeaksReport.Unreadable;
import dev.uvmctl.ingest.EventMerger;
import dev.uvmctl.ingest.OpenedInput;
import dev.uvmctl.ingest.Replay;
import dev.uvmctl.ingest.RootKernelLogEventSource;
import dev.uvmctl.ingest.SnapshotEventSource;
import dev.uvmctl.model.ReclaimModel;
import dev.uvmctl.procfs.VaSpaceView;
import dev.uvmctl.shared.Counted;
import dev.uvmctl.shared.Diagnostic;
import dev.uvmctl.source.IoErrors;
import dev.uvmctl.source.SysRoot;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The one verdict of every command that judges: events replayed into the reclaim model and
 * concluded by the {@link LeakFinder}. {@code leaks} judges its inputs; {@code holders},
 * {@code va-spaces} and {@code watch} judge the snapshot they show, with the kernel log of the
 * root it was read from, which are the events {@code leaks} reads from that root: every command
 * gives the same findings and the same exit status on the same root.
 */
final class Verdict {
    private Verdict() {
    }

    /** The model after the replay, the replay, its conclusions, and what could not be read (non-empty: incomplete). */
    record Result(ReclaimModel model, Replay.Result replay, LeakFinder.Conclusions conclusions, List<Unreadable> unreadable) {

        /** Incomplete (3) before found (1): never "nothing found" when something could not be read, or nothing was. */
        int exitCode(List<Finding> reported) {
            if (!unreadable.isEmpty() || replay.events() == 0) {
                return ExitCode.INCOMPLETE;
            }
            return reported.isEmpty() ? ExitCode.OK : ExitCode.FOUND;
        }
    }

    /**
     * Replays {@code inputs} into a fresh model and concludes; {@code unreadable}: what could not be
     * opened, to which the inputs' failures and what they turned out not to show are added.
     */
    static Result of(List<OpenedInput> inputs, List<Unreadable> unreadable, long tolerance, Consumer<Diagnostic> diagnostics) {
        return of(inputs, unreadable, tolerance, diagnostics, (m, model) -> { });
    }

    /**
     * As {@link #of(List, List, long, Consumer)}, with {@code observer} seeing every event as it is
     * replayed, with the model after it (the metrics; findings said as they appear).
     */
    static Result of(List<OpenedInput> inputs, List<Unreadable> unreadable, long tolerance, Consumer<Diagnostic> diagnostics,
                     BiConsumer<EventMerger, ReclaimModel> observer) {
        ReclaimModel model = new ReclaimModel(diagnostics, tolerance);
        Replay.Result replay = Replay.run(inputs, diagnostics, m -> {
            model.apply(m.event(), m.boot(), m.time());
            observer.accept(m, model);
        });
        model.finish();
        List<Unreadable> all = new ArrayList<>(unreadable);
        for (EventMerger.Failure f : replay.failures()) {
            all.add(new Unreadable(f.input(), f.message()));
        }
        all.addAll(Inputs.incomplete(inputs));
        LeakFinder.Conclusions conclusions = new LeakFinder(model, tolerance).conclude();
        all.addAll(holdersUnknown(inputs, replay, model, conclusions));
        return new Result(model, replay, conclusions, List.copyOf(all));
    }

    /**
     * What is in use with no input to say who holds it: the va_spaces the model took to exist from an input's middle and never
     * saw held ({@link ReclaimModel#holdersUnknown}), and those a trace saw in use without giving an event of them
     * ({@link dev.uvmctl.event.EventReader#unseenHolders}). Each existed when the input that showed it began; unless a snapshot
     * of every holder taken since then names them, or their boot ended ({@link ReclaimModel#listedSince}), whether their memory
     * should have been released is not known, and the answer is incomplete.
     */
    private static List<Unreadable> holdersUnknown(List<OpenedInput> inputs, Replay.Result replay, ReclaimModel model,
                                                   LeakFinder.Conclusions conclusions) {
        List<Unreadable> out = new ArrayList<>();
        for (OpenedInput o : inputs) {
            String unseen = o.reader().unseenHolders();
            if (unseen != null && !listedSince(o, replay, model)) {
                out.add(new Unreadable(o.name(), unseen));
            }
        }
        Map<String, List<String>> byInput = new LinkedHashMap<>();
        for (LeakFinder.HoldersUnknown h : conclusions.holdersUnknown()) {
            // It existed when it was first shown, and when the input that showed it began; an NDJSON copy names the input it was
            // made from, which may not be among these.
            OpenedInput from = inputs.stream().filter(o -> o.name().equals(h.input())).findFirst().orElse(null);
            if (!model.listedSince(h.boot(), h.seenAt()) && (from == null || !listedSince(from, replay, model))) {
                byInput.computeIfAbsent(h.input() == null ? "the inputs" : h.input(), k -> new ArrayList<>()).add(h.vaSpace());
            }
        }
        byInput.forEach((input, ids) -> out.add(new Unreadable(input, Counted.of(ids.size(), "va_space") + " in use ("
            + Counted.firstOf(ids, 4) + ") that no input showed made (they began after " + (ids.size() == 1 ? "it" : "them") + ") or held: whether that memory "
            + "should have been released is not judged; a snapshot of every holder taken after this input began (a system root, "
            + "'uvmctl capture') names the holders")));
        return out;
    }

    /**
     * Whether a snapshot of every holder was taken in the input's boot since it began: since its own first line where it tells
     * one (a live trace's start mark comes before the snapshot the run takes; a trace that gave no event has no place in
     * replay), else since its first event as replay placed it.
     */
    private static boolean listedSince(OpenedInput input, Replay.Result replay, ReclaimModel model) {
        EventMerger.Start placed = replay.starts().get(input);
        EventTime own = input.reader().began();
        if (own != null && own.hasMono()) {
            // A trace that names no boot is replayed in the boot the others name.
            String boot = own.boot() != null ? own.boot() : placed != null ? placed.boot() : model.boot();
            if (model.listedSince(boot, own.monoNanos())) {
                return true;
            }
        }
        return placed != null && model.listedSince(placed.boot(), placed.time());
    }

    /**
     * The verdict on a snapshot already read (and shown): its events, after the kernel log of
     * {@code root} when there is one ({@code root} null: the snapshot came from a file), both named
     * after {@code name} as {@code leaks} names a root's inputs.
     */
    static Result ofSnapshot(String name, VaSpaceView view, SysRoot root, RootKernelLogEventSource log, long tolerance,
                             Consumer<Diagnostic> diagnostics) {
        List<OpenedInput> inputs = new ArrayList<>();
        List<Unreadable> unreadable = new ArrayList<>();
        if (root != null && log.finds(root)) {
            try {
                inputs.add(new OpenedInput(name + " (" + log.format() + ")", log.format(), log.open(root, diagnostics)));
            } catch (IOException e) {
                unreadable.add(new Unreadable(name, log.format() + ": " + IoErrors.describe(e)));
            }
        }
        inputs.add(new OpenedInput(snapshotInput(name), "snapshot", SnapshotEventSource.of(view, tolerance, diagnostics)));
        return of(inputs, unreadable, tolerance, diagnostics);
    }

    /** The name of the snapshot's input, as {@code leaks} names a root's snapshot. */
    static String snapshotInput(String name) {
        return name + " (snapshot)";
    }
}
