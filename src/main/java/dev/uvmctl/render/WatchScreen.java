package dev.uvmctl.render;

import dev.uvmctl.shared.Sizes;
import dev.uvmctl.procfs.GpuView;
import dev.uvmctl.procfs.SnapshotHolder;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Lays one {@link WatchFrame} out for a screen of {@code width} × {@code height}: a title line,
 * what could not be read, the GPUs, what points at memory not released (new and just-gone items
 * marked), the holders and the last kernel-log lines. When the screen is short, the holders and
 * the kernel log give up rows first, and say how many were left out.
 */
public final class WatchScreen {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private final int width;
    private final int height;
    private final Style style;

    public WatchScreen(int width, int height, Style style) {
        this.width = Math.max(width, 20);
        this.height = Math.max(height, 5);
        this.style = style;
    }

    public List<String> render(WatchFrame f, Duration interval) {
        List<String> screen = new ArrayList<>();
        String dot = " " + style.glyph(Style.Glyph.SEPARATOR) + " ";
        screen.add(style.bold(cut("uvmctl watch" + dot + f.source() + dot + CLOCK.format(f.at()) + dot + "every "
            + seconds(interval) + dot + "q quits, r refreshes")));
        for (String p : f.problems()) {
            screen.add(style.yellow(cut("! " + TerminalText.escape(p))));
        }
        screen.add("");
        screen.addAll(table(gpus(f.gpus())));
        screen.add("");
        List<String> items = f.items().isEmpty() ? List.of() : table(items(f));
        List<String> holders = table(holders(f.holders()));
        List<String> log = new ArrayList<>();
        for (String line : f.kernelLines()) {
            log.add(cut(TerminalText.escape(line)));
        }
        // Three headings and two blank lines; then items get up to half of what is left, the
        // kernel log up to a quarter of the rest, the holders what remains.
        int room = Math.max(0, height - screen.size() - 5);
        int itemRows = Math.min(items.size(), Math.max(room / 2, 2));
        int logRows = Math.min(log.size(), (room - itemRows) / 4);
        int holderRows = Math.max(0, room - itemRows - logRows);
        screen.add(style.bold(f.items().isEmpty() ? "Nothing points at memory that was not released."
            : "Findings and notes (" + f.items().size() + ")"));
        screen.addAll(fit(items, itemRows, "lines of findings"));
        screen.add("");
        screen.add(style.bold("Holders (" + f.holders().size() + ")"));
        screen.addAll(fit(holders, holderRows, "holders"));
        screen.add("");
        screen.add(style.bold("Kernel log (last GPU lines)"));
        screen.addAll(log.subList(log.size() - logRows, log.size()));
        return screen.size() > height ? screen.subList(0, height) : screen;
    }

    private TextTable gpus(List<GpuView> gpus) {
        TextTable t = new TextTable(List.of(TextTable.Column.left("GPU"), TextTable.Column.left("NAME"), TextTable.Column.right("USED"),
            TextTable.Column.right("RESERVED"), TextTable.Column.right("TOTAL"), TextTable.Column.right("NVML PROCS"),
            TextTable.Column.right("NVML USED"), TextTable.Column.right("UVM RETAINED")));
        for (GpuView g : gpus) {
            t.add(String.valueOf(g.bus()), g.name() == null ? "-" : g.name(), size(g.smi() == null ? null : g.smi().usedBytes()),
                size(g.smi() == null ? null : g.smi().reservedBytes()), size(g.smi() == null ? null : g.smi().totalBytes()),
                String.valueOf(g.nvmlProcesses()), size(g.nvmlProcessBytes()),
                g.retainedCount() == null ? "-" : String.valueOf(g.retainedCount()));
        }
        return t;
    }

    private TextTable items(WatchFrame f) {
        TextTable t = new TextTable(List.of(TextTable.Column.left("STATE"), TextTable.Column.left("LEVEL"),
            TextTable.Column.left("ID"), TextTable.Column.right("FOR"), TextTable.Column.flexible("WHAT")));
        // What changed at this refresh first: new items, then those just gone, then the rest.
        List<WatchFrame.Item> ordered = new ArrayList<>(f.items());
        ordered.sort(java.util.Comparator.comparingInt(i -> i.gone() ? 1 : i.firstSeen().equals(f.at()) ? 0 : 2));
        for (WatchFrame.Item i : ordered) {
            boolean isNew = !i.gone() && i.firstSeen().equals(f.at());
            Function<String, String> s = i.gone() ? style::dim : i.level().equals("leak") ? style::yellow : Function.identity();
            t.add(s, i.gone() ? "gone" : isNew ? "new" : "", i.level(), i.id(), seconds(Duration.between(i.firstSeen(), f.at())),
                i.message());
        }
        return t;
    }

    private TextTable holders(List<SnapshotHolder> holders) {
        TextTable t = new TextTable(List.of(TextTable.Column.right("PID"), TextTable.Column.left("COMM"),
            TextTable.Column.left("CLASS"), TextTable.Column.left("ROLE"), TextTable.Column.left("CONTAINER"),
            TextTable.Column.right("VA_SPACE"), TextTable.Column.right("NVML USED"), TextTable.Column.flexible("WAITS IN")));
        for (SnapshotHolder h : holders) {
            t.add(String.valueOf(h.pid()), h.process().status().name(), h.state().name(), h.role() == null ? "-" : h.role(),
                VaSpacesTable.container(h.process()), h.vaSpace() == null ? "-" : String.valueOf(h.vaSpace()),
                size(h.nvmlUsedBytes()), h.driverFrame() == null ? "" : h.driverFrame());
        }
        return t;
    }

    private List<String> table(TextTable t) {
        StringWriter s = new StringWriter();
        PrintWriter w = new PrintWriter(s);
        t.print(w, width, style);
        w.flush();
        List<String> lines = new ArrayList<>();
        for (String line : s.toString().split("\n", -1)) {
            if (!line.isEmpty()) {
                lines.add(line);
            }
        }
        return lines;
    }

    /** The first {@code rows} of {@code lines}, the last of them saying how many did not fit. */
    private List<String> fit(List<String> lines, int rows, String what) {
        if (lines.size() <= rows) {
            return lines;
        }
        List<String> kept = new ArrayList<>(lines.subList(0, Math.max(rows - 1, 0)));
        kept.add(style.dim(style.glyph(Style.Glyph.ELLIPSIS) + " " + (lines.size() - rows + 1) + " more " + what + " (a taller terminal shows them)"));
        return kept;
    }

    private String cut(String plain) {
        String ellipsis = style.glyph(Style.Glyph.ELLIPSIS);
        return plain.length() <= width ? plain : plain.substring(0, Math.max(0, width - ellipsis.length())) + ellipsis;
    }

    private static String size(Long bytes) {
        return bytes == null ? "-" : Sizes.iec(bytes);
    }

    private static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + "s" : String.format(java.util.Locale.ROOT, "%.1fs", ms / 1000.0);
    }
}
