package dev.uvmctl.render;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Prose on a terminal (a finding's summary, what to do, a quoted input line): word-wrapped to
 * the terminal's width, the lines after the first indented so the paragraph reads as one. Without
 * a width (not a terminal) it stays one line, for grep.
 */
final class Paragraph {
    /** Below this many characters left after the lead, the text starts on the next line. */
    private static final int MIN_FIRST = 12;

    private Paragraph() {
    }

    /** A line of prose (escaped), wrapped to {@code width} with the lines after the first indented by 2, each styled. */
    static void print(PrintWriter out, int width, String text, Function<String, String> style) {
        for (String line : lines("", text, 2, width)) {
            out.println(style.apply(line));
        }
    }

    /**
     * {@code lead} (kept whole at the start of the first line, when there is room) then
     * {@code text}, wrapped to {@code width}; the following lines start with {@code indent}
     * spaces. Both are plain text, already escaped: the caller styles the lead of the first line.
     */
    static List<String> lines(String lead, String text, int indent, int width) {
        if (width <= 0 || lead.length() + text.length() <= width) {
            return List.of(lead + text);
        }
        int rest = Math.max(width - indent, 1);
        String pad = " ".repeat(width - rest);
        List<String> lines = new ArrayList<>();
        List<String> wrapped;
        if (width - lead.length() >= MIN_FIRST) {
            wrapped = TextTable.wrap(text, width - lead.length(), rest);
            lines.add(lead + wrapped.get(0));
            wrapped = wrapped.subList(1, wrapped.size());
        } else {
            // A lead too long to share its line (a long path) has it alone, split where it must be.
            String head = lead.stripTrailing();
            lines.add(head.substring(0, Math.min(width, head.length())));
            for (int i = width; i < head.length(); i += rest) {
                lines.add(pad + head.substring(i, Math.min(i + rest, head.length())));
            }
            wrapped = TextTable.wrap(text, rest, rest);
        }
        for (String line : wrapped) {
            lines.add(pad + line);
        }
        return lines;
    }
}
