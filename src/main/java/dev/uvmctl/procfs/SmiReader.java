package dev.uvmctl.procfs;

import dev.uvmctl.source.BundleManifest;
import dev.uvmctl.source.CommandRunner;
import dev.uvmctl.shared.Diagnostic;
import dev.uvmctl.shared.Provenance;
import dev.uvmctl.source.IoErrors;
import dev.uvmctl.source.SysRoot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Gets nvidia-smi's view: on the live system by running it (when it is on the PATH, with a
 * timeout), elsewhere from the outputs a bundle or fixture keeps under {@link BundlePaths#COMMANDS}.
 * What went wrong (not on the PATH, timed out, failed) becomes a note: the process scan stands on
 * its own without it.
 */
public final class SmiReader {
    /** Long enough for a healthy node with many GPUs; a wedged GPU never answers. */
    public static final Duration TIMEOUT = Duration.ofSeconds(20);

    private SmiReader() {
    }

    /** An nvidia-smi output: where it came from, its text, and the exit status it ended with (null: not known, read from a file). */
    public record Output(String input, String text, Integer exitStatus) {
    }

    /** Parses each output with the parser its content calls for. */
    public static List<SmiSnapshot> parse(List<Output> outputs, List<Diagnostic> diagnostics) {
        List<SmiSnapshot> out = new ArrayList<>();
        for (Output o : outputs) {
            SmiSnapshot s = parseOne(o.text(), o.input(), diagnostics);
            if (s != null) {
                out.add(s);
            }
        }
        return out;
    }

    /** One output of any supported form: CSV, the default table, or {@code -q}; null, after one diagnostic, for {@code -q -x} XML. */
    public static SmiSnapshot parseOne(String text, String input, List<Diagnostic> diagnostics) {
        if (text.strip().startsWith("<")) {
            diagnostics.add(Diagnostic.of(input, "nvidia-smi -q -x (XML) output is not read: save 'nvidia-smi -q' or the CSV queries "
                + "(uvmctl capture does)"));
            return null;
        }
        if (NvidiaSmiQueryParser.looksLikeQuery(text)) {
            return NvidiaSmiQueryParser.parse(text, input, diagnostics);
        }
        if (NvidiaSmiTableParser.looksLikeTable(text)) {
            return NvidiaSmiTableParser.parse(text, input, diagnostics);
        }
        return NvidiaSmiCsvParser.parse(text, input, diagnostics);
    }

    /**
     * The outputs a system root keeps (bundle or fixture): the two CSV queries, as a live run reads;
     * {@code -q}, else the table, only for what a missing CSV would have told. Each is named by the
     * command that made it when the bundle's manifest says, else by its path.
     */
    public static List<Output> fromRoot(SysRoot root, BundleManifest manifest, List<Diagnostic> diagnostics) {
        List<Output> out = new ArrayList<>();
        String gpu = firstOf(root, BundlePaths.SMI_QUERY_GPU, BundlePaths.SNAPSHOT_SMI_QUERY_GPU);
        String apps = firstOf(root, BundlePaths.SMI_QUERY_APPS, BundlePaths.SNAPSHOT_SMI_QUERY_APPS);
        List<String> paths = new ArrayList<>();
        if (gpu != null) {
            paths.add(gpu);
        }
        if (apps != null) {
            paths.add(apps);
        }
        if (gpu == null || apps == null) {
            if (root.exists(BundlePaths.SMI_Q)) {
                paths.add(BundlePaths.SMI_Q);
            } else if (root.exists(BundlePaths.SMI_TABLE)) {
                paths.add(BundlePaths.SMI_TABLE);
            }
        }
        for (String path : paths) {
            String name = manifest == null || manifest.commandAt(path) == null ? root.display(path) : manifest.commandAt(path);
            try {
                out.add(new Output(name, root.readString(path), null));
            } catch (IOException e) {
                diagnostics.add(Diagnostic.of(root.display(path), IoErrors.describe(e)));
            }
        }
        return out;
    }

    /** The first of {@code paths} that {@code root} has, or null. */
    private static String firstOf(SysRoot root, String... paths) {
        for (String p : paths) {
            if (root.exists(p)) {
                return p;
            }
        }
        return null;
    }

    /** Runs the CSV queries on the live system; {@code notes} says why something is missing. */
    public static List<Output> run(CommandRunner runner, List<String> notes) {
        List<Output> out = new ArrayList<>();
        if (!runner.available(SmiCommands.PROGRAM)) {
            notes.add("nvidia-smi is not on the PATH: GPU memory totals and NVML's process list are unknown");
            return out;
        }
        Output gpu = runOne(runner, SmiCommands.QUERY_GPU, notes, true);
        if (gpu == null) {
            gpu = runOne(runner, SmiCommands.QUERY_GPU_OLD, notes, false);
        }
        if (gpu != null) {
            out.add(gpu);
            Output apps = runOne(runner, SmiCommands.QUERY_APPS, notes, false);
            if (apps != null) {
                out.add(apps);
            }
        }
        return out;
    }

    /** The output, or null after a note; {@code quietOnUsage} for the query a fallback may repeat. */
    static Output runOne(CommandRunner runner, List<String> command, List<String> notes, boolean quietOnUsage) {
        String name = String.join(" ", command);
        CommandRunner.Result r;
        try {
            r = runner.run(command, TIMEOUT);
        } catch (IOException e) {
            notes.add(name + ": " + IoErrors.describe(e));
            return null;
        }
        if (r.timedOut()) {
            notes.add(name + ": no answer within " + TIMEOUT.toSeconds() + " s (a wedged GPU or a hung driver); it was killed"
                + " (a process stuck in the driver may not die)");
            return null;
        }
        String stdout = new String(r.stdout(), StandardCharsets.UTF_8);
        if (r.exitCode() != 0) {
            if (!(quietOnUsage && r.exitCode() == 2)) {
                String first = r.stderr().isBlank() ? stdout : r.stderr();
                notes.add(name + ": exit status " + r.exitCode() + ": " + first.strip().lines().findFirst().orElse(""));
            }
            // A GPU it could not reach fails the command, but the output still says which GPU, and may hold the others.
            String said = stdout + (stdout.isEmpty() || stdout.endsWith("\n") ? "" : "\n") + r.stderr();
            boolean unreachable = said.lines().anyMatch(l -> SmiValues.unreachable(l, Provenance.of(name)) != null);
            return unreachable ? new Output(name, said, r.exitCode()) : null;
        }
        return new Output(name, stdout, 0);
    }
}
