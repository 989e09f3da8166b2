package dev.uvmctl.shared;

/**
 * Where an event came from: the input's name as the user gave it, the 1-based line number (0
 * when the event is not tied to a line) and the line's raw text, kept so that a finding can show
 * the lines that prove it even when the input was standard input.
 */
public record Provenance(String input, long line, String text) {

    /** {@code input:line}, the form compilers and grep use. */
    public String location() {
        return line > 0 ? input + ":" + line : input;
    }
}
