package dev.uvmctl.render;

import dev.uvmctl.event.Event;
import dev.uvmctl.event.EventTime;
import java.io.PrintWriter;
import java.util.List;
import java.util.Objects;

/**
 * {@code uvmctl events} as a table, printed row by row as events come (a stream of millions
 * must not be held to align columns): kernel time, kind, the input line it came from, details.
 * The source column widens to the longest source seen so far. A line marks each change of boot.
 * On a terminal the details wrap under their column, or under the row when too little room is
 * left beside the other columns, so that no line is wider than the terminal.
 */
public final class EventsTable {
    private final PrintWriter out;
    private final Style style;
    private boolean started;
    private String boot;
    private int sourceWidth = 24;
    private final int width;

    /** {@code width}: the terminal's, or 0 for no limit. */
    public EventsTable(PrintWriter out, Style style, int width) {
        this.out = out;
        this.style = style;
        this.width = width;
    }

    public void add(Event e, String placedBoot, long placedTime) {
        if (!started) {
            String source = e.source().location();
            sourceWidth = Math.max(sourceWidth, source.length());
            String header = String.format("%16s  %-18s  %-" + sourceWidth + "s  %s", "TIME", "EVENT", "SOURCE", "DETAILS");
            out.println(style.bold(width > 0 ? TextTable.cut(header, width, style.glyph(Style.Glyph.ELLIPSIS)) : header));
            started = true;
            boot = placedBoot;
            if (placedBoot != null) {
                Paragraph.print(out, width, "-- boot " + TerminalText.escape(placedBoot), style::dim);
            }
        } else if (!Objects.equals(boot, placedBoot)) {
            boot = placedBoot;
            Paragraph.print(out, width, "-- boot " + (placedBoot == null ? "(unnamed)" : TerminalText.escape(placedBoot)), style::dim);
        }
        String time = placedTime == EventTime.UNKNOWN ? "-" : EventTime.seconds(placedTime);
        String source = TerminalText.escape(e.source().location());
        sourceWidth = Math.max(sourceWidth, source.length());
        String padded = source + " ".repeat(sourceWidth - source.length());
        String columns = String.format("%16s  %-18s  ", time, e.kind().name());
        String lead = columns + padded + "  ";
        List<String> lines = Paragraph.lines(lead, TerminalText.escape(EventText.describe(e)),
            width - lead.length() >= TextTable.MIN_FLEXIBLE ? lead.length() : 4, width);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            out.println(i == 0 && line.startsWith(lead) ? columns + style.dim(padded) + "  " + line.substring(lead.length()) : line);
        }
    }

    public void finish() {
        if (!started) {
            out.println("No events.");
        }
        out.flush();
    }
}
