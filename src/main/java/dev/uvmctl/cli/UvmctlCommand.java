package dev.uvmctl.cli;

import dev.uvmctl.render.ColorMode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ScopeType;

/**
 * The top command. Its options are global: they may be given before or after a subcommand.
 *
 * <p>Its model is built in code ({@link #spec()}), not read from annotations like the
 * subcommands': reading annotations makes the JVM generate a proxy class per annotation type
 * (picocli's, and the JDK's on {@code Object}'s methods, which picocli scans), which class-data
 * sharing cannot archive on JDK 17; {@code uvmctl --version} then reads none.
 */
public final class UvmctlCommand implements Callable<Integer> {
    /**
     * The subcommands by name, in the order help lists them. The factory adds them, and for a
     * single run only the one named (see {@link CommandLineFactory#forArgs}); each name is its
     * class's {@code @Command} name, which a test checks.
     */
    static final Map<String, Class<?>> SUBCOMMANDS = subcommands();

    private final CliContext context;
    private final CommandSpec spec;

    public UvmctlCommand(CliContext context) {
        this.context = context;
        this.spec = model();
    }

    public CliContext context() {
        return context;
    }

    /** The model picocli runs this command with. */
    CommandSpec spec() {
        return spec;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(context.err(), spec.commandLine().getColorScheme());
        context.err().println("uvmctl: a command is needed, such as 'uvmctl params'");
        return ExitCode.USAGE;
    }

    private static Map<String, Class<?>> subcommands() {
        Map<String, Class<?>> m = new LinkedHashMap<>();
        m.put("leaks", LeaksCommand.class);
        m.put("events", EventsCommand.class);
        m.put("params", ParamsCommand.class);
        m.put("dmesg", DmesgCommand.class);
        m.put("va-spaces", VaSpacesCommand.class);
        m.put("holders", HoldersCommand.class);
        m.put("capture", CaptureCommand.class);
        m.put("watch", WatchCommand.class);
        m.put("serve", ServeCommand.class);
        m.put("trace", TraceCommand.class);
        m.put("shell", ShellCommand.class);
        m.put("completion", CompletionCommand.class);
        return m;
    }

    private CommandSpec model() {
        CommandSpec s = CommandSpec.wrapWithoutInspection(this);
        s.name("uvmctl");
        s.scopeType(ScopeType.INHERIT);
        s.versionProvider(new VersionProvider());
        s.usageMessage()
            .sortOptions(false)
            .autoWidth(true)
            .header("Finds GPU memory that should have been released and was not.")
            .description("Finds GPU memory (UVM, managed, HMM) that should have been released and was not: "
                + "what is still held, by whom, since when, and the input lines that prove it.")
            .exitCodeListHeading("%nExit status:%n")
            .exitCodeList(exitCodes())
            .footerHeading("%nEnvironment:%n")
            .footer("  NO_COLOR        set to anything: no colour (unless --color=always)",
                "  CLICOLOR_FORCE  set: colour even when not writing to a terminal");
        s.addOption(OptionSpec.builder("--root").hasInitialValue(false).paramLabel("DIR").type(Path.class).scopeType(ScopeType.INHERIT)
            .description("System root to inspect: / (the default), a capture bundle (directory or .tar.gz) or a fixture tree.")
            .setter(new Setter(value -> context.root((Path) value))).build());
        s.addOption(OptionSpec.builder("--debug").hasInitialValue(false).type(boolean.class).scopeType(ScopeType.INHERIT)
            .description("Print stack traces of internal errors.")
            .setter(new Setter(value -> context.debug((Boolean) value))).build());
        s.addOption(OptionSpec.builder("--color").hasInitialValue(false).paramLabel("WHEN").type(ColorMode.class).scopeType(ScopeType.INHERIT)
            .defaultValue("auto")
            .description("Colour: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}: only on a terminal, off when NO_COLOR is set).")
            .setter(new Setter(value -> context.color((ColorMode) value))).build());
        s.addOption(OptionSpec.builder("-q", "--quiet").hasInitialValue(false).type(boolean.class).scopeType(ScopeType.INHERIT)
            .description("Print nothing on standard output; the exit status is the answer.")
            .setter(new Setter(value -> context.quiet((Boolean) value))).build());
        s.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).description("Show this help message and exit.").build());
        s.addOption(OptionSpec.builder("-V", "--version").versionHelp(true).description("Print version information and exit.").build());
        return s;
    }

    private static Map<String, String> exitCodes() {
        Map<String, String> codes = new LinkedHashMap<>();
        codes.put(" 0", "ran and found nothing to report");
        codes.put(" 1", "ran and found something (unreleased memory, a failing check)");
        codes.put(" 2", "usage error");
        codes.put(" 3", "could not read what it needed; the answer would be incomplete");
        codes.put("70", "internal error (a bug); rerun with --debug for the stack trace");
        return codes;
    }

    /**
     * An option's setter: a named class around a {@link Consumer}, since ISetter's method is
     * generic and picocli's interfaces are Java 5 class files, whose lambdas class-data sharing
     * cannot archive (those of {@link Consumer} it can).
     */
    private static final class Setter implements ISetter {
        private final Consumer<Object> target;

        Setter(Consumer<Object> target) {
            this.target = target;
        }

        @Override
        public <T> T set(T value) {
            target.accept(value);
            return null;
        }
    }
}
