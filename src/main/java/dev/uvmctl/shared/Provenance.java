package dev.uvmctl.shared;

import java.util.Objects;

/**
 * Where a fact was read: the input's name as the user gave it (for a system root, the path on
 * the inspected system), the 1-based line number (0 when the fact is a whole file, a directory
 * listing or no one line) and the text a reader checks against the input. The kernel log and the
 * NDJSON codec give the line's raw text; a parser of {@code /proc} or nvidia-smi gives none
 * ({@link #at}, {@link #of}), and the adapter that turns its value into an event writes the text
 * the event shows ({@link #withText}), so that a finding can show the lines that prove it even
 * when the input was standard input.
 *
 * <p>An input that can be read again (a file on disk) need not keep the text of each of its
 * millions of lines: {@link #at(String, long, Lines, long)} keeps where the line starts, and the
 * text is read back the first time {@link #text()} is asked for it, which only the few events
 * that a report shows as evidence are. Two provenances are equal when input, line and text are.
 */
public final class Provenance {
    /** An input that gives the text of its line starting at a byte offset, read again on demand. */
    @FunctionalInterface
    public interface Lines {
        String text(long offset);
    }

    private final String input;
    private final long line;
    /** The text; for a provenance made by {@link #at}, null until {@link #lines} has given it. */
    private String text;
    private final Lines lines;
    private final long offset;

    public Provenance(String input, long line, String text) {
        this.input = input;
        this.line = line;
        this.text = text;
        this.lines = null;
        this.offset = -1;
    }

    private Provenance(String input, long line, Lines lines, long offset) {
        this.input = input;
        this.line = line;
        this.lines = lines;
        this.offset = offset;
    }

    /** Line {@code line} of {@code input}, whose text {@code lines} gives from byte {@code offset} when it is asked for. */
    public static Provenance at(String input, long line, Lines lines, long offset) {
        return new Provenance(input, line, Objects.requireNonNull(lines, "lines"), offset);
    }

    public String input() {
        return input;
    }

    public long line() {
        return line;
    }

    /** The line's raw text (read again from its input the first time, for a provenance made by {@link #at}). */
    public String text() {
        // Idempotent, so a second thread that reads it again does no harm: a String is safely published.
        String t = text;
        if (t == null && lines != null) {
            t = lines.text(offset);
            text = t;
        }
        return t;
    }

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

    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof Provenance p && line == p.line && Objects.equals(input, p.input) && Objects.equals(text(), p.text());
    }

    @Override
    public int hashCode() {
        return Objects.hash(input, line, text());
    }

    @Override
    public String toString() {
        return "Provenance[input=" + input + ", line=" + line + ", text=" + text() + "]";
    }
}
