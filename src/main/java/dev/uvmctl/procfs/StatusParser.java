package dev.uvmctl.procfs;

import dev.uvmctl.shared.Diagnostic;
import dev.uvmctl.shared.Provenance;
import java.util.ArrayList;
import java.util.List;

/** Parses {@code /proc/PID/status}: {@code Key:\tvalue} lines, of which a few matter here. */
public final class StatusParser {
    private StatusParser() {
    }

    /** The status of {@code pid}, or null (with a diagnostic) when the file has no usable {@code Name}/{@code State}. */
    public static ProcessStatus parse(String text, int pid, String input, List<Diagnostic> diagnostics) {
        String name = null;
        String state = null;
        Integer ppid = null;
        Integer tgid = null;
        Integer uid = null;
        Integer threads = null;
        List<Integer> nspid = List.of();
        List<Integer> nspgid = List.of();
        List<Integer> nssid = List.of();
        long number = 0;
        for (String line : text.split("\n", -1)) {
            number++;
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String key = line.substring(0, colon);
            String value = line.substring(colon + 1).strip();
            switch (key) {
                case "Name" -> name = line.substring(colon + 1).replaceFirst("^\t", "");
                case "State" -> state = value.isEmpty() ? null : value.substring(0, 1);
                case "PPid" -> ppid = integer(value, input, number, key, diagnostics);
                case "Tgid" -> tgid = integer(value, input, number, key, diagnostics);
                case "Threads" -> threads = integer(value, input, number, key, diagnostics);
                case "Uid" -> uid = integer(first(value), input, number, key, diagnostics);
                case "NSpid" -> nspid = integers(value, input, number, key, diagnostics);
                case "NSpgid" -> nspgid = integers(value, input, number, key, diagnostics);
                case "NSsid" -> nssid = integers(value, input, number, key, diagnostics);
                default -> {
                }
            }
        }
        if (name == null || state == null) {
            diagnostics.add(Diagnostic.of(input, "no " + (name == null ? "Name" : "State") + " line: not a status file"));
            return null;
        }
        return new ProcessStatus(pid, name, state, ppid, tgid, uid, nspid, threads, Provenance.of(input), nspgid.isEmpty() ? null : nspgid.get(0),
            nssid.isEmpty() ? null : nssid.get(0));
    }

    private static String first(String value) {
        int ws = value.indexOf('\t');
        return ws < 0 ? value : value.substring(0, ws);
    }

    private static Integer integer(String value, String input, long line, String key, List<Diagnostic> diagnostics) {
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            diagnostics.add(Diagnostic.at(input, line, key + " is not a number: '" + value + "'"));
            return null;
        }
    }

    private static List<Integer> integers(String value, String input, long line, String key, List<Diagnostic> diagnostics) {
        List<Integer> out = new ArrayList<>();
        for (String part : value.split("\\s+")) {
            if (part.isEmpty()) {
                continue;
            }
            Integer v = integer(part, input, line, key, diagnostics);
            if (v == null) {
                return List.of();
            }
            out.add(v);
        }
        return List.copyOf(out);
    }
}
