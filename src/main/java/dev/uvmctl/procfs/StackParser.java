package dev.uvmctl.procfs;

import dev.uvmctl.shared.Diagnostic;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses {@code /proc/PID/stack} ({@code [<0>] uvm_va_space_destroy+0x1a2/0x3f0 [nvidia_uvm]} per
 * frame, innermost first) into function names, and {@code wchan} (one symbol, {@code 0} for none).
 */
public final class StackParser {
    private static final Pattern FRAME = Pattern.compile("\\s*\\[<[0-9a-fx]+>]\\s+([^+\\s]+)(?:\\+\\S+)?(?:\\s+\\[\\S+])?\\s*");

    private StackParser() {
    }

    public static List<String> frames(String text, String input, List<Diagnostic> diagnostics) {
        List<String> frames = new ArrayList<>();
        long number = 0;
        for (String line : text.split("\n")) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            Matcher m = FRAME.matcher(line);
            if (m.matches()) {
                frames.add(m.group(1));
            } else {
                diagnostics.add(Diagnostic.at(input, number, "not a stack frame: '" + line + "'"));
            }
        }
        return List.copyOf(frames);
    }

    /** The wait channel, or null when the task is not waiting ({@code 0} or empty). */
    public static String wchan(String text) {
        String w = text.strip();
        return w.isEmpty() || w.equals("0") ? null : w;
    }
}
