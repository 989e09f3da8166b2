package dev.uvmctl.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The fish completion script, built from the command model (fish cannot run bash's). A helper
 * function replays the words typed so far, skipping option values, to find the (sub)command the
 * line is at; every {@code complete} line applies at exactly one command, so nested subcommands
 * with the same option names and the options a subcommand inherits from {@code uvmctl} complete
 * where they are valid and nowhere else.
 */
final class FishCompletion {
    private static final String AT = "__uvmctl_at";
    private static final String COMMAND = "__uvmctl_command";

    private FishCompletion() {
    }

    static String script(CommandLine top) {
        List<CommandSpec> commands = CommandTree.visible(top.getCommandSpec());
        String name = top.getCommandSpec().name();
        StringBuilder b = new StringBuilder();
        b.append("# fish completion for ").append(name).append(", generated from its command model.\n")
            .append("# Install: ").append(name).append(" completion fish > ~/.config/fish/completions/")
            .append(name).append(".fish\n")
            .append("complete -c ").append(name).append(" -e\n")
            .append("complete -c ").append(name).append(" -f\n\n");
        commandFunction(b, name, commands);
        b.append('\n');
        for (CommandSpec spec : commands) {
            completions(b, name, spec);
        }
        return b.toString();
    }

    private static void commandFunction(StringBuilder b, String name, List<CommandSpec> commands) {
        b.append("function ").append(COMMAND)
            .append(" --description 'Print the ").append(name).append(" command the command line is at'\n")
            .append("    set -l command ").append(name).append('\n')
            .append("    set -l value_next 0\n")
            .append("    set -l words (commandline -opc)\n")
            .append("    set -e words[1]\n")
            .append("    for word in $words\n")
            .append("        if test $value_next = 1\n")
            .append("            set value_next 0\n")
            .append("            continue\n")
            .append("        end\n")
            .append("        switch \"$command $word\"\n");
        for (CommandSpec spec : commands) {
            for (CommandSpec subSpec : CommandTree.visibleSubcommands(spec)) {
                List<String> typed = new ArrayList<>();
                typed.add(quote(path(spec) + " " + subSpec.name()));
                for (String alias : subSpec.aliases()) {
                    typed.add(quote(path(spec) + " " + alias));
                }
                b.append("            case ").append(String.join(" ", typed)).append('\n')
                    .append("                set command ").append(quote(path(subSpec))).append('\n');
            }
        }
        List<String> valued = new ArrayList<>();
        for (CommandSpec spec : commands) {
            for (OptionSpec option : spec.options()) {
                if (option.arity().min() > 0) {
                    for (String optionName : option.names()) {
                        valued.add(quote(path(spec) + " " + optionName));
                    }
                }
            }
        }
        if (!valued.isEmpty()) {
            b.append("            case ").append(String.join(" ", valued)).append('\n')
                .append("                set value_next 1\n");
        }
        b.append("        end\n")
            .append("    end\n")
            .append("    echo $command\n")
            .append("end\n\n")
            .append("function ").append(AT)
            .append(" --description 'True when the command line is at the ").append(name).append(" command given'\n")
            .append("    test (").append(COMMAND).append(") = \"$argv\"\n")
            .append("end\n");
    }

    private static void completions(StringBuilder b, String name, CommandSpec spec) {
        String at = "complete -c " + name + " -n " + quote(AT + " " + path(spec));
        for (CommandSpec subSpec : CommandTree.visibleSubcommands(spec)) {
            b.append(at).append(" -a ").append(quote(subSpec.name()))
                .append(" -d ").append(quote(CompletionScripts.summary(subSpec))).append('\n');
        }
        for (OptionSpec option : spec.options()) {
            if (option.hidden()) {
                continue;
            }
            b.append(at);
            for (String optionName : option.names()) {
                if (optionName.startsWith("--")) {
                    b.append(" -l ").append(quote(optionName.substring(2)));
                } else if (optionName.length() == 2) {
                    b.append(" -s ").append(quote(optionName.substring(1)));
                } else {
                    b.append(" -o ").append(quote(optionName.substring(1)));
                }
            }
            if (option.arity().max() > 0) {
                List<String> candidates = CompletionScripts.candidates(option);
                if (!candidates.isEmpty()) {
                    b.append(" -x -a ").append(quote(String.join(" ", candidates)));
                } else if (CompletionScripts.takesFiles(option)) {
                    b.append(" -r -F");
                } else {
                    b.append(" -x");
                }
            }
            b.append(" -d ").append(quote(CompletionScripts.summary(option.description(), option))).append('\n');
        }
        for (PositionalParamSpec positional : spec.positionalParameters()) {
            if (positional.hidden()) {
                continue;
            }
            List<String> candidates = CompletionScripts.candidates(positional);
            if (!candidates.isEmpty()) {
                b.append(at).append(" -a ").append(quote(String.join(" ", candidates)))
                    .append(" -d ").append(quote(positional.paramLabel())).append('\n');
            } else if (CompletionScripts.takesFiles(positional)) {
                b.append(at).append(" -F\n");
            }
        }
    }

    /** How the command is named on a command line: {@code uvmctl params explain}. */
    private static String path(CommandSpec spec) {
        return spec.qualifiedName(" ");
    }

    /** A fish single-quoted string: only backslash and quote need escaping there. */
    private static String quote(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
