package dev.uvmctl.render;

import dev.uvmctl.event.Event;
import dev.uvmctl.event.EventTime;
import java.io.PrintWriter;
import java.util.Objects;

/**
 * {@code uvmctl events} as a table, printed row by row as events come (a stream of millions
 * must not be held to align columns): kernel time, kind, the input line it came from, details.
 * The source column widens to the longest source seen so far. A line marks each change of boot.
 */
public final class EventsTable {
    private final PrintWriter out;
    private final Style style;
    private boolean started;
    private String boot;
    private int sourceWidth = 24;

    public EventsTable(PrintWriter out, Style style) {
        this.out = out;
        this.style = style;
    }

    public void add(Event e, String placedBoot, long placedTime) {
        if (!started) {
            String source = e.source().location();
            sourceWidth = Math.max(sourceWidth, source.length());
            out.println(style.bold(String.format("%16s  %-18s  %-" + sourceWidth + "s  %s", "TIME", "EVENT", "SOURCE", "DETAILS")));
            started = true;
            boot = placedBoot;
            if (placedBoot != null) {
                out.println(style.dim("-- boot " + TerminalText.escape(placedBoot)));
            }
        } else if (!Objects.equals(boot, placedBoot)) {
            boot = placedBoot;
            out.println(style.dim("-- boot " + (placedBoot == null ? "(unnamed)" : TerminalText.escape(placedBoot))));
        }
        String time = placedTime == EventTime.UNKNOWN ? "-" : EventTime.seconds(placedTime);
        String source = TerminalText.escape(e.source().location());
        sourceWidth = Math.max(sourceWidth, source.length());
        String padded = source + " ".repeat(sourceWidth - source.length());
        out.println(String.format("%16s  %-18s  ", time, e.kind().name()) + style.dim(padded) + "  "
            + TerminalText.escape(EventText.describe(e)));
    }

    public void finish() {
        if (!started) {
            out.println("No events.");
        }
        out.flush();
    }
}
