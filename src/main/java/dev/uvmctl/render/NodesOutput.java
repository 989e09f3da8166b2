package dev.uvmctl.render;

import dev.uvmctl.finding.Finding;
import dev.uvmctl.finding.FindingClass;
import dev.uvmctl.finding.LeaksReport;
import dev.uvmctl.shared.Sizes;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonGenerator;

/**
 * {@code uvmctl leaks --each}: one table row per node (findings per class, bytes, the top
 * finding's summary), or with {@code -o ndjson} a {@code node} record per node followed by its
 * findings, each with a {@code node} field (docs/metrics.md, "Many nodes").
 */
public final class NodesOutput {
    public static final String SCHEMA = "uvmctl.leaks-each/v1";

    private NodesOutput() {
    }

    public static void table(PrintWriter out, List<NodeSummary> nodes, int width, Style style) {
        List<TextTable.Column> columns = new ArrayList<>();
        columns.add(TextTable.Column.left("NODE"));
        for (FindingClass c : findingClasses()) {
            columns.add(TextTable.Column.right(c.name().toUpperCase(java.util.Locale.ROOT)));
        }
        columns.add(TextTable.Column.right("BYTES"));
        columns.add(TextTable.Column.flexible("TOP FINDING"));
        TextTable t = new TextTable(columns);
        for (NodeSummary n : nodes) {
            List<String> cells = new ArrayList<>();
            cells.add(TerminalText.escape(n.node()));
            for (FindingClass c : findingClasses()) {
                cells.add(Integer.toString(n.classes().getOrDefault(c, 0)));
            }
            cells.add(bytes(n));
            cells.add(!n.unreadable().isEmpty() ? "unreadable: " + TerminalText.escape(n.unreadable().get(0).message())
                : n.top() == null ? "-" : TerminalText.escape(n.top()));
            t.add(cells.toArray(String[]::new));
        }
        t.print(out, width, style);
        out.flush();
    }

    /** A {@code node} record, then the node's findings, each as {@code leaks -o ndjson} writes it plus {@code node}. */
    public static void records(PrintWriter out, NodeSummary n) {
        try (JsonGenerator g = JsonOutput.records(out)) {
            g.writeStartObject();
            g.writeStringProperty("type", "node");
            g.writeStringProperty("schema", SCHEMA);
            g.writeStringProperty("node", n.node());
            g.writeName("captures");
            g.writeStartArray();
            for (String c : n.captures()) {
                g.writeString(c);
            }
            g.writeEndArray();
            g.writeName("classes");
            g.writeStartObject();
            for (FindingClass c : findingClasses()) {
                g.writeNumberProperty(c.name(), n.classes().getOrDefault(c, 0));
            }
            g.writeEndObject();
            JsonOutput.numberOrNull(g, "bytes", n.bytesUnknown() && n.bytes() == 0 ? null : n.bytes());
            g.writeBooleanProperty("bytes_unknown", n.bytesUnknown());
            g.writeName("unreadable");
            g.writeStartArray();
            for (LeaksReport.Unreadable u : n.unreadable()) {
                g.writeStartObject();
                g.writeStringProperty("input", u.input());
                g.writeStringProperty("message", u.message());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
            JsonOutput.endRecord(g, out);
            Map<String, String> incidentOf = LeaksJson.incidentOf(n.findings());
            for (Finding f : n.findings()) {
                g.writeStartObject();
                g.writeStringProperty("type", "finding");
                g.writeStringProperty("node", n.node());
                LeaksJson.fields(g, f, incidentOf.get(f.id()));
                g.writeEndObject();
                JsonOutput.endRecord(g, out);
            }
        }
    }

    private static String bytes(NodeSummary n) {
        if (n.bytesUnknown()) {
            return n.bytes() == 0 ? "?" : Sizes.iec(n.bytes()) + "+?";
        }
        return n.findingCount() == 0 ? "-" : Sizes.iec(n.bytes());
    }

    private static List<FindingClass> findingClasses() {
        List<FindingClass> out = new ArrayList<>();
        for (FindingClass c : FindingClass.values()) {
            if (c.isFinding()) {
                out.add(c);
            }
        }
        return out;
    }
}
