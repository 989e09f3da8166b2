package dev.uvmctl.cli;

import dev.uvmctl.event.EventInputs;
import dev.uvmctl.event.OpenedInput;
import dev.uvmctl.event.RootEventSource;
import dev.uvmctl.event.UnrecognizedInputException;
import dev.uvmctl.report.LeaksReport.Unreadable;
import dev.uvmctl.source.Diagnostic;
import dev.uvmctl.source.DirectorySysRoot;
import dev.uvmctl.source.InputFile;
import dev.uvmctl.source.IoErrors;
import dev.uvmctl.source.SysRoot;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Opens the inputs of a command that reads events: files (format chosen by content), files
 * forced to NDJSON ({@code --events}), directories (system roots), and, with none of these, the
 * system root ({@code --root}, or the live system). What cannot be read is collected, never
 * skipped silently: the command then exits 3.
 */
final class Inputs {
    private final List<OpenedInput> opened = new ArrayList<>();
    private final List<Unreadable> unreadable = new ArrayList<>();

    private Inputs() {
    }

    static Inputs open(CliContext context, List<String> files, List<String> eventFiles, Consumer<Diagnostic> diagnostics) {
        long stdin = files.stream().filter(InputFile.STDIN::equals).count() + eventFiles.stream().filter(InputFile.STDIN::equals).count();
        if (stdin > 1) {
            throw UvmctlException.usage("'-' (standard input) is given more than once");
        }
        Inputs inputs = new Inputs();
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
            if (in.isDirectory()) {
                inputs.root(new DirectorySysRoot(in.path()), in.name(), diagnostics);
                continue;
            }
            try {
                inputs.opened.add(EventInputs.open(in, EventSources.files(), diagnostics));
            } catch (IOException e) {
                inputs.unreadable.add(new Unreadable(in.name(), IoErrors.describe(e)));
            } catch (UnrecognizedInputException e) {
                inputs.unreadable.add(new Unreadable(in.name(), e.getMessage()));
            }
        }
        if (files.isEmpty() && eventFiles.isEmpty()) {
            inputs.root(context.sysRoot(), context.rootGiven() ? context.rootArgument().toString() : "the live system", diagnostics);
        }
        return inputs;
    }

    List<OpenedInput> opened() {
        return opened;
    }

    List<Unreadable> unreadable() {
        return unreadable;
    }

    private void root(SysRoot root, String name, Consumer<Diagnostic> diagnostics) {
        boolean any = false;
        for (RootEventSource source : EventSources.roots()) {
            if (!source.finds(root)) {
                continue;
            }
            any = true;
            try {
                opened.add(new OpenedInput(name + " (" + source.format() + ")", source.format(), source.open(root, diagnostics)));
            } catch (IOException e) {
                unreadable.add(new Unreadable(name, source.format() + ": " + IoErrors.describe(e)));
            }
        }
        if (!any) {
            unreadable.add(new Unreadable(name, "nothing there that uvmctl can read yet (readers for the kernel log, /proc and "
                + "nvidia-smi output are still to come): give recorded events instead, as FILE.ndjson or --events - for standard input"));
        }
    }
}
