package dev.uvmctl.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * uvmctl's commands as users see them, walked from the command model: what the completion
 * scripts, the man pages and the start-up training cover, so a new command needs no list edited.
 */
public final class CommandTree {
    private CommandTree() {
    }

    /** The real command line, built as the process builds it, with its output going nowhere. */
    public static CommandLine withoutOutput() {
        PrintWriter sink = new PrintWriter(Writer.nullWriter());
        return CommandLineFactory.create(CliContext.builder(sink, sink, InputStream.nullInputStream()).build());
    }

    /** {@code top} and every command under it that is not hidden, parents first, each once. */
    public static List<CommandSpec> visible(CommandSpec top) {
        List<CommandSpec> all = new ArrayList<>();
        collect(top, all);
        return all;
    }

    private static void collect(CommandSpec spec, List<CommandSpec> into) {
        into.add(spec);
        for (CommandSpec sub : visibleSubcommands(spec)) {
            collect(sub, into);
        }
    }

    /** The subcommands of {@code spec} that are not hidden, each once (the map holds aliases too). */
    public static List<CommandSpec> visibleSubcommands(CommandSpec spec) {
        List<CommandSpec> subs = new ArrayList<>();
        for (Map.Entry<String, CommandLine> e : spec.subcommands().entrySet()) {
            CommandSpec sub = e.getValue().getCommandSpec();
            if (e.getKey().equals(sub.name()) && !sub.usageMessage().hidden()) {
                subs.add(sub);
            }
        }
        return subs;
    }
}
