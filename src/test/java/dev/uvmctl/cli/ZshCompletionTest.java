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
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The native zsh completion, {@code _uvmctl}, in a real interactive zsh on a pseudo-terminal
 * (zsh's own zpty), installed as zsh users install one: its directory on {@code $fpath} before
 * {@code compinit}, nothing sourced. Each case is typed, TAB pressed, and the edited line written
 * out by a key binding; every case is typed far enough to have one match, so the line shows
 * whether TAB completed it.
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

    /** A parameter with nothing to offer must not stop a single matching option from being inserted. */
    @Test
    void completesAnOptionWhereAParameterCouldAlsoGo() throws Exception {
        List<Case> cases = List.of(new Case("uvmctl leaks --expl", Set.of("--explain")),
            new Case("uvmctl dmesg --bo", Set.of("--boot")), new Case("uvmctl -q params --chan", Set.of("--changed")));
        assertThat(complete(CommandTree.withoutOutput(), cases, false).lines())
            .as("an option with a value is inserted with its '=', as zsh does").containsExactly("[uvmctl leaks --explain ]",
                "[uvmctl dmesg --boot=]", "[uvmctl -q params --changed ]");
    }

    /** The commands are listed with what each is, and options with their descriptions. */
    @Test
    void listsCommandsAndOptionsWithTheirDescriptions() throws Exception {
        Session s = complete(CommandTree.withoutOutput(),
            List.of(new Case("uvmctl ", Set.of()), new Case("uvmctl leaks --min-", Set.of())), false);
        for (CommandLine sub : CommandTree.withoutOutput().getSubcommands().values()) {
            assertThat(s.screen()).as(s.toString())
                .containsPattern(sub.getCommandName() + " +-- " + java.util.regex.Pattern.quote(
                    CompletionScripts.summary(sub.getCommandSpec()).substring(0, 20)));
        }
        assertThat(s.screen()).as(s.toString()).containsPattern("--min-age +-- Leave out findings younger than AGE")
            .containsPattern("--min-size +-- Leave out findings smaller than SIZE");
    }

    /** {@code source <(uvmctl completion zsh)} after compinit, for the current shell only, works too. */
    @Test
    void registersItselfWhenSourced() throws Exception {
        Session s = complete(CommandTree.withoutOutput(), List.of(new Case("uvmctl va", Set.of("va-spaces")),
            new Case("uvmctl completion f", Set.of("fish"))), true);
        assertThat(s.lines()).as(s.toString()).containsExactly("[uvmctl va-spaces ]", "[uvmctl completion fish ]");
    }

    private void assertCompletes(CommandLine tree) throws Exception {
        List<Case> cases = CompletionCases.of(tree, ShellCompletion.files(tmp)).stream()
            .flatMap(c -> c.unambiguous().stream()).collect(Collectors.toList());
        List<String> lines = complete(tree, cases, false).lines();
        SoftAssertions soft = new SoftAssertions();
        for (int i = 0; i < cases.size(); i++) {
            soft.assertThat(lines.get(i)).as("zsh: %s<TAB>", cases.get(i).line())
                .isEqualTo("[" + cases.get(i).completedLine() + " ]");
        }
        soft.assertAll();
    }

    /** The lines zsh left after TAB, one per case, and what it drew on the terminal meanwhile. */
    record Session(List<String> lines, String screen) {
        @Override
        public String toString() {
            return "lines: " + lines + "\n--- screen ---\n" + screen;
        }
    }

    private Session complete(CommandLine tree, List<Case> cases, boolean sourced) throws Exception {
        Path script = ShellCompletion.writeScript(Shell.zsh, tree, tmp);
        Path home = tmp.resolve("home");
        Path lines = tmp.resolve("lines");
        Path screen = tmp.resolve("screen");
        String setUp = sourced
            ? "autoload -U compinit && compinit -u -d " + home + "/.zcompdump && source " + script
            : "fpath=(" + script.getParent() + " $fpath) && autoload -U compinit && compinit -u -d " + home + "/.zcompdump";
        StringBuilder driver = new StringBuilder()
            .append("zmodload zsh/zpty\n")
            .append("zpty shell 'zsh -f -i'\n")
            .append("zpty -w shell ").append(ShellCompletion.quoted(setUp)).append('\n')
            .append("zpty -w shell ").append(ShellCompletion.quoted("dump() { print -r -- \"[$BUFFER]\" >> " + lines + "; BUFFER=; }")).append('\n')
            .append("zpty -w shell 'zle -N dump; bindkey \"^G\" dump'\n");
        for (Case c : cases) {
            driver.append("zpty -w -n shell ").append(ShellCompletion.quoted(c.line())).append("$'\\t\\a'\n");
        }
        driver.append("for i in {1..600}; do\n")
            .append("  [[ -f ").append(lines).append(" ]] && (( $(wc -l < ").append(lines).append(") >= ").append(cases.size()).append(" )) && break\n")
            .append("  sleep 0.1\n")
            .append("done\n")
            .append("out=\n")
            .append("while zpty -rt shell chunk; do out+=$chunk; done\n")
            .append("print -r -- \"$out\" > ").append(screen).append('\n')
            .append("zpty -w shell exit\n")
            .append("zpty -d shell\n");
        Path driverFile = tmp.resolve("driver.zsh");
        Files.writeString(driverFile, driver);
        ProcessRunner.Result r = ShellCompletion.run(home, "zsh", "-f", driverFile.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        List<String> typed = Files.exists(lines) ? Files.readAllLines(lines) : List.of();
        String drawn = Files.exists(screen) ? Files.readString(screen).replaceAll("\u001b\\[[0-9;?]*[A-Za-z]", "").replace("\r", "") : "";
        assertThat(typed).as("lines zsh left after TAB\n%s\n%s", r, drawn).hasSameSizeAs(cases);
        return new Session(typed, drawn);
    }
}
