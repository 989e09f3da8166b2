package dev.uvmctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;
import org.junit.jupiter.api.Test;

/**
 * The top command's attributes are inherited (scope INHERIT), its header too: a subcommand
 * without a header of its own would be listed, and named in its man page, with the top's.
 */
class CommandHeadersTest {

    @Test
    void everySubcommandHasItsOwnOneLineHeader() {
        CommandLine top = CommandLineFactory.create(CliContext.builder(new PrintWriter(new StringWriter()),
            new PrintWriter(new StringWriter()), java.io.InputStream.nullInputStream()).build());
        String topHeader = String.join("", top.getCommandSpec().usageMessage().header());
        walk(top, topHeader);
    }

    @Test
    void theTopCommandsNamesForItsSubcommandsAreTheirOwn() {
        UvmctlCommand.SUBCOMMANDS.forEach((name, command) ->
            assertThat(command.getAnnotation(picocli.CommandLine.Command.class).name()).as(command.getSimpleName()).isEqualTo(name));
        CommandLine top = CommandLineFactory.create(CliContext.builder(new PrintWriter(new StringWriter()),
            new PrintWriter(new StringWriter()), java.io.InputStream.nullInputStream()).build());
        assertThat(top.getSubcommands().keySet()).containsExactlyElementsOf(UvmctlCommand.SUBCOMMANDS.keySet());
    }

    /** Main keeps picocli from registering its converters for some types: every such option brings its own. */
    @Test
    void everyOptionOfATypeWhoseBuiltInConverterIsExcludedHasItsOwn() {
        CommandLine top = CommandLineFactory.create(CliContext.builder(new PrintWriter(new StringWriter()),
            new PrintWriter(new StringWriter()), java.io.InputStream.nullInputStream()).build());
        java.util.List<String> excluded = java.util.List.of(dev.uvmctl.Main.CONVERTERS_EXCLUDED.split(","));
        java.util.ArrayDeque<CommandLine> todo = new java.util.ArrayDeque<>(java.util.List.of(top));
        int checked = 0;
        while (!todo.isEmpty()) {
            CommandLine cl = todo.pop();
            for (picocli.CommandLine.Model.ArgSpec arg : cl.getCommandSpec().args()) {
                for (Class<?> type : arg.auxiliaryTypes()) {
                    if (excluded.stream().anyMatch(type.getName()::matches)) {
                        checked++;
                        assertThat(arg.converters()).as(cl.getCommandSpec().qualifiedName() + " " + arg.paramLabel()).isNotEmpty();
                    }
                }
            }
            todo.addAll(cl.getSubcommands().values());
        }
        assertThat(checked).as("options of excluded types (java.time.Duration)").isPositive();
    }

    /** docs/architecture.md's exit statuses: every command can meet a usage error, unreadable input or a bug. */
    @Test
    void everyCommandListsTheExitStatusesItCanHave() {
        CommandLine top = CommandLineFactory.create(CliContext.builder(new PrintWriter(new StringWriter()),
            new PrintWriter(new StringWriter()), java.io.InputStream.nullInputStream()).build());
        java.util.ArrayDeque<CommandLine> todo = new java.util.ArrayDeque<>(java.util.List.of(top));
        while (!todo.isEmpty()) {
            CommandLine cl = todo.pop();
            java.util.Set<String> codes = new java.util.HashSet<>();
            cl.getCommandSpec().usageMessage().exitCodeList().keySet().forEach(k -> codes.add(k.strip()));
            assertThat(codes).as(cl.getCommandSpec().qualifiedName()).contains("0", "2", "3", "70");
            todo.addAll(cl.getSubcommands().values());
        }
    }

    private static void walk(CommandLine cl, String topHeader) {
        for (CommandLine sub : cl.getSubcommands().values()) {
            String[] header = sub.getCommandSpec().usageMessage().header();
            String name = sub.getCommandSpec().qualifiedName();
            assertThat(header).as(name + " has a header").hasSize(1);
            assertThat(header[0]).as(name + " header").isNotEqualTo(topHeader).hasSizeLessThan(100);
            walk(sub, topHeader);
        }
    }
}
