package dev.uvmctl.procfs;

import dev.uvmctl.shared.Diagnostic;
import java.util.List;

/** Parses {@code /proc/PID/fdinfo/N}: {@code pos}, {@code flags} (octal), {@code mnt_id}, ... */
public final class FdinfoParser {
    private FdinfoParser() {
    }

    /** The {@code flags} value, or null (with a diagnostic) when the file has none that parses. */
    public static Long flags(String text, String input, List<Diagnostic> diagnostics) {
        long number = 0;
        for (String line : text.split("\n")) {
            number++;
            if (line.startsWith("flags:")) {
                String value = line.substring(6).strip();
                try {
                    return Long.parseLong(value, 8);
                } catch (NumberFormatException e) {
                    diagnostics.add(Diagnostic.at(input, number, "flags is not an octal number: '" + value + "'"));
                    return null;
                }
            }
        }
        diagnostics.add(Diagnostic.of(input, "no flags line"));
        return null;
    }
}
