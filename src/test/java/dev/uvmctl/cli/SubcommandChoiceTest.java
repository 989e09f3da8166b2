package dev.uvmctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.function.Predicate;
import picocli.CommandLine;
import org.junit.jupiter.api.Test;

class SubcommandChoiceTest {
    private static final List<String> NAMES = List.of("leaks", "params", "dmesg");

    private static List<String> built(String... args) {
        Predicate<String> p = SubcommandChoice.of(args, NAMES);
        return NAMES.stream().filter(p).toList();
    }

    @Test
    void onlyTheNamedSubcommandIsBuilt() {
        assertThat(built("params", "--changed")).containsExactly("params");
        assertThat(built("--root", "/x", "--color", "never", "-q", "dmesg", "f.log")).containsExactly("dmesg");
        assertThat(built("--root=/x", "leaks")).containsExactly("leaks");
        assertThat(built("--root", "params", "leaks")).as("a global option's value is not a subcommand").containsExactly("leaks");
    }

    @Test
    void aBareVersionNeedsNoSubcommand() {
        assertThat(built("--version")).isEmpty();
        assertThat(built("-q", "-V")).isEmpty();
    }

    @Test
    void everythingWhenItCannotBeTold() {
        assertThat(built()).isEqualTo(NAMES);
        assertThat(built("--help")).isEqualTo(NAMES);
        assertThat(built("--version", "--help")).isEqualTo(NAMES);
        assertThat(built("lekas")).as("a typo gets picocli's suggestions").isEqualTo(NAMES);
    }

    /** A run with the pruned tree parses exactly as with the whole one. */
    @Test
    void thePrunedTreeParsesLikeTheWholeOne() {
        for (String[] args : new String[][] {{"params", "--root", "/r", "--changed"}, {"--color=never", "leaks", "--all"},
            {"--version"}, {"completion", "fish"}}) {
            CommandLine whole = CommandLineFactory.create(context());
            CommandLine pruned = CommandLineFactory.forArgs(context(), args);
            assertThat(describe(pruned.parseArgs(args))).isEqualTo(describe(whole.parseArgs(args)));
        }
    }

    private static String describe(CommandLine.ParseResult r) {
        StringBuilder b = new StringBuilder();
        for (CommandLine.ParseResult p = r; p != null; p = p.subcommand()) {
            b.append(p.commandSpec().qualifiedName()).append(' ').append(p.matchedOptions().stream()
                .map(o -> o.longestName() + "=" + java.util.Objects.toString(o.getValue())).toList()).append(p.matchedPositionals().stream()
                .map(a -> java.util.Objects.toString(a.getValue())).toList()).append('\n');
        }
        return b.toString();
    }

    private static CliContext context() {
        PrintWriter w = new PrintWriter(new StringWriter());
        return CliContext.builder(w, w, InputStream.nullInputStream()).build();
    }
}
