package dev.uvmctl.cli;

import dev.uvmctl.render.TerminalText;
import dev.uvmctl.shared.EditDistance;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IExecutionStrategy;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Builds the one {@link CommandLine} that {@code main}, the tests and the interactive shell use:
 * output writers, colour, exception handlers and exit-code mapping are settled here and nowhere
 * else.
 */
public final class CommandLineFactory {
    private CommandLineFactory() {
    }

    /** The whole command tree: for the shell, the tests and the generated docs. */
    public static CommandLine create(CliContext context) {
        return create(context, name -> true);
    }

    /**
     * The tree one run of {@code args} needs. Building a command's model from its annotations is
     * most of uvmctl's start-up, so only the subcommand the arguments name is built, none for a
     * bare {@code --version}, and all of them otherwise (help, usage errors, suggestions). Parsing
     * is the same as with the whole tree: the first word that is not a global option names the
     * subcommand, as picocli reads it.
     */
    public static CommandLine forArgs(CliContext context, String[] args) {
        return create(context, SubcommandChoice.of(args, subcommandNames()));
    }

    private static CommandLine create(CliContext context, java.util.function.Predicate<String> wanted) {
        CommandLine cl = new CommandLine(new UvmctlCommand(context).spec());
        for (java.util.Map.Entry<String, Class<?>> sub : UvmctlCommand.SUBCOMMANDS.entrySet()) {
            if (wanted.test(sub.getKey())) {
                cl.addSubcommand(sub.getValue());
            }
        }
        cl.setOut(context.out());
        cl.setErr(context.err());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setUsageHelpAutoWidth(true);
        cl.setColorScheme(Help.defaultColorScheme(Help.Ansi.OFF));
        Handlers handlers = new Handlers(context);
        cl.setExecutionStrategy(handlers);
        cl.setParameterExceptionHandler(handlers);
        cl.setExecutionExceptionHandler(handlers);
        return cl;
    }

    private static java.util.List<String> subcommandNames() {
        return java.util.List.copyOf(UvmctlCommand.SUBCOMMANDS.keySet());
    }

    private static void applyEverywhere(CommandLine cl, Help.Ansi ansi, PrintWriter out) {
        cl.setColorScheme(Help.defaultColorScheme(ansi));
        cl.setOut(out);
        for (CommandLine sub : cl.getSubcommands().values()) {
            applyEverywhere(sub, ansi, out);
        }
    }

    /**
     * The execution strategy and the two exception handlers. A named class, not lambdas:
     * lambdas that implement picocli's interfaces (Java 5 class files) cannot go into the
     * class-data-sharing archive, and spinning them costs every start several milliseconds.
     */
    private static final class Handlers implements IExecutionStrategy, IParameterExceptionHandler, IExecutionExceptionHandler {
        private final CliContext context;

        Handlers(CliContext context) {
            this.context = context;
        }

        /** Applies the parsed global options (colour, quiet) before any command or help runs. */
        @Override
        public int execute(ParseResult parseResult) {
            CommandLine top = parseResult.commandSpec().commandLine();
            Help.Ansi ansi = context.outStyle().enabled() ? Help.Ansi.ON : Help.Ansi.OFF;
            applyEverywhere(top, ansi, context.out());
            return new CommandLine.RunLast().execute(parseResult);
        }

        /**
         * The error, what was probably meant (only what is a typo away: picocli's own guesses
         * offered {@code watch} for any unknown word), and where help is.
         */
        @Override
        public int handleParseException(ParameterException ex, String[] args) {
            CommandLine cl = ex.getCommandLine();
            CommandSpec spec = cl.getCommandSpec();
            PrintWriter err = context.err();
            if (ex instanceof UnmatchedArgumentException u && !u.isUnknownOption() && !spec.subcommands().isEmpty()
                    && !u.getUnmatched().isEmpty()) {
                String typed = u.getUnmatched().get(0);
                List<String> commands = new ArrayList<>();
                for (CommandSpec sub : CommandTree.visibleSubcommands(spec)) {
                    commands.add(sub.name());
                }
                List<String> close = EditDistance.close(typed, commands);
                err.println("uvmctl: '" + safe(typed) + "' is not a command of " + spec.qualifiedName());
                err.println(close.isEmpty() ? "The commands: " + String.join(", ", commands) + "."
                    : "Did you mean: " + String.join(" or ", close.stream().map(c -> spec.qualifiedName() + " " + c).toList()) + "?");
            } else {
                err.println("uvmctl: " + safe(ex.getMessage()));
                if (ex instanceof UnmatchedArgumentException u && u.isUnknownOption() && !u.getUnmatched().isEmpty()) {
                    List<String> options = new ArrayList<>();
                    for (OptionSpec option : spec.options()) {
                        if (!option.hidden()) {
                            options.addAll(List.of(option.names()));
                        }
                    }
                    List<String> close = EditDistance.close(u.getUnmatched().get(0).split("=", 2)[0], options);
                    if (!close.isEmpty()) {
                        err.println("Did you mean: " + String.join(" or ", close) + "?");
                    }
                }
            }
            err.println("Try '" + spec.qualifiedName() + " --help' for more information.");
            err.flush();
            return ExitCode.USAGE;
        }

        @Override
        public int handleExecutionException(Exception ex, CommandLine cl, ParseResult parseResult) {
            PrintWriter err = context.err();
            context.out().flush();
            int code;
            if (ex instanceof UvmctlException u) {
                err.println("uvmctl: " + safe(u.getMessage()));
                code = u.exitCode();
            } else {
                err.println("uvmctl: internal error: " + ex
                    + (context.debug() ? "" : " (a bug in uvmctl: rerun with --debug for the stack trace and report it)"));
                code = ExitCode.INTERNAL;
            }
            if (context.debug()) {
                StringWriter trace = new StringWriter();
                ex.printStackTrace(new PrintWriter(trace));
                err.print(trace);
            }
            err.flush();
            return code;
        }
    }

    /**
     * An error message as the terminal may show it: the words a user typed (an option, a name, a
     * path) come back in it, so each line's control characters and escape sequences are made
     * visible (TerminalText) instead of acting on the terminal; its line breaks stay.
     */
    static String safe(String message) {
        if (message == null) {
            return "";
        }
        StringJoiner lines = new StringJoiner("\n");
        for (String line : message.split("\n", -1)) {
            lines.add(TerminalText.escape(line));
        }
        return lines.toString();
    }
}
