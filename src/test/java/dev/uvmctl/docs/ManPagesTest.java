package dev.uvmctl.docs;

import dev.uvmctl.cli.CommandTree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.uvmctl.ProcessRunner;
import dev.uvmctl.cli.VersionProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** What every committed man page must hold, command by command, and that groff reads it cleanly. */
class ManPagesTest {
    private static final List<String> SECTIONS = List.of(
        "NAME", "SYNOPSIS", "DESCRIPTION", "OPTIONS", "EXIT STATUS", "EXAMPLES", "ENVIRONMENT", "FILES", "SEE ALSO");
    private static final List<String> ENVIRONMENT = List.of("NO_COLOR", "CLICOLOR_FORCE", "UVMCTL_CDS", "UVMCTL_JAVA_OPTS", "JAVA_HOME");

    private final List<CommandSpec> commands = CommandTree.visible(CommandTree.withoutOutput().getCommandSpec());

    @Test
    void headerNamesThePageWithThePinnedDateAndTheVersion() throws IOException {
        String date = System.getProperty("uvmctl.release.date");
        assertThat(date).as("surefire passes the pom's uvmctl.release.date").matches("\\d{4}-\\d{2}-\\d{2}");
        SoftAssertions soft = new SoftAssertions();
        for (CommandSpec spec : commands) {
            String title = ManPageSource.pageName(spec).toUpperCase().replace("-", "\\-");
            soft.assertThat(page(spec)).as(ManPageSource.pageName(spec))
                .contains("\n.TH \"" + title + "\" \"1\" \"" + date + "\" \"uvmctl " + VersionProvider.version() + "\" \"Uvmctl Manual\"\n");
        }
        soft.assertAll();
    }

    @Test
    void everyPageHasEverySection() throws IOException {
        SoftAssertions soft = new SoftAssertions();
        for (CommandSpec spec : commands) {
            Map<String, String> sections = sections(page(spec));
            String name = ManPageSource.pageName(spec);
            soft.assertThat(sections.keySet()).as(name + "(1) sections").containsAll(SECTIONS);
            soft.assertThat(sections).as("%s(1) has no EXAMPLES: give the command a usage footer headed \"Examples:\","
                + " or write src/docs/man/%s.adoc with an \"== Examples\" section", name, name).containsKey("EXAMPLES");
        }
        soft.assertAll();
    }

    @Test
    void everyExitCodeOptionAndVariableIsDescribed() throws IOException {
        SoftAssertions soft = new SoftAssertions();
        for (CommandSpec spec : commands) {
            Map<String, String> sections = sections(page(spec));
            String name = ManPageSource.pageName(spec) + "(1)";
            for (String code : spec.usageMessage().exitCodeList().keySet()) {
                soft.assertThat(sections.getOrDefault("EXIT STATUS", "")).as(name + " exit status " + code)
                    .contains("\\fB" + code.trim() + "\\fP");
            }
            for (OptionSpec option : spec.options()) {
                if (!option.hidden()) {
                    soft.assertThat(sections.getOrDefault("OPTIONS", "")).as(name + " option " + option.longestName())
                        .contains("\\fB" + option.longestName().replace("-", "\\-") + "\\fP");
                }
            }
            for (String variable : ENVIRONMENT) {
                soft.assertThat(sections.getOrDefault("ENVIRONMENT", "")).as(name + " environment").contains("\\fB" + variable + "\\fP");
            }
        }
        soft.assertAll();
    }

    @Test
    void groffFormatsEveryPageWithoutAWarning() throws Exception {
        assumeTrue(ProcessRunner.onPath("groff"), "groff is not installed: the man pages' roff is not checked by a formatter");
        for (CommandSpec spec : commands) {
            Path file = file(spec);
            ProcessRunner.Result r = ProcessRunner.withPathAndHome().env("LANG", "C.UTF-8")
                .run("groff", "-man", "-Tutf8", "-ww", "-z", file.toString());
            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(r.err()).as(r.toString()).isEmpty();
        }
    }

    private static Path file(CommandSpec spec) {
        return Path.of("man", ManPageSource.pageName(spec) + ".1");
    }

    private static String page(CommandSpec spec) throws IOException {
        Path file = file(spec);
        assertThat(file).as("%s: %s", file, GeneratedText.REGENERATE).exists();
        return Files.readString(file);
    }

    /** The page's sections by title, each with its roff text. */
    private static Map<String, String> sections(String roff) {
        Map<String, String> sections = new LinkedHashMap<>();
        String title = null;
        StringBuilder body = new StringBuilder();
        for (String line : roff.split("\n")) {
            if (line.startsWith(".SH ")) {
                if (title != null) {
                    sections.put(title, body.toString());
                }
                title = line.substring(4).replace("\"", "").trim();
                body.setLength(0);
            } else {
                body.append(line).append('\n');
            }
        }
        if (title != null) {
            sections.put(title, body.toString());
        }
        return sections;
    }
}
