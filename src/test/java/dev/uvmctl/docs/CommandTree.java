package dev.uvmctl.docs;

import dev.uvmctl.cli.CliContext;
import dev.uvmctl.cli.CommandLineFactory;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** uvmctl's command tree as the process builds it, and the commands in it that users see. */
public final class CommandTree {
    private CommandTree() {
    }

    /** The real command line, with output going nowhere. */
    public static CommandLine uvmctl() {
        PrintWriter sink = new PrintWriter(Writer.nullWriter());
        return CommandLineFactory.create(CliContext.builder(sink, sink, InputStream.nullInputStream()).build());
    }

    /** {@code top} and every subcommand under it that is not hidden, parents first, each once. */
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

    /** The subcommands of {@code spec} that are not hidden, under their names (not their aliases). */
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

    /** The man page's name: {@code uvmctl-params-explain} for {@code uvmctl params explain}. */
    public static String pageName(CommandSpec spec) {
        return spec.qualifiedName("-");
    }
}
