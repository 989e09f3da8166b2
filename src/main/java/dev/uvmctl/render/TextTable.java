package dev.uvmctl.render;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A plain-text table laid out on uncoloured text, then styled per cell. Without a width (not a
 * terminal) nothing is wrapped, cut or dropped. On a terminal every line fits its width, given
 * up in this order: the flexible column (a free-text column such as a meaning) wraps, down to
 * {@link #MIN_FLEXIBLE} characters; the columns marked droppable go, the lowest rank first; the
 * columns marked shrinkable are cut with an ellipsis, the widest first, down to their header; the
 * flexible column goes; and what still does not fit is cut at the width.
 */
public final class TextTable {
    /** Below this many characters a flexible column is dropped rather than wrapped. */
    static final int MIN_FLEXIBLE = 24;
    private static final String GAP = "  ";

    /** How a column gives up room on a narrow terminal. */
    public enum Fit {
        /** Keeps its width; it may still be dropped when it has a rank. */
        FIXED,
        /** Wraps its text onto more lines: the table's free-text column (one at most). */
        WRAP,
        /** Cuts its cells with an ellipsis. */
        SHRINK
    }

    /**
     * A column: header, alignment, how it fits, and its rank among the columns dropped when the
     * table is too wide (1 goes first; 0 is never dropped).
     */
    public record Column(String header, boolean rightAligned, Fit fit, int dropRank) {
        public static Column left(String header) {
            return new Column(header, false, Fit.FIXED, 0);
        }

        public static Column right(String header) {
            return new Column(header, true, Fit.FIXED, 0);
        }

        public static Column flexible(String header) {
            return new Column(header, false, Fit.WRAP, 0);
        }

        /** The same column, cut with an ellipsis when the table is too wide. */
        public Column shrinkable() {
            return new Column(header, rightAligned, Fit.SHRINK, dropRank);
        }

        /** The same column, left out when the table is too wide, rank 1 first. */
        public Column droppable(int rank) {
            return new Column(header, rightAligned, fit, rank);
        }

        boolean flexible() {
            return fit == Fit.WRAP;
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
        Layout layout = layout(width);
        String[] header = new String[columns.size()];
        for (int i = 0; i < header.length; i++) {
            header[i] = columns.get(i).header();
        }
        String ellipsis = style.glyph(Style.Glyph.ELLIPSIS);
        printRow(out, header, layout, width, ellipsis, s -> style.bold(s));
        for (int r = 0; r < rows.size(); r++) {
            printRow(out, rows.get(r), layout, width, ellipsis, rowStyles.get(r));
        }
    }

    /** The width each column is printed at; 0 for a column left out. */
    private record Layout(int[] widths, int flexible) {
        int total() {
            int total = 0;
            int shown = 0;
            for (int w : widths) {
                if (w > 0) {
                    total += w;
                    shown++;
                }
            }
            return total + Math.max(0, shown - 1) * GAP.length();
        }
    }

    private Layout layout(int width) {
        int n = columns.size();
        int[] widths = new int[n];
        int flexible = -1;
        for (int i = 0; i < n; i++) {
            widths[i] = columns.get(i).header().length();
            for (String[] row : rows) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
            if (columns.get(i).flexible()) {
                flexible = i;
            }
        }
        Layout layout = new Layout(widths, flexible);
        if (width <= 0 || layout.total() <= width) {
            return layout;
        }
        if (flexible >= 0) {
            widths[flexible] = Math.max(Math.min(widths[flexible], MIN_FLEXIBLE), widths[flexible] - (layout.total() - width));
        }
        for (int rank = 1; layout.total() > width && rank <= maxRank(); rank++) {
            for (int i = 0; i < n; i++) {
                if (columns.get(i).dropRank() == rank) {
                    widths[i] = 0;
                }
            }
            if (flexible >= 0 && widths[flexible] > 0) {
                widths[flexible] = Math.min(natural(flexible), widths[flexible] + Math.max(0, width - layout.total()));
            }
        }
        shrink(widths, layout, width);
        if (layout.total() > width && flexible >= 0) {
            widths[flexible] = 0;
        }
        return layout;
    }

    /** Cuts the shrinkable columns, the widest first, until the table fits or each is down to its header. */
    private void shrink(int[] widths, Layout layout, int width) {
        while (layout.total() > width) {
            int widest = -1;
            for (int i = 0; i < widths.length; i++) {
                if (columns.get(i).fit() == Fit.SHRINK && widths[i] > floor(i) && (widest < 0 || widths[i] > widths[widest])) {
                    widest = i;
                }
            }
            if (widest < 0) {
                return;
            }
            widths[widest]--;
        }
    }

    /** The narrowest a shrinkable column gets: its header, and room for a few characters and the ellipsis. */
    private int floor(int column) {
        return Math.max(columns.get(column).header().length(), 4);
    }

    private int natural(int column) {
        int w = columns.get(column).header().length();
        for (String[] row : rows) {
            w = Math.max(w, row[column].length());
        }
        return w;
    }

    private int maxRank() {
        return columns.stream().mapToInt(Column::dropRank).max().orElse(0);
    }

    private void printRow(PrintWriter out, String[] cells, Layout layout, int width, String ellipsis, Function<String, String> style) {
        int[] widths = layout.widths();
        int flexible = layout.flexible();
        List<String> wrapped = flexible >= 0 && widths[flexible] > 0 ? wrap(cells[flexible], widths[flexible]) : List.of("");
        int last = -1;
        for (int i = 0; i < widths.length; i++) {
            if (widths[i] > 0) {
                last = i;
            }
        }
        for (int line = 0; line < wrapped.size(); line++) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i <= last; i++) {
                if (widths[i] == 0) {
                    continue;
                }
                String text = i == flexible ? wrapped.get(line) : line == 0 ? cut(cells[i], widths[i], ellipsis) : "";
                b.append(pad(text, widths[i], columns.get(i).rightAligned(), i == last));
                if (i != last) {
                    b.append(GAP);
                }
            }
            String plain = stripTrailing(b.toString());
            out.println(style.apply(width > 0 ? cut(plain, width, ellipsis) : plain));
        }
    }

    /** {@code text} in at most {@code width} characters, its end replaced by {@code ellipsis} when cut. */
    static String cut(String text, int width, String ellipsis) {
        return text.length() <= width ? text : text.substring(0, Math.max(0, width - ellipsis.length())) + ellipsis;
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
        return wrap(text, width, width);
    }

    /**
     * Word-wraps {@code text}: the first line to {@code first} characters, the others to
     * {@code rest}; a word longer than its line is split. A width of 0 or less leaves it whole.
     */
    static List<String> wrap(String text, int first, int rest) {
        List<String> lines = new ArrayList<>();
        if (first <= 0 || rest <= 0 || text.length() <= first) {
            lines.add(text);
            return lines;
        }
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            int room = lines.isEmpty() ? first : rest;
            if (line.length() > 0 && line.length() + 1 + word.length() > room) {
                lines.add(line.toString());
                line.setLength(0);
                room = rest;
            }
            while (line.length() == 0 && word.length() > room) {
                lines.add(word.substring(0, room));
                word = word.substring(room);
                room = rest;
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
