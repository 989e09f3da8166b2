package dev.uvmctl.shared;

/**
 * Where a fact was read: the input's name as the user gave it (for a system root, the path on
 * the inspected system), the 1-based line number (0 when the fact is a whole file, a directory
 * listing or no one line) and the text a reader checks against the input. The kernel log and the
 * NDJSON codec give the line's raw text; a parser of {@code /proc} or nvidia-smi gives none
 * ({@link #at}, {@link #of}), and the adapter that turns its value into an event writes the text
 * the event shows ({@link #withText}), so that a finding can show the lines that prove it even
 * when the input was standard input.
 */
public record Provenance(String input, long line, String text) {

    /** Line {@code line} of {@code input}, with no text yet. */
    public static Provenance at(String input, long line) {
        return new Provenance(input, line, "");
    }

    /** The whole of {@code input} (a file read at once, a directory listing), with no text yet. */
    public static Provenance of(String input) {
        return at(input, 0);
    }

    /** The same place, with the text an event shows for it. */
    public Provenance withText(String text) {
        return new Provenance(input, line, text);
    }

    /** {@code input:line}, the form compilers and grep use. */
    public String location() {
        return line > 0 ? input + ":" + line : input;
    }
}
