package dev.uvmctl.cli;

import dev.uvmctl.ProcessRunner;
import dev.uvmctl.cli.CompletionCommand.Shell;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.assertj.core.api.SoftAssertions;
import picocli.CommandLine;

/** What the shell completion tests share: the trees they complete, scratch files, running a shell. */
final class ShellCompletion {
    private ShellCompletion() {
    }

    /**
     * Writes the script for {@code shell} under the name the shell looks it up by, alone in
     * {@code dir/completions} (zsh's {@code $fpath} takes the directory), and the directory file
     * cases complete in, under {@code dir}.
     */
    static Path writeScript(Shell shell, CommandLine tree, Path dir) throws IOException {
        Files.createDirectories(dir.resolve("files"));
        Files.writeString(dir.resolve("files").resolve(CompletionCases.SAMPLE_FILE), "");
        Path script = Files.createDirectories(dir.resolve("completions")).resolve(CompletionScripts.fileName(shell, "uvmctl"));
        Files.writeString(script, CompletionScripts.script(shell, tree));
        return script;
    }

    static Path files(Path dir) {
        return dir.resolve("files");
    }

    /** A shell with nothing from the user's set-up: scratch HOME, no rc files. */
    static ProcessRunner.Result run(Path home, String... command) throws IOException, InterruptedException {
        Files.createDirectories(home);
        return ProcessRunner.withEmptyEnvironment()
            .env("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"))
            .env("HOME", home.toString())
            .env("XDG_CONFIG_HOME", home.resolve(".config").toString())
            .env("XDG_DATA_HOME", home.resolve(".local/share").toString())
            .env("TERM", "dumb")
            .env("LANG", "C.UTF-8")
            .directory(home)
            .run(command);
    }

    /** What {@code shell} offered for each case against what the case expects, every difference reported at once. */
    static void assertOffers(String shell, List<CompletionCases.Case> cases, List<Set<String>> offered) {
        SoftAssertions soft = new SoftAssertions();
        for (int i = 0; i < cases.size(); i++) {
            soft.assertThat(offered.get(i)).as("%s: %s<TAB>", shell, cases.get(i).line())
                .containsExactlyInAnyOrderElementsOf(cases.get(i).expected());
        }
        soft.assertAll();
    }

    /** Splits output made of blocks of words, each ending with an {@code --end--} line. */
    static List<Set<String>> blocks(String out) {
        List<Set<String>> blocks = new ArrayList<>();
        Set<String> current = new LinkedHashSet<>();
        for (String line : out.split("\n", -1)) {
            if (line.equals("--end--")) {
                blocks.add(current);
                current = new LinkedHashSet<>();
            } else if (!line.isEmpty()) {
                current.add(line);
            }
        }
        return blocks;
    }

    /** A single-quoted string for bash, zsh and fish alike (none of the cases holds a quote). */
    static String quoted(String s) {
        if (s.contains("'") || s.contains("\\")) {
            throw new IllegalArgumentException("case with a quote or backslash: " + s);
        }
        return "'" + s + "'";
    }
}
