package dev.uvmctl.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The native zsh completion function, {@code _uvmctl}, built from the command model: one
 * function per command, each an {@code _arguments} call with the command's options (those it
 * inherits from {@code uvmctl} included), their descriptions, values and files, and either its
 * parameters or its subcommands, described, whose own function takes the rest of the line. The
 * file autoloads from a directory on {@code $fpath} ({@code #compdef}), and sourced after
 * {@code compinit} it registers itself instead.
 */
final class ZshCompletion {
    private ZshCompletion() {
    }

    static String script(CommandLine top) {
        CommandSpec root = top.getCommandSpec();
        String name = root.name();
        String file = CompletionScripts.fileName(CompletionCommand.Shell.zsh, name);
        StringBuilder b = new StringBuilder();
        b.append("#compdef ").append(name).append('\n')
            .append("# zsh completion for ").append(name).append(", generated from its command model. Install it as ")
            .append(file).append(" in a directory\n")
            .append("# on $fpath, before compinit runs; e.g. in ~/.zshrc:\n")
            .append("#   fpath=(~/.zfunc $fpath); autoload -U compinit && compinit\n")
            .append("# with: mkdir -p ~/.zfunc && ").append(name).append(" completion zsh > ~/.zfunc/").append(file).append('\n')
            .append("# For the current shell only, after compinit: source <(").append(name).append(" completion zsh)\n");
        for (CommandSpec spec : CommandTree.visible(root)) {
            b.append('\n');
            function(b, spec);
        }
        // Autoloaded, this file is the body of _uvmctl: it defines the functions, then completes.
        b.append('\n')
            .append("if [[ $funcstack[1] == ").append(functionName(root)).append(" ]]; then\n")
            .append("  ").append(functionName(root)).append(" \"$@\"\n")
            .append("else\n")
            .append("  compdef ").append(functionName(root)).append(' ').append(name).append('\n')
            .append("fi\n");
        return b.toString();
    }

    private static void function(StringBuilder b, CommandSpec spec) {
        List<CommandSpec> subcommands = CommandTree.visibleSubcommands(spec);
        b.append("# ").append(spec.qualifiedName(" ")).append('\n')
            .append(functionName(spec)).append("() {\n")
            .append("  local curcontext=$curcontext state state_descr line ret=1\n")
            .append("  typeset -A opt_args\n")
            .append("  _arguments -C -s -S :");
        for (OptionSpec option : spec.options()) {
            if (!option.hidden()) {
                b.append(" \\\n    ").append(option(option));
            }
        }
        if (subcommands.isEmpty()) {
            for (PositionalParamSpec positional : spec.positionalParameters()) {
                if (!positional.hidden()) {
                    b.append(" \\\n    ").append(positional(positional));
                }
            }
        } else {
            b.append(" \\\n    ").append(quote("1: :->command")).append(" \\\n    ").append(quote("*:: :->argument"));
        }
        b.append(" && ret=0\n");
        if (!subcommands.isEmpty()) {
            b.append("  case $state in\n")
                .append("    (command)\n")
                .append("      local -a commands\n")
                .append("      commands=(");
            for (CommandSpec sub : subcommands) {
                String description = CompletionScripts.summary(sub);
                for (String word : words(sub)) {
                    b.append("\n        ").append(quote(word.replace(":", "\\:") + ":" + description));
                }
            }
            b.append("\n      )\n")
                .append("      _describe -t commands ").append(quote(spec.qualifiedName(" ") + " command")).append(" commands && ret=0\n")
                .append("      ;;\n")
                .append("    (argument)\n")
                .append("      curcontext=${curcontext%:*:*}:").append(spec.qualifiedName("-")).append("-$words[1]:\n")
                .append("      case $words[1] in\n");
            for (CommandSpec sub : subcommands) {
                b.append("        (").append(String.join("|", words(sub))).append(") ")
                    .append(functionName(sub)).append(" && ret=0 ;;\n");
            }
            b.append("      esac\n")
                .append("      ;;\n")
                .append("  esac\n");
        }
        b.append("  return ret\n")
            .append("}\n");
    }

    /**
     * {@code '(-o --output)'{-o+,--output=}'[Output format: table, json.]:FORMAT:(table json)'}:
     * the names that exclude each other, each with how its value follows it, the description, and
     * what completes the value. A repeatable option ({@code *}) excludes nothing.
     */
    private static String option(OptionSpec option) {
        boolean valued = option.arity().max() > 0;
        boolean repeatable = option.isMultiValue();
        List<String> names = new ArrayList<>();
        for (String name : option.names()) {
            names.add(!valued ? name : name.startsWith("--") ? name + "=" : name + "+");
        }
        String rest = "[" + description(CompletionScripts.summary(option.description(), option)) + "]"
            + (valued ? ":" + message(option.paramLabel()) + ":" + action(option, " ") : "");
        StringBuilder s = new StringBuilder();
        if (repeatable) {
            s.append("'*'");
        } else if (option.names().length > 1) {
            s.append(quote("(" + String.join(" ", option.names()) + ")"));
        }
        s.append(names.size() == 1 ? names.get(0) : "{" + String.join(",", names) + "}");
        s.append(quote(rest));
        return s.toString();
    }

    /** {@code '1:SHELL:(bash zsh fish)'}, or {@code '*:INPUT:_files'} for one that takes the rest. */
    private static String positional(PositionalParamSpec positional) {
        boolean rest = positional.index().isUnspecified() || positional.index().isUnresolved()
            || positional.index().max() != positional.index().min() || positional.arity().max() > 1;
        String position = rest ? "*" : Integer.toString(positional.index().min() + 1);
        // A parameter with nothing to offer shows its name, but only where the word is not an
        // option: a message beside a single matching option stops zsh from inserting it.
        String nothing = "_guard \"^-*\" \"" + positional.paramLabel().replaceAll("([\\\\\"$`])", "\\\\$1") + "\"";
        return quote(position + ":" + message(positional.paramLabel()) + ":" + action(positional, nothing));
    }

    /** Values from a list, file names, or {@code nothing}: for an option's value, the message alone (a space). */
    private static String action(ArgSpec arg, String nothing) {
        List<String> candidates = CompletionScripts.candidates(arg);
        if (!candidates.isEmpty()) {
            List<String> escaped = new ArrayList<>();
            for (String c : candidates) {
                escaped.add(c.replaceAll("([\\\\ ():])", "\\\\$1"));
            }
            return "(" + String.join(" ", escaped) + ")";
        }
        return CompletionScripts.takesFiles(arg) ? "_files" : nothing;
    }

    /** The name and aliases a command is typed as. */
    private static List<String> words(CommandSpec spec) {
        List<String> words = new ArrayList<>();
        words.add(spec.name());
        words.addAll(List.of(spec.aliases()));
        return words;
    }

    /** {@code _uvmctl} for the top command, {@code __uvmctl_params_explain} under it. */
    private static String functionName(CommandSpec spec) {
        String path = spec.qualifiedName("_").replaceAll("[^A-Za-z0-9_]", "_");
        return spec.parent() == null ? "_" + path : "__" + path;
    }

    /** An option's description inside {@code [...]}: brackets and backslashes escaped. */
    private static String description(String text) {
        return text.replaceAll("([\\\\\\[\\]])", "\\\\$1");
    }

    /** The message shown for a value: a colon would end it. */
    private static String message(String label) {
        return label.replace("\\", "\\\\").replace(":", "\\:");
    }

    /** A zsh single-quoted word: a quote ends it, so it is written as '\''. */
    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
