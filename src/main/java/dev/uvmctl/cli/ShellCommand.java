package dev.uvmctl.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jline.terminal.Terminal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code uvmctl shell}: every command in one JVM, against a root chosen once. */
@Command(name = "shell",
    mixinStandardHelpOptions = true,
    header = "Interactive shell: every command in one JVM, against a root chosen once.",
    description = "Interactive shell: run uvmctl commands without restarting the JVM, with TAB completion and history, "
        + "against the --root given here; files parsed once are kept until they change.",
    footerHeading = "%nExamples:%n",
    footer = {
        "  uvmctl shell --root bundle/   then: params --changed, params explain uvm_disable_hmm, ...",
    })
public final class ShellCommand implements Callable<Integer> {
    @ParentCommand
    UvmctlCommand top;

    @Option(names = "--history", paramLabel = "FILE",
        description = "History file (default: $XDG_STATE_HOME/uvmctl/history, else ~/.local/state/uvmctl/history).")
    Path history;

    @Override
    public Integer call() {
        CliContext c = top.context();
        Path file = history != null ? history : defaultHistory(c);
        try {
            if (file != null && file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
        } catch (IOException e) {
            throw UvmctlException.usage("cannot keep the shell history in " + file + ": " + e.getMessage()
                + " (use --history FILE)");
        }
        try (Terminal terminal = c.terminalOpener().open()) {
            return new Shell(c, terminal, file).run();
        } catch (IOException e) {
            throw UvmctlException.incomplete("cannot open a terminal for the shell: " + e.getMessage());
        }
    }

    private static Path defaultHistory(CliContext c) {
        String state = c.env().get("XDG_STATE_HOME");
        if (state != null && !state.isEmpty()) {
            return Path.of(state, "uvmctl", "history");
        }
        String home = c.env().get("HOME");
        return home == null || home.isEmpty() ? null : Path.of(home, ".local", "state", "uvmctl", "history");
    }
}
