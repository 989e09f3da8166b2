package dev.uvmctl.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Shell completion scripts generated from the command model, so they follow every option that
 * is added. bash and zsh share picocli's script (it runs under zsh's bashcompinit); fish gets
 * its own {@code complete} lines built from the same model.
 */
public final class CompletionScripts {
    private CompletionScripts() {
    }

    public static String bash(CommandLine top) {
        return AutoComplete.bash("uvmctl", top);
    }

    public static String zsh(CommandLine top) {
        return "# zsh completion for uvmctl: add 'source /path/to/uvmctl.zsh' to ~/.zshrc\n"
            + "autoload -U +X compinit && compinit\n"
            + "autoload -U +X bashcompinit && bashcompinit\n"
            + bash(top);
    }

    public static String fish(CommandLine top) {
        StringBuilder b = new StringBuilder();
        b.append("# fish completion for uvmctl, generated from its command model\n");
        b.append("complete -c uvmctl -f\n");
        fishCommand(b, top, List.of());
        return b.toString();
    }

    private static void fishCommand(StringBuilder b, CommandLine cl, List<String> path) {
        CommandSpec spec = cl.getCommandSpec();
        String inThis = condition(path, cl);
        for (Map.Entry<String, CommandLine> e : cl.getSubcommands().entrySet()) {
            CommandSpec sub = e.getValue().getCommandSpec();
            if (sub.usageMessage().hidden() || !e.getKey().equals(sub.name())) {
                continue;
            }
            b.append("complete -c uvmctl -n ").append(quote(inThis)).append(" -a ").append(e.getKey())
                .append(" -d ").append(quote(firstLine(sub.usageMessage().description()))).append('\n');
        }
        for (OptionSpec option : spec.options()) {
            if (option.hidden() || (!path.isEmpty() && option.inherited())) {
                continue;
            }
            b.append("complete -c uvmctl");
            if (!path.isEmpty()) {
                b.append(" -n ").append(quote("__fish_seen_subcommand_from " + path.get(path.size() - 1)));
            }
            for (String name : option.names()) {
                if (name.startsWith("--")) {
                    b.append(" -l ").append(name.substring(2));
                } else if (name.startsWith("-") && name.length() == 2) {
                    b.append(" -s ").append(name.substring(1));
                }
            }
            appendArgument(b, option);
            b.append(" -d ").append(quote(firstLine(option.description()))).append('\n');
        }
        if (!spec.positionalParameters().isEmpty() && !path.isEmpty()) {
            b.append("complete -c uvmctl -n ").append(quote(inThis)).append(" -F\n");
        }
        for (Map.Entry<String, CommandLine> e : cl.getSubcommands().entrySet()) {
            if (e.getKey().equals(e.getValue().getCommandSpec().name()) && !e.getValue().getCommandSpec().usageMessage().hidden()) {
                List<String> next = new ArrayList<>(path);
                next.add(e.getKey());
                fishCommand(b, e.getValue(), next);
            }
        }
    }

    private static void appendArgument(StringBuilder b, ArgSpec option) {
        if (option.arity().max() == 0) {
            return;
        }
        List<String> candidates = new ArrayList<>();
        if (option.completionCandidates() != null) {
            option.completionCandidates().forEach(candidates::add);
        }
        if (!candidates.isEmpty()) {
            b.append(" -x -a ").append(quote(String.join(" ", candidates)));
        } else if (java.nio.file.Path.class.isAssignableFrom(option.type()) || java.io.File.class.isAssignableFrom(option.type())) {
            b.append(" -r -F");
        } else {
            b.append(" -x");
        }
    }

    /** True while the command line is at {@code cl} and no subcommand of it was typed yet. */
    private static String condition(List<String> path, CommandLine cl) {
        List<String> subs = new ArrayList<>(cl.getSubcommands().keySet());
        if (path.isEmpty()) {
            return "__fish_use_subcommand";
        }
        String seen = "__fish_seen_subcommand_from " + path.get(path.size() - 1);
        if (subs.isEmpty()) {
            return seen;
        }
        return seen + "; and not __fish_seen_subcommand_from " + String.join(" ", subs);
    }

    private static String firstLine(String[] description) {
        if (description.length == 0) {
            return "";
        }
        String line = description[0].replaceAll("\\$\\{[A-Z-]+}", "").trim();
        int stop = line.indexOf(". ");
        return stop > 0 ? line.substring(0, stop + 1) : line;
    }

    private static String quote(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
