package dev.uvmctl.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code uvmctl completion bash|zsh|fish}: prints the completion script for a shell. */
@Command(name = "completion",
    mixinStandardHelpOptions = true,
    header = "Print the shell completion script for bash, zsh or fish.",
    description = {
        "Print the shell completion script for bash, zsh or fish.",
        "",
        "bash: source it from ~/.bashrc, or save it as ~/.local/share/bash-completion/completions/uvmctl. "
            + "zsh: save it as _uvmctl in a directory on $fpath, before compinit runs (sourcing it after compinit "
            + "also works). fish: save it as ~/.config/fish/completions/uvmctl.fish.",
    },
    footerHeading = "%nExamples:%n",
    footer = {
        "  source <(uvmctl completion bash)",
        "  mkdir -p ~/.zfunc && uvmctl completion zsh > ~/.zfunc/_uvmctl   with fpath=(~/.zfunc $fpath) before compinit in ~/.zshrc",
        "  uvmctl completion fish > ~/.config/fish/completions/uvmctl.fish",
    })
public final class CompletionCommand implements Callable<Integer> {
    /** The shells a script can be printed for. */
    public enum Shell {
        bash, zsh, fish
    }

    @ParentCommand
    UvmctlCommand top;

    @Parameters(index = "0", paramLabel = "SHELL", description = "One of: ${COMPLETION-CANDIDATES}.")
    Shell shell;

    @Override
    public Integer call() {
        // From the whole tree: a run builds only the subcommand its arguments name (start-up,
        // see CommandLineFactory.forArgs), and this one names only 'completion'.
        top.context().out().print(CompletionScripts.script(shell, CommandTree.withoutOutput()));
        return ExitCode.OK;
    }
}
