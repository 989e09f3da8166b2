package dev.uvmctl.render;

/**
 * Colour applied as the last step of rendering: layout is computed on plain text, then cells are
 * wrapped in SGR sequences. A disabled style returns the text unchanged.
 */
public final class Style {
    private static final Style PLAIN = new Style(false);
    private static final Style ANSI = new Style(true);

    private final boolean enabled;

    private Style(boolean enabled) {
        this.enabled = enabled;
    }

    public static Style of(boolean enabled) {
        return enabled ? ANSI : PLAIN;
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
