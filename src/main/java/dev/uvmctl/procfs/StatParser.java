package dev.uvmctl.procfs;

import dev.uvmctl.shared.Diagnostic;
import dev.uvmctl.shared.Provenance;
import java.util.List;

/**
 * Parses {@code /proc/PID/stat}: {@code pid (comm) state ppid pgrp session ... starttime ...}. The
 * comm may hold spaces and parentheses, so fields are counted from the last {@code ')'}.
 */
public final class StatParser {
    private StatParser() {
    }

    public static ProcessStat parse(String text, String input, List<Diagnostic> diagnostics) {
        String line = text.strip();
        int open = line.indexOf(" (");
        int close = line.lastIndexOf(')');
        if (open <= 0 || close < open) {
            diagnostics.add(Diagnostic.at(input, 1, "not a stat line: no '(comm)'"));
            return null;
        }
        String[] f = line.substring(close + 1).strip().split(" ");
        // f[0] is field 3 (state); starttime is field 22.
        if (f.length < 20) {
            diagnostics.add(Diagnostic.at(input, 1, "stat line has " + (f.length + 2) + " fields, expected at least 22"));
            return null;
        }
        try {
            return new ProcessStat(Integer.parseInt(line.substring(0, open)), f[0], Integer.parseInt(f[1]),
                Integer.parseInt(f[2]), Integer.parseInt(f[3]), Long.parseLong(f[19]), Provenance.at(input, 1));
        } catch (NumberFormatException e) {
            diagnostics.add(Diagnostic.at(input, 1, "stat line has a field that is not a number: " + e.getMessage()));
            return null;
        }
    }
}
