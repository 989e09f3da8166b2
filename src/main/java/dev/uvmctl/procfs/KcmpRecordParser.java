package dev.uvmctl.procfs;

import dev.uvmctl.shared.Diagnostic;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes what kcmp(2) said at capture time ({@link BundlePaths#KCMP}): comment lines
 * starting with {@code #}, then one comparison a line, {@code PID_A FD_A PID_B FD_B same|different}.
 * A line that is not that is a diagnostic with its line number, and is left out.
 */
public final class KcmpRecordParser {
    private KcmpRecordParser() {
    }

    public static OpenFileComparisons parse(String text, String input, List<Diagnostic> diagnostics) {
        List<OpenFileComparisons.Answer> answers = new ArrayList<>();
        long number = 0;
        for (String line : text.split("\n", -1)) {
            number++;
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            String[] f = t.split("\\s+");
            Boolean same = f.length == 5 ? switch (f[4]) {
                case "same" -> Boolean.TRUE;
                case "different" -> Boolean.FALSE;
                default -> null;
            } : null;
            int[] n = same == null ? null : numbers(f);
            if (n == null) {
                diagnostics.add(Diagnostic.at(input, number, "not 'PID_A FD_A PID_B FD_B same|different': '" + t + "'"));
                continue;
            }
            answers.add(new OpenFileComparisons.Answer(n[0], n[1], n[2], n[3], same));
        }
        return answers.isEmpty() ? OpenFileComparisons.NONE : new OpenFileComparisons("kcmp at capture", List.copyOf(answers));
    }

    private static int[] numbers(String[] f) {
        int[] out = new int[4];
        for (int i = 0; i < 4; i++) {
            try {
                out[i] = Integer.parseInt(f[i]);
            } catch (NumberFormatException e) {
                return null;
            }
            if (out[i] < 0) {
                return null;
            }
        }
        return out;
    }

    /** The file a capture writes: what the live kernel answered. */
    public static String write(OpenFileComparisons c) {
        StringBuilder b = new StringBuilder("# kcmp(2) KCMP_FILE on /dev/nvidia-uvm fds at capture: PID_A FD_A PID_B FD_B same|different\n");
        for (OpenFileComparisons.Answer a : c.answers()) {
            b.append(a.pidA()).append(' ').append(a.fdA()).append(' ').append(a.pidB()).append(' ').append(a.fdB()).append(' ')
                .append(a.same() ? "same" : "different").append('\n');
        }
        return b.toString();
    }
}
