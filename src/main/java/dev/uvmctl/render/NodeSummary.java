package dev.uvmctl.render;

import dev.uvmctl.finding.Finding;
import dev.uvmctl.finding.FindingClass;
import dev.uvmctl.finding.LeaksReport;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One node of {@code uvmctl leaks --each}: its name (the hostname its captures tell, or the file
 * name of a redacted one), its captures in the order replayed, findings per class, the bytes
 * known, the top finding's summary, and what could not be read. {@code findings} is kept only
 * when the output lists them ({@code -o ndjson}), so that a thousand nodes' tables stay small.
 */
public record NodeSummary(String node, List<String> captures, Map<FindingClass, Integer> classes, long bytes, boolean bytesUnknown,
                          String top, List<LeaksReport.Unreadable> unreadable, List<Finding> findings) {

    /** The summary of one node's report; {@code keepFindings} keeps the findings themselves. */
    public static NodeSummary of(String node, List<String> captures, LeaksReport report, boolean keepFindings) {
        Map<FindingClass, Integer> classes = new EnumMap<>(FindingClass.class);
        long bytes = 0;
        boolean unknown = false;
        for (Finding f : report.findings()) {
            classes.merge(f.findingClass(), 1, Integer::sum);
            if (f.totalBytes() == null) {
                unknown = true;
            } else {
                bytes = LeaksJson.saturated(bytes, f.totalBytes());
            }
        }
        String top = report.findings().isEmpty() ? null : report.findings().get(0).summary();
        List<LeaksReport.Unreadable> unreadable = List.copyOf(report.unreadable());
        if (report.incomplete() && report.unreadable().isEmpty()) {
            unreadable = List.of(new LeaksReport.Unreadable(String.join(", ", captures), "holds no events to judge"));
        }
        return new NodeSummary(node, List.copyOf(captures), classes, bytes, unknown, top, unreadable,
            keepFindings ? List.copyOf(report.findings()) : List.of());
    }

    /** A node none of whose captures could be opened. */
    public static NodeSummary unreadable(String node, List<String> captures, List<LeaksReport.Unreadable> why) {
        return new NodeSummary(node, List.copyOf(captures), new EnumMap<>(FindingClass.class), 0, false, null, List.copyOf(why), List.of());
    }

    public int findingCount() {
        int n = 0;
        for (int c : classes.values()) {
            n += c;
        }
        return n;
    }
}
