package dev.uvmctl.cli;

import dev.uvmctl.report.ColorMode;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The top command. Its options are global: they may be given before or after a subcommand. */
@Command(
    name = "uvmctl",
    scope = ScopeType.INHERIT,
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    usageHelpAutoWidth = true,
    header = "Finds GPU memory that should have been released and was not.",
    description = "Finds GPU memory (UVM, managed, HMM) that should have been released and was not: "
        + "what is still held, by whom, since when, and the input lines that prove it.",
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
        " 0:ran and found nothing to report",
        " 1:ran and found something (unreleased memory, a failing check)",
        " 2:usage error",
        " 3:could not read what it needed; the answer would be incomplete",
        "70:internal error (a bug); rerun with --debug for the stack trace",
    },
    footerHeading = "%nEnvironment:%n",
    footer = {
        "  NO_COLOR        set to anything: no colour (unless --color=always)",
        "  CLICOLOR_FORCE  set: colour even when not writing to a terminal",
    })
public final class UvmctlCommand implements Callable<Integer> {
    /**
     * The subcommands, in the order help lists them. Not in the annotation: the factory adds
     * them, and for a single run only the one named (see {@link CommandLineFactory#forArgs}).
     */
    static final List<Class<?>> SUBCOMMANDS = List.of(LeaksCommand.class, EventsCommand.class, ParamsCommand.class,
        DmesgCommand.class, VaSpacesCommand.class, HoldersCommand.class, CaptureCommand.class, WatchCommand.class, ShellCommand.class,
        CompletionCommand.class);

    private final CliContext context;

    @Spec
    CommandSpec spec;

    public UvmctlCommand(CliContext context) {
        this.context = context;
    }

    public CliContext context() {
        return context;
    }

    @Option(names = "--color", paramLabel = "WHEN", scope = ScopeType.INHERIT, defaultValue = "auto",
        description = "Colour: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}: only on a terminal, off when NO_COLOR is set).")
    void color(ColorMode mode) {
        context.color(mode);
    }

    @Option(names = "--root", paramLabel = "DIR", scope = ScopeType.INHERIT,
        description = "System root to inspect: / (the default), a capture bundle (directory or .tar.gz) or a fixture tree.")
    void root(Path dir) {
        context.root(dir);
    }

    @Option(names = "--debug", scope = ScopeType.INHERIT,
        description = "Print stack traces of internal errors.")
    void debug(boolean on) {
        context.debug(on);
    }

    @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT,
        description = "Print nothing on standard output; the exit status is the answer.")
    void quiet(boolean on) {
        context.quiet(on);
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(context.err(), spec.commandLine().getColorScheme());
        context.err().println("uvmctl: a command is needed, such as 'uvmctl params'");
        return ExitCode.USAGE;
    }
}
