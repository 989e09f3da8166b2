package dev.uvmctl.kernellog;

/**
 * Which boots of each log to keep: {@code all}, {@code last}, or boot {@code N} (counted from 1
 * in each input, or each section of a bug report).
 */
public record BootSelection(Mode mode, int index) {

    public enum Mode { ALL, LAST, INDEX }

    public static final BootSelection ALL = new BootSelection(Mode.ALL, 0);
    public static final BootSelection LAST = new BootSelection(Mode.LAST, 0);

    /** {@code all}, {@code last} or a positive number; null for anything else. */
    public static BootSelection parse(String text) {
        String t = text.strip();
        if (t.equalsIgnoreCase("all")) {
            return ALL;
        }
        if (t.equalsIgnoreCase("last")) {
            return LAST;
        }
        Long n = LineParser.digits(t);
        return n == null || n < 1 || n > Integer.MAX_VALUE ? null : new BootSelection(Mode.INDEX, n.intValue());
    }

    @Override
    public String toString() {
        return mode == Mode.INDEX ? Integer.toString(index) : mode.name().toLowerCase(java.util.Locale.ROOT);
    }
}
