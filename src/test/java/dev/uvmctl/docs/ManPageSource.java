package dev.uvmctl.docs;

import dev.uvmctl.cli.CommandTree;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import picocli.CommandLine.Model.CommandSpec;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * The AsciiDoc source of one man page. First what picocli's ManPageGenerator writes from the
 * command (name, synopsis, description, options, arguments, subcommands, exit status); then
 * EXAMPLES, from the command's usage footer when it is headed "Examples"; then the command's
 * hand-written sections, {@code src/docs/man/PAGE.adoc}, if it has that file (an "Examples"
 * section there replaces the footer's); then the sections every page has,
 * {@code src/docs/man/all-pages.adoc} (ENVIRONMENT, FILES); then SEE ALSO, the parent and child
 * pages.
 */
final class ManPageSource {
    static final String ALL_PAGES = "all-pages.adoc";

    private static final String FOOTER_TAG = "// tag::picocli-generated-man-section-footer[]";
    private static final Pattern EXAMPLES_HEADING = Pattern.compile("(?im)^== *examples *$");

    private ManPageSource() {
    }

    /** The page's name: {@code uvmctl-params-explain} for {@code uvmctl params explain}. */
    static String pageName(CommandSpec spec) {
        return spec.qualifiedName("-");
    }

    static String of(CommandSpec spec, Path handWritten) throws IOException {
        StringWriter generated = new StringWriter();
        ManPageGenerator.writeSingleManPage(new PrintWriter(generated), spec);
        String picocli = generated.toString().replace("\r\n", "\n");
        // The footer is --help's; the man page has fuller hand-written sections instead.
        String page = tidyHeadings(picocli.substring(0, picocli.indexOf(FOOTER_TAG)));

        String own = read(handWritten.resolve(pageName(spec) + ".adoc"));
        StringBuilder b = new StringBuilder(page);
        if (!EXAMPLES_HEADING.matcher(own).find()) {
            b.append(footerExamples(spec));
        }
        b.append(own);
        b.append(read(handWritten.resolve(ALL_PAGES)));
        b.append(seeAlso(spec));
        return b.toString();
    }

    /** picocli takes headings from usage headings such as "%nExit status:%n": drop the colon. */
    private static String tidyHeadings(String adoc) {
        return adoc.lines()
            .map(line -> line.startsWith("== ") ? "== " + line.substring(3).trim().replaceAll(":$", "") : line)
            .collect(Collectors.joining("\n", "", "\n"));
    }

    private static String footerExamples(CommandSpec spec) {
        String heading = spec.usageMessage().footerHeading().replace("%n", "").trim().replaceAll(":$", "");
        if (!heading.equalsIgnoreCase("examples") || spec.usageMessage().footer().length == 0) {
            return "";
        }
        List<String> lines = new ArrayList<>(List.of(spec.usageMessage().footer()));
        int indent = lines.stream().filter(l -> !l.isBlank())
            .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        StringBuilder b = new StringBuilder("== Examples\n\n....\n");
        for (String line : lines) {
            b.append(line.isBlank() ? "" : line.substring(indent)).append('\n');
        }
        return b.append("....\n\n").toString();
    }

    private static String seeAlso(CommandSpec spec) {
        List<CommandSpec> pages = new ArrayList<>();
        if (spec.parent() != null) {
            pages.add(spec.parent());
        }
        pages.addAll(CommandTree.visibleSubcommands(spec));
        if (pages.isEmpty()) {
            return "";
        }
        return "== See also\n\n"
            + pages.stream().map(p -> "*" + pageName(p) + "*(1)").collect(Collectors.joining(", "))
            + "\n";
    }

    /** The file's text, ending in a blank line, or nothing when there is no such file. */
    private static String read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return "";
        }
        String text = Files.readString(file).replace("\r\n", "\n").strip();
        return text.isEmpty() ? "" : text + "\n\n";
    }
}
