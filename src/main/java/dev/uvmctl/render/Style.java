package dev.uvmctl.render;

/**
 * How text looks on one output: colour applied as the last step of rendering (layout is computed
 * on plain text, then cells are wrapped in SGR sequences; a disabled style returns the text
 * unchanged), and the symbols it may show ({@link Glyph}).
 */
public final class Style {
    private static final Style PLAIN = new Style(false, true);
    private static final Style ANSI = new Style(true, true);
    private static final Style PLAIN_ASCII = new Style(false, false);
    private static final Style ANSI_ASCII = new Style(true, false);

    /**
     * The one rule for every non-ASCII symbol uvmctl itself puts in text output (tables, headings,
     * cuts): shown where the output's charset is UTF-8, the encoding uvmctl writes; else its ASCII
     * stand-in, since a terminal or pipe of another charset (the C locale's ASCII, Latin-1) would
     * show UTF-8 bytes as other characters.
     */
    public enum Glyph {
        /** An upper bound: {@code ≤ 1.0 GiB}. */
        AT_MOST("\u2264", "<="),
        /** A lower bound: {@code ≥ 6.0 MiB}. */
        AT_LEAST("\u2265", ">="),
        /** Text cut short. */
        ELLIPSIS("\u2026", "..."),
        /** A count: {@code Xid 79 ×3}. */
        TIMES("\u00d7", "x"),
        /** Between the parts of a heading. */
        SEPARATOR("\u00b7", "-");

        private final String unicode;
        private final String ascii;

        Glyph(String unicode, String ascii) {
            this.unicode = unicode;
            this.ascii = ascii;
        }
    }

    private final boolean enabled;
    private final boolean unicode;

    private Style(boolean enabled, boolean unicode) {
        this.enabled = enabled;
        this.unicode = unicode;
    }

    /** Colour when {@code enabled}, on a UTF-8 output. */
    public static Style of(boolean enabled) {
        return of(enabled, true);
    }

    /** Colour when {@code enabled}; {@code unicode}: the output's charset is UTF-8 ({@link Glyph}). */
    public static Style of(boolean enabled, boolean unicode) {
        return enabled ? (unicode ? ANSI : ANSI_ASCII) : (unicode ? PLAIN : PLAIN_ASCII);
    }

    /** {@code g} as this output can show it. */
    public String glyph(Glyph g) {
        return unicode ? g.unicode : g.ascii;
    }

    public boolean enabled() {
        return enabled;
    }

    public String bold(String s) {
        return sgr("1", s);
    }

    public String dim(String s) {
        return sgr("2", s);
    }

    public String red(String s) {
        return sgr("31", s);
    }

    public String yellow(String s) {
        return sgr("33", s);
    }

    public String green(String s) {
        return sgr("32", s);
    }

    public String cyan(String s) {
        return sgr("36", s);
    }

    private String sgr(String code, String s) {
        if (!enabled || s.isEmpty()) {
            return s;
        }
        return "\u001b[" + code + "m" + s + "\u001b[0m";
    }
}
