package dev.uvmctl.cli;

import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Which subcommands one command line needs built: the one its first word names, none for a
 * bare {@code --version}, or all when that cannot be told (help, no subcommand, a word that is
 * not a subcommand). Global options and their values are skipped, as picocli skips them.
 */
final class SubcommandChoice {
    /** The global options that take a value in the next word when not written {@code --opt=value}. */
    private static final Set<String> WITH_VALUE = Set.of("--root", "--color");

    private SubcommandChoice() {
    }

    static Predicate<String> of(String[] args, List<String> names) {
        boolean version = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (WITH_VALUE.contains(a)) {
                i++;
            } else if (a.equals("-V") || a.equals("--version")) {
                version = true;
            } else if (a.equals("-h") || a.equals("--help") || a.equals("--")) {
                return name -> true;
            } else if (!a.startsWith("-")) {
                return names.contains(a) ? a::equals : name -> true;
            }
        }
        return version ? name -> false : name -> true;
    }
}
