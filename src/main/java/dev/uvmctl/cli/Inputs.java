package dev.uvmctl.cli;

import dev.uvmctl.ingest.EventInputs;
import dev.uvmctl.ingest.FtraceEventSource;
import dev.uvmctl.ingest.OpenedInput;
import dev.uvmctl.ingest.RootEventSource;
import dev.uvmctl.ingest.RootKernelLogEventSource;
import dev.uvmctl.finding.LeaksReport.Unreadable;
import dev.uvmctl.procfs.CaptureRun;
import dev.uvmctl.render.TerminalText;
import dev.uvmctl.shared.Diagnostic;
import dev.uvmctl.source.InputFile;
import dev.uvmctl.source.IoErrors;
import dev.uvmctl.source.SubtreeSysRoot;
import dev.uvmctl.source.SysRoot;
import dev.uvmctl.source.SystemRoots;
import java.io.IOException;
import java.io.PushbackInputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Opens the inputs of a command that reads events: files (format chosen by content), files
 * forced to NDJSON ({@code --events}), directories and {@code .tar.gz} bundles (system roots),
 * and, with none of these, the system root ({@code --root}, or the live system). What cannot be
 * read, and what an input turned out not to show, is collected, never skipped silently: the
 * command then exits 3.
 */
final class Inputs {
    private final List<OpenedInput> opened = new ArrayList<>();
    private final List<Unreadable> unreadable = new ArrayList<>();
    private final long tolerance;
    private SysRoot lastRoot;

    private Inputs(long tolerance) {
        this.tolerance = tolerance;
    }

    /** {@code tolerance}: GPU memory in use a snapshot may leave unaccounted for (as {@code --tolerance}) before it is incomplete. */
    static Inputs open(CliContext context, List<String> files, List<String> eventFiles, long tolerance, Consumer<Diagnostic> diagnostics) {
        long stdin = files.stream().filter(InputFile.STDIN::equals).count() + eventFiles.stream().filter(InputFile.STDIN::equals).count();
        if (stdin > 1) {
            throw UvmctlException.usage("'-' (standard input) is given more than once");
        }
        Inputs inputs = new Inputs(tolerance);
        for (String f : eventFiles) {
            InputFile in = context.input(f);
            try {
                inputs.opened.add(EventInputs.open(in, EventSources.NDJSON, diagnostics));
            } catch (IOException e) {
                inputs.unreadable.add(new Unreadable(in.name(), IoErrors.describe(e)));
            }
        }
        for (String f : files) {
            InputFile in = context.input(f);
            if (SystemRoots.isRoot(in)) {
                inputs.root(context, in, diagnostics);
                continue;
            }
            try {
                inputs.opened.add(EventInputs.open(in, EventSources.files(inputs.tolerance), diagnostics));
            } catch (IOException e) {
                inputs.unreadable.add(new Unreadable(in.name(), IoErrors.describe(e)));
            }
        }
        if (files.isEmpty() && eventFiles.isEmpty()) {
            inputs.root(context, context.sysRoot(), context.live() ? "the live system" : context.rootArgument().toString(), context.live(),
                diagnostics);
        }
        return inputs;
    }

    /** No inputs yet: a live trace alone is added. */
    static Inputs none(long tolerance) {
        return new Inputs(tolerance);
    }

    void add(OpenedInput input) {
        opened.add(input);
    }

    /**
     * What the inputs read so far could not show (see {@link dev.uvmctl.event.EventReader#incomplete()}),
     * by input; ask once they have been read to their end.
     */
    List<Unreadable> incomplete() {
        return incomplete(opened);
    }

    /** What {@code inputs}, read to their end, turned out not to show, by input. */
    static List<Unreadable> incomplete(List<OpenedInput> inputs) {
        List<Unreadable> out = new ArrayList<>();
        for (OpenedInput o : inputs) {
            for (String gap : o.reader().incomplete()) {
                out.add(new Unreadable(o.name(), gap));
            }
        }
        return out;
    }

    /**
     * Why the inputs, read to their end, gave no event, for the answer that there is nothing to judge (leaks and events say it
     * alike): what each held instead ({@link dev.uvmctl.event.EventReader#heldInstead()}), else whether it is the right file.
     */
    String noEvents() {
        StringBuilder held = new StringBuilder();
        for (OpenedInput o : opened) {
            String h = o.reader().heldInstead();
            if (h != null) {
                held.append(held.length() == 0 ? ": " : "; ").append(TerminalText.escape(o.name())).append(" holds ").append(h);
            }
        }
        return held.length() == 0 ? " (is this the right file?)" : held.toString();
    }

    /** The system root opened last (the end of the history when captures are given in order), or null when none was. */
    SysRoot lastRoot() {
        return lastRoot;
    }

    List<OpenedInput> opened() {
        return opened;
    }

    List<Unreadable> unreadable() {
        return unreadable;
    }

    /** A directory or bundle given as an input: a system root, never the live one. */
    private void root(CliContext context, InputFile in, Consumer<Diagnostic> diagnostics) {
        SysRoot root;
        try {
            root = context.rootAt(in.path());
        } catch (UvmctlException e) {
            unreadable.add(new Unreadable(in.name(), e.getMessage()));
            return;
        }
        CaptureRun run = CaptureRun.of(root);
        if (run != null) {
            captureRun(context, root, in.name(), run, diagnostics);
            return;
        }
        root(context, root, in.name(), false, diagnostics);
    }

    /**
     * What dev/capture-real.sh wrote, given whole: its kernel log (of the run's boot), its trace and
     * its snapshots in the order they were taken, as when each is given by name.
     */
    private void captureRun(CliContext context, SysRoot root, String name, CaptureRun run, Consumer<Diagnostic> diagnostics) {
        RootKernelLogEventSource log = new RootKernelLogEventSource(false, context.kernelLogCommands());
        if (log.finds(root)) {
            try {
                opened.add(new OpenedInput(name + " (" + log.format() + ")", log.format(), log.open(root, run.bootId(), diagnostics)));
            } catch (IOException e) {
                unreadable.add(new Unreadable(name, log.format() + ": " + IoErrors.describe(e)));
            }
        } else {
            unreadable.add(new Unreadable(name, "the capture keeps no kernel log (" + String.join(", ", RootKernelLogEventSource.PLACES.stream()
                .map(p -> p.substring(1)).toList()) + "): the run's OOM kills and driver messages are unknown"));
        }
        if (run.trace() != null) {
            String trace = name + run.trace();
            try {
                PushbackInputStream in = new PushbackInputStream(InputFile.text(root.open(run.trace()), trace), 1);
                int first = in.read();
                if (first < 0) {
                    in.close();
                    // As the file given by name: empty evidence is no answer (the probes were set, and read nothing back).
                    unreadable.add(new Unreadable(trace, "is empty"));
                } else {
                    in.unread(first);
                    FtraceEventSource source = new FtraceEventSource();
                    opened.add(new OpenedInput(trace, source.format(), source.open(in, trace, diagnostics)));
                }
            } catch (IOException e) {
                unreadable.add(new Unreadable(trace, IoErrors.describe(e)));
            }
        }
        for (String dir : run.snapshots()) {
            String snapshot = name + dir;
            root(context, new SubtreeSysRoot(root, dir, snapshot), snapshot, false, diagnostics);
        }
    }

    private void root(CliContext context, SysRoot root, String name, boolean live, Consumer<Diagnostic> diagnostics) {
        lastRoot = root;
        List<RootEventSource> sources = EventSources.roots(context, live, tolerance);
        List<RootEventSource> found = sources.stream().filter(s -> s.finds(root)).toList();
        boolean any = !found.isEmpty();
        for (RootEventSource source : sources) {
            if (!found.contains(source) && !(any && source.readWheneverTheRootIs())) {
                continue;
            }
            try {
                opened.add(new OpenedInput(name + " (" + source.format() + ")", source.format(), source.open(root, diagnostics)));
            } catch (IOException e) {
                unreadable.add(new Unreadable(name, source.format() + ": " + IoErrors.describe(e)));
            }
        }
        if (!any) {
            unreadable.add(new Unreadable(name, "neither a kernel log (" + String.join(", ", RootKernelLogEventSource.PLACES.stream()
                .map(p -> p.substring(1)).toList()) + ") nor a process table (/proc/PID) is there: give a system root, a bundle "
                + "'uvmctl capture' wrote, a kernel log, or recorded events (FILE.ndjson, --events -)" + holds(root)));
        }
    }

    /**
     * What a directory that is no root holds at its top that could be an input itself (a folder of
     * examples, of captures, of saved traces), for the user to give instead: up to four names.
     */
    private static String holds(SysRoot root) {
        List<String> files = new ArrayList<>();
        try {
            for (String name : root.list("/")) {
                if (!name.startsWith(".") && !name.toUpperCase(Locale.ROOT).startsWith("README") && !root.isDirectory("/" + name)) {
                    files.add(name);
                }
            }
        } catch (IOException e) {
            return "";
        }
        if (files.isEmpty()) {
            return "";
        }
        Collections.sort(files);
        String names = String.join(", ", files.subList(0, Math.min(4, files.size()))) + (files.size() > 4 ? ", ..." : "");
        return " (it holds " + names + (files.size() == 1 ? ": give that file" : ": give one of those") + ")";
    }
}
