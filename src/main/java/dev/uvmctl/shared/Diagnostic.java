package dev.uvmctl.shared;

/**
 * Something an input should have had right but did not: which input, which line (0 when the
 * problem is not tied to a line) and why. Diagnostics never stop a parse.
 */
public record Diagnostic(String input, long line, String message) {

    public static Diagnostic at(String input, long line, String message) {
        return new Diagnostic(input, line, message);
    }

    public static Diagnostic of(String input, String message) {
        return new Diagnostic(input, 0, message);
    }

    /** {@code input:line: message}, the form compilers and grep use. */
    public String location() {
        return line > 0 ? input + ":" + line : input;
    }

    @Override
    public String toString() {
        return location() + ": " + message;
    }
}
