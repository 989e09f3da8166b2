package dev.uvmctl.params;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a parameter string the way the kernel's {@code next_arg()} does (lib/cmdline.c and
 * kernel/params.c): words separated by spaces, double quotes group a value that has spaces and
 * are removed. A word without {@code =} is a parameter with no value (a bool set to true).
 */
final class KernelArgs {
    /** One {@code name[=value]} word; {@code value} is null when no {@code =} was given. */
    record Arg(String name, String value) {
    }

    /** The words, or null when a quote is never closed. */
    static List<Arg> split(String s) {
        List<Arg> args = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            while (i < n && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            if (i == n) {
                break;
            }
            StringBuilder word = new StringBuilder();
            boolean quoted = false;
            int equals = -1;
            for (; i < n; i++) {
                char c = s.charAt(i);
                if (c == '"') {
                    quoted = !quoted;
                    continue;
                }
                if (!quoted && Character.isWhitespace(c)) {
                    break;
                }
                if (c == '=' && equals < 0 && !quoted) {
                    equals = word.length();
                }
                word.append(c);
            }
            if (quoted) {
                return null;
            }
            String w = word.toString();
            args.add(equals < 0 ? new Arg(w, null) : new Arg(w.substring(0, equals), w.substring(equals + 1)));
        }
        return args;
    }

    /** The kernel treats {@code -} and {@code _} in module and parameter names as the same. */
    static String normalize(String name) {
        return name.replace('-', '_');
    }

    private KernelArgs() {
    }
}
