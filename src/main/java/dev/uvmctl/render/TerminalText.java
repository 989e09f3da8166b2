package dev.uvmctl.render;

/**
 * Makes text from other users (process names, kernel-log lines, file contents) safe to print on
 * a terminal: control characters, escape sequences and bidirectional overrides become visible
 * escapes instead of acting on the terminal.
 */
public final class TerminalText {
    private TerminalText() {
    }

    public static String escape(String s) {
        if (s == null) {
            return "";
        }
        int i = 0;
        int n = s.length();
        while (i < n && isSafe(s.charAt(i))) {
            i++;
        }
        if (i == n) {
            return s;
        }
        StringBuilder b = new StringBuilder(n + 16).append(s, 0, i);
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (isSafe(c)) {
                b.append(c);
            } else if (c == '\t') {
                b.append("\\t");
            } else if (c == '\n') {
                b.append("\\n");
            } else if (c == '\r') {
                b.append("\\r");
            } else if (c < 0x100) {
                b.append(String.format("\\x%02x", (int) c));
            } else {
                b.append(String.format("\\u%04x", (int) c));
            }
        }
        return b.toString();
    }

    private static boolean isSafe(char c) {
        if (c < 0x20 || c == 0x7f) {
            return false;
        }
        if (c >= 0x80 && c < 0xa0) {
            return false;
        }
        // Bidirectional embeddings, overrides and isolates can reorder what the reader sees.
        return !(c >= 0x202a && c <= 0x202e) && !(c >= 0x2066 && c <= 0x2069);
    }
}
