package dev.uvmctl.cli;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * What pressing TAB should offer, worked out from the command model for every command, so the
 * shell tests cover commands added later without being edited: each subcommand from its shortest
 * unambiguous prefix, the values of every enum option and of a first enum parameter, and file
 * names for every path option and a first path parameter.
 */
final class CompletionCases {
    /** The name of the only file in the directory that file cases complete in. */
    static final String SAMPLE_FILE = "sample.txt";

    /** {@code line} is what was typed before TAB; {@code expected}, what should be offered for its last word. */
    record Case(String line, Set<String> expected) {
        /** The same expectations, one case per word, each typed far enough to be the only match. */
        List<Case> unambiguous() {
            if (expected.size() == 1) {
                return List.of(this);
            }
            int cut = line.lastIndexOf(' ') + 1;
            String typed = line.substring(cut);
            List<Case> singles = new ArrayList<>();
            for (String word : expected) {
                String prefix = uniquePrefix(word, expected);
                if (prefix != null && prefix.startsWith(typed)) {
                    singles.add(new Case(line.substring(0, cut) + prefix, Set.of(word)));
                }
            }
            return singles;
        }

        /** The line as a shell should leave it after completing the only match. */
        String completedLine() {
            return line.substring(0, line.lastIndexOf(' ') + 1) + expected.iterator().next();
        }
    }

    private CompletionCases() {
    }

    /** {@code files} is a directory that holds {@link #SAMPLE_FILE} and nothing else. */
    static List<Case> of(CommandLine top, Path files) {
        List<Case> cases = new ArrayList<>();
        collect(top.getCommandSpec(), files, cases);
        return cases;
    }

    private static void collect(CommandSpec spec, Path files, List<Case> cases) {
        String path = spec.qualifiedName(" ");
        List<String> subcommands = CommandTree.visibleSubcommands(spec).stream().map(CommandSpec::name).collect(Collectors.toList());
        PositionalParamSpec first = spec.positionalParameters().stream()
            .filter(p -> !p.hidden() && p.index().min() == 0).findFirst().orElse(null);
        // A prefix must not match an alias or a parameter value either: bash offers those too.
        Set<String> atStart = new LinkedHashSet<>();
        for (CommandSpec sub : CommandTree.visibleSubcommands(spec)) {
            atStart.add(sub.name());
            atStart.addAll(List.of(sub.aliases()));
        }
        if (first != null) {
            atStart.addAll(candidates(first));
        }
        for (String name : subcommands) {
            String prefix = uniquePrefix(name, atStart);
            if (prefix != null) {
                cases.add(new Case(path + " " + prefix, Set.of(name)));
            }
        }
        if (first != null && !candidates(first).isEmpty() && subcommands.isEmpty()) {
            cases.add(new Case(path + " ", new LinkedHashSet<>(candidates(first))));
        } else if (first != null && takesFiles(first)) {
            cases.add(new Case(path + " " + sampleFilePrefix(files), Set.of(files.resolve(SAMPLE_FILE).toString())));
        }
        for (OptionSpec option : spec.options()) {
            if (option.hidden() || option.arity().max() == 0) {
                continue;
            }
            String name = Stream.of(option.names()).max(Comparator.comparingInt(String::length)).orElseThrow();
            if (!candidates(option).isEmpty()) {
                cases.add(new Case(path + " " + name + " ", new LinkedHashSet<>(candidates(option))));
            } else if (takesFiles(option)) {
                cases.add(new Case(path + " " + name + " " + sampleFilePrefix(files), Set.of(files.resolve(SAMPLE_FILE).toString())));
            }
        }
        for (CommandSpec sub : CommandTree.visibleSubcommands(spec)) {
            collect(sub, files, cases);
        }
    }

    private static String sampleFilePrefix(Path files) {
        return files + File.separator + SAMPLE_FILE.substring(0, 3);
    }

    private static List<String> candidates(ArgSpec arg) {
        List<String> values = new ArrayList<>();
        if (arg.completionCandidates() != null) {
            arg.completionCandidates().forEach(values::add);
        }
        return values;
    }

    private static boolean takesFiles(ArgSpec arg) {
        return Stream.concat(Stream.of(arg.type()), Stream.of(arg.auxiliaryTypes()))
            .anyMatch(t -> Path.class.isAssignableFrom(t) || File.class.isAssignableFrom(t));
    }

    /** The shortest start of {@code word} that no other of {@code words} begins with, or null. */
    private static String uniquePrefix(String word, Set<String> words) {
        for (int n = 1; n <= word.length(); n++) {
            String prefix = word.substring(0, n);
            if (words.stream().filter(w -> w.startsWith(prefix)).count() == 1) {
                return prefix;
            }
        }
        return null;
    }
}
