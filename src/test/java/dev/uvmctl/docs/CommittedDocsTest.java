package dev.uvmctl.docs;

import dev.uvmctl.cli.CommandTree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.uvmctl.cli.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
    private static final List<String> SHELLS = List.of("bash", "zsh", "fish");

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
        for (String shell : SHELLS) {
            String script = "uvmctl." + shell;
            GeneratedText.assertSameBytes(Path.of("completions", script), GENERATED.resolve("completions").resolve(script));
        }
    }

    @Test
    void committedCompletionScriptsAreWhatUvmctlCompletionPrints() throws IOException {
        for (String shell : SHELLS) {
            CliRun.Result r = new CliRun().run("completion", shell);
            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(Files.readString(Path.of("completions", "uvmctl." + shell)))
                .as("completions/uvmctl.%s against 'uvmctl completion %s': %s", shell, shell, GeneratedText.REGENERATE)
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

    private static Set<String> pages(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".1"))
                .collect(Collectors.toCollection(TreeSet::new));
        }
    }
}
