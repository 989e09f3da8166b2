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

/** The fish script, sourced in a real fish, asked what TAB offers ({@code complete -C}). */
class FishCompletionTest {
    @TempDir
    Path tmp;

    @BeforeAll
    static void needsFish() {
        assumeTrue(ProcessRunner.onPath("fish"), "fish is not installed (apt-get install fish): fish completion not tested");
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
    void offersOptionsOnlyWhereTheyApply() throws Exception {
        List<Set<String>> offered = complete(SampleCommands.tree(), List.of(
            new Case("uvmctl l", Set.of()),
            new Case("uvmctl params explain --k", Set.of()),
            new Case("uvmctl events explain --k", Set.of()),
            new Case("uvmctl --root x params --o", Set.of()),
            new Case("uvmctl params ck --co", Set.of()),
            new Case("uvmctl params explain ", Set.of())));
        assertThat(offered.get(0)).as("hidden command").containsExactly("leaks");
        assertThat(offered.get(1)).as("--kind belongs to events explain").isEmpty();
        assertThat(offered.get(2)).containsExactly("--kind");
        assertThat(offered.get(3)).as("the value of --root is not a command").containsExactly("--output");
        assertThat(offered.get(4)).as("an alias leads to its command; inherited options").containsExactly("--color");
        assertThat(offered.get(5)).as("a name parameter is not a file").isEmpty();
    }

    private void assertCompletes(CommandLine tree) throws Exception {
        List<Case> cases = CompletionCases.of(tree, ShellCompletion.files(tmp));
        ShellCompletion.assertOffers("fish", cases, complete(tree, cases));
    }

    private List<Set<String>> complete(CommandLine tree, List<Case> cases) throws Exception {
        Path script = ShellCompletion.writeScript(Shell.fish, tree, tmp);
        StringBuilder driver = new StringBuilder()
            .append("source ").append(ShellCompletion.quoted(script.toString())).append('\n')
            .append("function complete_line\n")
            .append("    complete -C $argv[1] | string replace -r '\\t.*' ''\n")
            .append("    echo --end--\n")
            .append("end\n");
        for (Case c : cases) {
            driver.append("complete_line ").append(ShellCompletion.quoted(c.line())).append('\n');
        }
        Path driverFile = tmp.resolve("driver.fish");
        Files.writeString(driverFile, driver);
        ProcessRunner.Result r = ShellCompletion.run(tmp.resolve("home"), "fish", "--no-config", driverFile.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.err()).as(r.toString()).isEmpty();
        List<Set<String>> offered = ShellCompletion.blocks(r.out());
        assertThat(offered).as(r.toString()).hasSameSizeAs(cases);
        return offered;
    }
}
