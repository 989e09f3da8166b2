package dev.uvmctl.render;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A plain-text table laid out on uncoloured text, then styled per cell. Columns are never
 * truncated, except the one column marked flexible (a free-text column such as a meaning),
 * which wraps to the terminal's width, or is dropped when too little room is left. Without a
 * width (not a terminal) nothing is wrapped or dropped.
 */
public final class TextTable {
    /** Below this many characters a flexible column is dropped rather than wrapped. */
    static final int MIN_FLEXIBLE = 24;
    private static final String GAP = "  ";

    /** A column: header, right alignment, and whether it is the flexible one. */
    public record Column(String header, boolean rightAligned, boolean flexible) {
        public static Column left(String header) {
            return new Column(header, false, false);
        }

        public static Column right(String header) {
            return new Column(header, true, false);
        }

        public static Column flexible(String header) {
            return new Column(header, false, true);
        }
    }

    private final List<Column> columns;
    private final List<String[]> rows = new ArrayList<>();
    private final List<Function<String, String>> rowStyles = new ArrayList<>();

    public TextTable(List<Column> columns) {
        this.columns = List.copyOf(columns);
    }

    /** Adds a row; cell text is escaped for the terminal here, so callers pass raw values. */
    public void add(Function<String, String> style, String... cells) {
        if (cells.length != columns.size()) {
            throw new IllegalArgumentException("expected " + columns.size() + " cells, got " + cells.length);
        }
        String[] escaped = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            escaped[i] = TerminalText.escape(cells[i]);
        }
        rows.add(escaped);
        rowStyles.add(style);
    }

    public void add(String... cells) {
        add(Function.identity(), cells);
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /**
     * Prints the table. {@code width} is the terminal's width, or 0 for no limit; the header
     * is styled with {@code style.bold}.
     */
    public void print(PrintWriter out, int width, Style style) {
        int n = columns.size();
        int[] widths = new int[n];
        for (int i = 0; i < n; i++) {
            widths[i] = columns.get(i).header().length();
            for (String[] row : rows) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        int flexible = -1;
        for (int i = 0; i < n; i++) {
            if (columns.get(i).flexible()) {
                flexible = i;
            }
        }
        boolean drop = false;
        if (width > 0 && flexible >= 0) {
            int fixed = 0;
            for (int i = 0; i < n; i++) {
                if (i != flexible) {
                    fixed += widths[i] + GAP.length();
                }
            }
            int room = width - fixed;
            if (room < Math.min(widths[flexible], MIN_FLEXIBLE)) {
                drop = true;
            } else {
                widths[flexible] = Math.min(widths[flexible], room);
            }
        }
        String[] header = new String[n];
        for (int i = 0; i < n; i++) {
            header[i] = columns.get(i).header();
        }
        printRow(out, header, widths, flexible, drop, s -> style.bold(s));
        for (int r = 0; r < rows.size(); r++) {
            printRow(out, rows.get(r), widths, flexible, drop, rowStyles.get(r));
        }
    }

    private void printRow(PrintWriter out, String[] cells, int[] widths, int flexible, boolean drop,
                          Function<String, String> style) {
        List<String> wrapped = flexible >= 0 && !drop ? wrap(cells[flexible], widths[flexible]) : List.of("");
        for (int line = 0; line < wrapped.size(); line++) {
            StringBuilder b = new StringBuilder();
            int last = lastPrinted(flexible, drop);
            for (int i = 0; i <= last; i++) {
                if (i == flexible && drop) {
                    continue;
                }
                String text = i == flexible ? wrapped.get(line) : (line == 0 ? cells[i] : "");
                boolean isLast = i == last;
                b.append(pad(text, widths[i], columns.get(i).rightAligned(), isLast));
                if (!isLast) {
                    b.append(GAP);
                }
            }
            String plain = stripTrailing(b.toString());
            out.println(style.apply(plain));
        }
    }

    private int lastPrinted(int flexible, boolean drop) {
        int last = columns.size() - 1;
        if (drop && last == flexible) {
            last--;
        }
        return last;
    }

    private static String pad(String text, int width, boolean right, boolean last) {
        int missing = width - text.length();
        if (missing <= 0) {
            return text;
        }
        if (right) {
            return " ".repeat(missing) + text;
        }
        return last ? text : text + " ".repeat(missing);
    }

    private static String stripTrailing(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == ' ') {
            end--;
        }
        return s.substring(0, end);
    }

    /** Word-wraps {@code text} to {@code width}; a word longer than the width is split. */
    static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        if (text.length() <= width || width <= 0) {
            lines.add(text);
            return lines;
        }
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            while (word.length() > width) {
                if (line.length() > 0) {
                    lines.add(line.toString());
                    line.setLength(0);
                }
                lines.add(word.substring(0, width));
                word = word.substring(width);
            }
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(word);
        }
        if (line.length() > 0 || lines.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }
}
