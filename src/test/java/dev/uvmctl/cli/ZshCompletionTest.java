package dev.uvmctl.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.uvmctl.ProcessRunner;
import dev.uvmctl.cli.CompletionCases.Case;
import dev.uvmctl.cli.CompletionCommand.Shell;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The zsh script in a real interactive zsh on a pseudo-terminal (zsh's own zpty): each case is
 * typed, TAB pressed, and the edited line written out by a key binding. Every case is typed far
 * enough to have one match, so the line shows whether TAB completed it.
 */
class ZshCompletionTest {
    @TempDir
    Path tmp;

    @BeforeAll
    static void needsZsh() {
        assumeTrue(ProcessRunner.onPath("zsh"), "zsh is not installed (apt-get install zsh): zsh completion not tested");
    }

    @Test
    void completesEveryCommandOptionValueAndFileOfUvmctl() throws Exception {
        assertCompletes(CommandTree.withoutOutput());
    }

    @Test
    void completesNestedCommandsAliasesAndFileParameters() throws Exception {
        assertCompletes(SampleCommands.tree());
    }

    private void assertCompletes(CommandLine tree) throws Exception {
        List<Case> cases = CompletionCases.of(tree, ShellCompletion.files(tmp)).stream()
            .flatMap(c -> c.unambiguous().stream()).collect(Collectors.toList());
        List<String> lines = complete(tree, cases);
        SoftAssertions soft = new SoftAssertions();
        for (int i = 0; i < cases.size(); i++) {
            soft.assertThat(lines.get(i)).as("zsh: %s<TAB>", cases.get(i).line())
                .isEqualTo("[" + cases.get(i).completedLine() + " ]");
        }
        soft.assertAll();
    }

    private List<String> complete(CommandLine tree, List<Case> cases) throws Exception {
        Path script = ShellCompletion.writeScript(Shell.zsh, tree, tmp);
        Path home = tmp.resolve("home");
        Path lines = tmp.resolve("lines");
        StringBuilder driver = new StringBuilder()
            .append("zmodload zsh/zpty\n")
            .append("zpty shell 'zsh -f -i'\n")
            .append("zpty -w shell ").append(ShellCompletion.quoted("autoload -U compinit && compinit -u -d " + home + "/.zcompdump")).append('\n')
            .append("zpty -w shell ").append(ShellCompletion.quoted("source " + script)).append('\n')
            .append("zpty -w shell ").append(ShellCompletion.quoted("dump() { print -r -- \"[$BUFFER]\" >> " + lines + "; BUFFER=; }")).append('\n')
            .append("zpty -w shell 'zle -N dump; bindkey \"^G\" dump'\n");
        for (Case c : cases) {
            driver.append("zpty -w -n shell ").append(ShellCompletion.quoted(c.line())).append("$'\\t\\a'\n");
        }
        driver.append("for i in {1..600}; do\n")
            .append("  [[ -f ").append(lines).append(" ]] && (( $(wc -l < ").append(lines).append(") >= ").append(cases.size()).append(" )) && break\n")
            .append("  sleep 0.1\n")
            .append("done\n")
            .append("zpty -w shell exit\n")
            .append("zpty -d shell\n");
        Path driverFile = tmp.resolve("driver.zsh");
        Files.writeString(driverFile, driver);
        ProcessRunner.Result r = ShellCompletion.run(home, "zsh", "-f", driverFile.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        List<String> typed = Files.exists(lines) ? Files.readAllLines(lines) : List.of();
        assertThat(typed).as("lines zsh left after TAB\n%s", r).hasSameSizeAs(cases);
        return typed;
    }
}
