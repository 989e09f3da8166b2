package dev.uvmctl.report;

import dev.uvmctl.event.Event;
import dev.uvmctl.event.EventTime;
import java.io.PrintWriter;
import java.util.Objects;

/**
 * {@code uvmctl events} as a table, printed row by row as events come (a stream of millions
 * must not be held to align columns): kernel time, kind, details, and the input line it came
 * from. A line marks each change of boot.
 */
public final class EventsTable {
    private final PrintWriter out;
    private final Style style;
    private boolean started;
    private String boot;

    public EventsTable(PrintWriter out, Style style) {
        this.out = out;
        this.style = style;
    }

    public void add(Event e, String placedBoot, long placedTime) {
        if (!started) {
            out.println(style.bold(String.format("%16s  %-18s  %s  %s", "TIME", "EVENT", "DETAILS", "SOURCE")));
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
        out.println(String.format("%16s  %-18s  %s  %s", time, e.kind().name(), TerminalText.escape(EventText.describe(e)),
            style.dim(TerminalText.escape(e.source().location()))));
    }

    public void finish() {
        if (!started) {
            out.println("No events.");
        }
        out.flush();
    }
}
