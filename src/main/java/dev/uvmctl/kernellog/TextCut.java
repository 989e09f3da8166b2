package dev.uvmctl.kernellog;

/** Shortens text quoted in diagnostics and evidence, so a megabyte line stays a line. */
final class TextCut {
    private TextCut() {
    }

    static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "…";
    }
}
