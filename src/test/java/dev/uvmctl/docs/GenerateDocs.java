package dev.uvmctl.docs;

import dev.uvmctl.cli.CliContext;
import dev.uvmctl.cli.CommandLineFactory;
import dev.uvmctl.cli.CommandTree;
import dev.uvmctl.cli.CompletionCommand.Shell;
import dev.uvmctl.cli.CompletionScripts;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What the build generates from the command classes (exec-maven-plugin, before the tests): the
 * AsciiDoc source of every man page, which Asciidoctor then turns into roff, and the completion
 * scripts exactly as {@code uvmctl completion SHELL} prints them. {@code dev/regen-docs.sh}
 * copies the results to the committed {@code man/} and {@code completions/}.
 *
 * <p>Arguments: the hand-written sections' directory, the man page source directory to write,
 * the completion script directory to write.
 */
public final class GenerateDocs {
    /** Man pages are wrapped at a fixed width, whatever terminal the build runs in. */
    private static final int WIDTH = 80;

    private GenerateDocs() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: GenerateDocs HAND_WRITTEN_DIR MAN_SOURCE_OUT COMPLETIONS_OUT");
        }
        Path handWritten = Path.of(args[0]);
        writeManPageSources(handWritten, emptied(Path.of(args[1])));
        writeCompletionScripts(emptied(Path.of(args[2])));
    }

    private static void writeManPageSources(Path handWritten, Path out) throws IOException {
        CommandLine top = CommandTree.withoutOutput();
        top.setUsageHelpAutoWidth(false);
        top.setUsageHelpWidth(WIDTH);
        List<CommandSpec> commands = CommandTree.visible(top.getCommandSpec());
        Set<String> pages = commands.stream().map(c -> ManPageSource.pageName(c) + ".adoc").collect(Collectors.toSet());
        checkHandWrittenFiles(handWritten, pages);
        for (CommandSpec spec : commands) {
            Files.writeString(out.resolve(ManPageSource.pageName(spec) + ".adoc"), ManPageSource.of(spec, handWritten));
        }
    }

    /** A hand-written file named after no command is a leftover of a renamed one: say so. */
    private static void checkHandWrittenFiles(Path handWritten, Set<String> pages) throws IOException {
        List<String> strays = new ArrayList<>();
        try (Stream<Path> files = Files.list(handWritten)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.getFileName().toString();
                if (name.endsWith(".adoc") && !name.equals(ManPageSource.ALL_PAGES) && !pages.contains(name)) {
                    strays.add(file.toString());
                }
            }
        }
        if (!strays.isEmpty()) {
            throw new IllegalStateException(strays + " belong to no command (pages are " + pages.stream().sorted().toList()
                + "): rename each after its command's page, or delete it");
        }
    }

    private static void writeCompletionScripts(Path out) throws IOException {
        for (Shell shell : Shell.values()) {
            StringWriter script = new StringWriter();
            PrintWriter sink = new PrintWriter(Writer.nullWriter());
            PrintWriter scriptWriter = new PrintWriter(script);
            CliContext context = CliContext.builder(scriptWriter, sink, InputStream.nullInputStream()).build();
            int code = CommandLineFactory.create(context).execute("completion", shell.name());
            scriptWriter.flush();
            if (code != 0) {
                throw new IllegalStateException("uvmctl completion " + shell + " exited with " + code);
            }
            Files.writeString(out.resolve(CompletionScripts.fileName(shell, "uvmctl")), script.toString(), StandardCharsets.UTF_8);
        }
    }

    /** The directory, created or with its files removed, so nothing of a removed command stays. */
    private static Path emptied(Path dir) throws IOException {
        Files.createDirectories(dir);
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.delete(file);
            }
        }
        return dir;
    }
}
