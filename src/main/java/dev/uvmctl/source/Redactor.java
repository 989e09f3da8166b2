package dev.uvmctl.source;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces host names, user names and command lines with stable placeholders ({@code host-1},
 * {@code user-1}, {@code cmdline-1}) for bundles posted in public: the same name always becomes
 * the same placeholder (names numbered in sorted order, command lines in the order met), so the
 * bundle stays consistent with itself.
 * Whole words only: {@code alice} in {@code /home/alice/x} is replaced, in {@code malice} it is not.
 */
public final class Redactor {
    private static final Redactor NONE = new Redactor(List.of(), List.of());

    private final Map<String, String> names = new LinkedHashMap<>();
    private final Pattern pattern;
    private final Map<String, String> cmdlines = new TreeMap<>();

    private Redactor(List<String> hosts, List<String> users) {
        int i = 0;
        for (String h : new TreeSet<>(hosts)) {
            names.put(h, "host-" + ++i);
        }
        i = 0;
        for (String u : new TreeSet<>(users)) {
            names.putIfAbsent(u, "user-" + ++i);
        }
        List<String> quoted = new ArrayList<>();
        names.keySet().stream().sorted((a, b) -> b.length() - a.length()).forEach(n -> quoted.add(Pattern.quote(n)));
        pattern = quoted.isEmpty() ? null : Pattern.compile("(?<![A-Za-z0-9_.-])(" + String.join("|", quoted) + ")(?![A-Za-z0-9_-])");
    }

    /** A redactor that changes nothing. */
    public static Redactor none() {
        return NONE;
    }

    /** {@code hosts}: the host's names; {@code passwd}: the text of /etc/passwd (its users with uid 1000 and up). */
    public static Redactor of(List<String> hosts, String passwd) {
        List<String> users = new ArrayList<>();
        if (passwd != null) {
            for (String line : passwd.split("\n")) {
                String[] f = line.split(":");
                if (f.length > 2 && f[0].length() > 1 && f[2].matches("\\d{1,9}")) {
                    long uid = Long.parseLong(f[2]);
                    if (uid >= 1000 && uid < 65534) {
                        users.add(f[0]);
                    }
                }
            }
        }
        return new Redactor(hosts.stream().filter(h -> h != null && h.length() > 1).toList(), users);
    }

    public boolean active() {
        return this != NONE;
    }

    /** The text with every known host and user name replaced. */
    public String text(String s) {
        if (pattern == null || s == null) {
            return s;
        }
        Matcher m = pattern.matcher(s);
        return m.replaceAll(r -> Matcher.quoteReplacement(names.get(r.group(1))));
    }

    /** A stable placeholder for a command line (the same command line, the same placeholder). */
    public String cmdline(String cmdline) {
        return cmdlines.computeIfAbsent(cmdline, k -> "cmdline-" + (cmdlines.size() + 1));
    }
}
