package dev.uvmctl.render;

import dev.uvmctl.shared.Diagnostic;
import java.util.List;
import tools.jackson.core.JsonGenerator;

/** The one JSON shape of a diagnostic, in documents and as an NDJSON record. */
public final class DiagnosticJson {
    private DiagnosticJson() {
    }

    public static void array(JsonGenerator g, List<Diagnostic> diagnostics) {
        g.writeStartArray();
        for (Diagnostic d : diagnostics) {
            g.writeStartObject();
            fields(g, d);
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /** {@code {"type":"diagnostic",...}}; the caller ends the record. */
    public static void record(JsonGenerator g, Diagnostic d) {
        g.writeStartObject();
        g.writeStringProperty("type", "diagnostic");
        fields(g, d);
        g.writeEndObject();
    }

    private static void fields(JsonGenerator g, Diagnostic d) {
        g.writeStringProperty("input", d.input());
        JsonOutput.numberOrNull(g, "line", d.line() > 0 ? d.line() : null);
        g.writeStringProperty("message", d.message());
    }
}
