package dev.uvmctl.procfs;

/**
 * Where a snapshot value was read: the path on the inspected system (or the input's name) and
 * the 1-based line, 0 when the value is the whole file or a directory listing. An event adapter
 * turns it into the event's provenance unchanged.
 */
public record Origin(String input, long line) {
    public static Origin of(String input) {
        return new Origin(input, 0);
    }

    @Override
    public String toString() {
        return line > 0 ? input + ":" + line : input;
    }
}
