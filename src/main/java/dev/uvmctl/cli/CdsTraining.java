package dev.uvmctl.cli;

import dev.uvmctl.cli.CompletionCommand.Shell;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * What the launcher has uvmctl run, all output discarded, while the JVM records the classes for
 * the class-data-sharing archive. The commands come from the command model, so a new one is
 * trained without being listed: {@code --version}; every command's help; every command with
 * {@code -o} and {@code --root} on the bundled example root in each output format (commands only
 * read); and the completion scripts.
 */
public final class CdsTraining {
    private CdsTraining() {
    }

    /** {@code exampleRoot} is a fixture system root, or null when the distribution has none. */
    public static void run(Path exampleRoot) {
        CommandLine top = CommandTree.withoutOutput();
        for (List<String> args : runs(top.getCommandSpec(), exampleRoot)) {
            quietly(args);
        }
        for (Shell shell : Shell.values()) {
            CompletionScripts.script(shell, top);
        }
    }

    /** The command lines to run, as arguments after {@code uvmctl}. */
    static List<List<String>> runs(CommandSpec top, Path exampleRoot) {
        List<List<String>> runs = new ArrayList<>();
        runs.add(List.of("--version"));
        for (CommandSpec spec : CommandTree.visible(top)) {
            List<String> words = new ArrayList<>(Arrays.asList(spec.qualifiedName(" ").split(" ")));
            words.remove(0);
            runs.add(with(words, "--help"));
            OptionSpec format = spec.findOption("-o");
            if (exampleRoot != null && format != null && spec.findOption("--root") != null && format.completionCandidates() != null) {
                for (String value : format.completionCandidates()) {
                    runs.add(with(words, "--root", exampleRoot.toString(), "-o", value));
                }
            }
        }
        return runs;
    }

    private static List<String> with(List<String> words, String... more) {
        List<String> args = new ArrayList<>(words);
        args.addAll(List.of(more));
        return args;
    }

    private static void quietly(List<String> args) {
        PrintWriter sink = new PrintWriter(Writer.nullWriter());
        // The real environment, as a real run reads it (its classes then go into the archive too).
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("NO_COLOR", "1");
        CliContext context = Launch.context(sink, sink, InputStream.nullInputStream(), env);
        String[] argv = args.toArray(String[]::new);
        // As a real run builds it: only the subcommand named (SubcommandChoice is archived too).
        CommandLineFactory.forArgs(context, argv).execute(argv);
    }
}
