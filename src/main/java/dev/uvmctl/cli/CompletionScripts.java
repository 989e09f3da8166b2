package dev.uvmctl.cli;

import dev.uvmctl.cli.CompletionCommand.Shell;
import picocli.AutoComplete;
import picocli.CommandLine;

/**
 * Shell completion scripts generated from the command model, so they follow every command and
 * option that is added. bash and zsh share picocli's script (it sets up zsh's bashcompinit
 * itself); fish gets its own. {@code uvmctl completion SHELL} prints these, and the build writes
 * the same text to {@code completions/}.
 */
public final class CompletionScripts {
    private CompletionScripts() {
    }

    /** The script for {@code shell}, ending in a newline; lines end with \n on every platform. */
    public static String script(Shell shell, CommandLine top) {
        String script = switch (shell) {
            case bash -> bash(top);
            case zsh -> zsh(top);
            case fish -> FishCompletion.script(top);
        };
        return script.endsWith("\n") ? script : script + "\n";
    }

    private static String bash(CommandLine top) {
        return AutoComplete.bash(top.getCommandName(), top);
    }

    private static String zsh(CommandLine top) {
        return "# zsh completion for " + top.getCommandName() + ": add 'source /path/to/"
            + top.getCommandName() + ".zsh' to ~/.zshrc (after compinit, if it runs compinit)\n"
            + bash(top);
    }
}
