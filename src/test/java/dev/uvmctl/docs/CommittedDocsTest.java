package dev.uvmctl.docs;

import dev.uvmctl.cli.CommandTree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.uvmctl.cli.CliRun;
import dev.uvmctl.cli.CompletionCommand.Shell;
import dev.uvmctl.cli.CompletionScripts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The committed man/ and completions/ are what the build generates from the command classes
 * now (target/man, target/completions, written before the tests), so they cannot drift from
 * the commands they describe.
 */
class CommittedDocsTest {
    private static final Path GENERATED = Path.of(System.getProperty("uvmctl.generated", "target"));

    @Test
    void thereIsOneCommittedManPagePerCommand() throws IOException {
        Set<String> expected = CommandTree.visible(CommandTree.withoutOutput().getCommandSpec()).stream()
            .map(c -> ManPageSource.pageName(c) + ".1").collect(Collectors.toCollection(TreeSet::new));
        assertThat(pages(Path.of("man"))).as("man/ against the commands: " + GeneratedText.REGENERATE)
            .containsExactlyElementsOf(expected);
    }

    @Test
    void committedManPagesAreWhatTheBuildGenerates() throws IOException {
        generatedByThisBuild();
        for (String page : pages(Path.of("man"))) {
            GeneratedText.assertSameBytes(Path.of("man", page), GENERATED.resolve("man").resolve(page));
        }
    }

    @Test
    void committedCompletionScriptsAreWhatTheBuildGenerates() throws IOException {
        generatedByThisBuild();
        assertThat(names(GENERATED.resolve("completions"))).as("target/completions against completions/: " + GeneratedText.REGENERATE)
            .containsExactlyElementsOf(names(Path.of("completions")));
        for (Shell shell : Shell.values()) {
            String script = CompletionScripts.fileName(shell, "uvmctl");
            GeneratedText.assertSameBytes(Path.of("completions", script), GENERATED.resolve("completions").resolve(script));
        }
    }

    @Test
    void committedCompletionScriptsAreWhatUvmctlCompletionPrints() throws IOException {
        for (Shell shell : Shell.values()) {
            CliRun.Result r = new CliRun().run("completion", shell.name());
            assertThat(r.exitCode()).as(r.toString()).isZero();
            Path committed = Path.of("completions", CompletionScripts.fileName(shell, "uvmctl"));
            assertThat(Files.readString(committed))
                .as("%s against 'uvmctl completion %s': %s", committed, shell, GeneratedText.REGENERATE)
                .isEqualTo(r.out());
        }
    }

    private static void generatedByThisBuild() {
        assumeFalse(Boolean.getBoolean("uvmctl.skipDocs"),
            "built with -Duvmctl.skipDocs=true: no man pages or completion scripts were generated to compare with");
        assertThat(GENERATED.resolve("man"))
            .as("%s is missing: run the tests through Maven (mvn test), whose process-test-classes phase generates it",
                GENERATED.resolve("man"))
            .isDirectory();
    }

    private static Set<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static Set<String> pages(Path dir) throws IOException {
        return names(dir).stream().filter(n -> n.endsWith(".1")).collect(Collectors.toCollection(TreeSet::new));
    }
}
