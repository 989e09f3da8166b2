package dev.uvmctl.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.uvmctl.ProcessRunner;
import dev.uvmctl.cli.CompletionCases.Case;
import dev.uvmctl.cli.CompletionCommand.Shell;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The bash script, sourced in a real bash, asked what TAB offers: its completion function is
 * called with COMP_WORDS and COMP_CWORD set as bash sets them.
 */
class BashCompletionTest {
    @TempDir
    Path tmp;

    @BeforeAll
    static void needsBash() {
        assumeTrue(ProcessRunner.onPath("bash"), "bash is not installed: the bash completion tests need it");
    }

    @Test
    void completesEveryCommandOptionValueAndFileOfUvmctl() throws Exception {
        assertCompletes(CommandTree.withoutOutput());
    }

    @Test
    void completesNestedCommandsAliasesAndFileParameters() throws Exception {
        assertCompletes(SampleCommands.tree());
    }

    @Test
    void completesATypedCommandPrefix() throws Exception {
        List<Set<String>> offered = complete(CommandTree.withoutOutput(), List.of(new Case("uvmctl com", Set.of())));
        assertThat(offered.get(0)).containsExactly("completion");
    }

    @Test
    void offersNoHiddenCommand() throws Exception {
        List<Set<String>> offered = complete(SampleCommands.tree(), List.of(new Case("uvmctl l", Set.of())));
        assertThat(offered.get(0)).containsExactly("leaks");
    }

    private void assertCompletes(CommandLine tree) throws Exception {
        List<Case> cases = CompletionCases.of(tree, ShellCompletion.files(tmp));
        ShellCompletion.assertOffers("bash", cases, complete(tree, cases));
    }

    private List<Set<String>> complete(CommandLine tree, List<Case> cases) throws Exception {
        Path script = ShellCompletion.writeScript(Shell.bash, tree, tmp);
        StringBuilder driver = new StringBuilder()
            .append("source ").append(ShellCompletion.quoted(script.toString())).append('\n')
            // compopt only works while bash itself runs a completion; here the test calls the function.
            .append("compopt() { :; }\n")
            .append("complete_line() {\n")
            .append("  COMP_LINE=\"$1\"; COMP_POINT=${#1}\n")
            .append("  read -ra COMP_WORDS <<< \"$1\"\n")
            .append("  [[ \"$1\" == *' ' ]] && COMP_WORDS+=('')\n")
            .append("  COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))\n")
            .append("  COMPREPLY=()\n")
            .append("  _complete_uvmctl\n")
            .append("  printf '%s\\n' \"${COMPREPLY[@]}\" --end--\n")
            .append("}\n");
        for (Case c : cases) {
            driver.append("complete_line ").append(ShellCompletion.quoted(c.line())).append('\n');
        }
        Path driverFile = tmp.resolve("driver.bash");
        Files.writeString(driverFile, driver);
        ProcessRunner.Result r = ShellCompletion.run(tmp.resolve("home"), "bash", "--norc", "--noprofile", driverFile.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.err()).as(r.toString()).isEmpty();
        List<Set<String>> offered = ShellCompletion.blocks(r.out());
        assertThat(offered).as(r.toString()).hasSameSizeAs(cases);
        return offered;
    }
}
