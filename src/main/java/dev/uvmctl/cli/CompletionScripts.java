package dev.uvmctl.cli;

import dev.uvmctl.cli.CompletionCommand.Shell;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Shell completion scripts generated from the command model, so they follow every command and
 * option that is added: bash gets picocli's script, zsh a native completion function
 * ({@link ZshCompletion}), fish its own ({@link FishCompletion}). {@code uvmctl completion SHELL}
 * prints these, and the build writes the same text to {@code completions/} under {@link #fileName}.
 * What the zsh and fish generators read from the model (values, files, one-line descriptions) is
 * worked out here, once.
 */
public final class CompletionScripts {
    private CompletionScripts() {
    }

    /** The script for {@code shell}, ending in a newline; lines end with \n on every platform. */
    public static String script(Shell shell, CommandLine top) {
        String script = switch (shell) {
            case bash -> AutoComplete.bash(top.getCommandName(), top);
            case zsh -> ZshCompletion.script(top);
            case fish -> FishCompletion.script(top);
        };
        return script.endsWith("\n") ? script : script + "\n";
    }

    /**
     * The name each shell looks the script up by: zsh autoloads {@code _uvmctl} from a directory
     * on {@code $fpath}; bash-completion and fish find theirs by the command's name.
     */
    public static String fileName(Shell shell, String command) {
        return switch (shell) {
            case bash -> command + ".bash";
            case zsh -> "_" + command;
            case fish -> command + ".fish";
        };
    }

    /** The values an option or parameter offers (an enum's constants), or none. */
    static List<String> candidates(ArgSpec arg) {
        List<String> candidates = new ArrayList<>();
        if (arg.completionCandidates() != null) {
            arg.completionCandidates().forEach(candidates::add);
        }
        return candidates;
    }

    /** Paths and files, or lists and arrays of them. */
    static boolean takesFiles(ArgSpec arg) {
        return Stream.concat(Stream.of(arg.type()), Stream.of(arg.auxiliaryTypes()))
            .anyMatch(t -> Path.class.isAssignableFrom(t) || File.class.isAssignableFrom(t));
    }

    /** What a command is, in the one line of its header (its description's first sentence if it has none). */
    static String summary(CommandSpec command) {
        String[] header = command.usageMessage().header();
        return header.length > 0 && !header[0].isBlank() ? header[0].trim() : summary(command.usageMessage().description(), null);
    }

    /** The first sentence of a description, with picocli's help variables filled in. */
    static String summary(String[] description, ArgSpec arg) {
        if (description.length == 0) {
            return "";
        }
        String line = description[0];
        if (arg != null) {
            line = line.replace("${COMPLETION-CANDIDATES}", String.join(", ", candidates(arg)))
                .replace("${DEFAULT-VALUE}", String.valueOf(arg.defaultValue()));
        }
        int stop = line.indexOf(". ");
        return (stop > 0 ? line.substring(0, stop + 1) : line).trim();
    }
}
