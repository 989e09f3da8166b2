package dev.uvmctl.render;

import dev.uvmctl.params.ConfiguredValue;
import dev.uvmctl.params.DriverInfo;
import dev.uvmctl.params.ParamCheck;
import dev.uvmctl.params.ParamRow;
import dev.uvmctl.params.ParamSpec;
import dev.uvmctl.params.ParamsReport;
import dev.uvmctl.shared.Diagnostic;
import java.io.PrintWriter;
import java.util.List;
import tools.jackson.core.JsonGenerator;

/**
 * {@code uvmctl params -o json} (one document) and {@code -o ndjson} (one object per line, each
 * with a {@code type}). The fields are documented in docs/params.md.
 */
public final class ParamsJson {
    public static final String SCHEMA = "uvmctl.params/v1";

    private ParamsJson() {
    }

    public static void document(PrintWriter out, ParamsReport report, List<ParamRow> rows) {
        JsonGenerator g = JsonOutput.document(out);
        g.writeStartObject();
        g.writeStringProperty("schema", SCHEMA);
        g.writeName("driver");
        driver(g, report.driver());
        g.writeBooleanProperty("complete", report.complete());
        g.writeName("missing");
        strings(g, report.missing());
        g.writeBooleanProperty("configuration_read", report.configurationRead());
        g.writeName("parameters");
        g.writeStartArray();
        for (ParamRow r : rows) {
            g.writeStartObject();
            parameterFields(g, r, "type");
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeName("checks");
        g.writeStartArray();
        for (ParamCheck c : report.checks()) {
            g.writeStartObject();
            checkFields(g, c);
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeName("diagnostics");
        DiagnosticJson.array(g, report.diagnostics());
        g.writeEndObject();
        g.close();
        out.println();
        out.flush();
    }

    public static void records(PrintWriter out, ParamsReport report, List<ParamRow> rows) {
        JsonGenerator g = JsonOutput.records(out);
        g.writeStartObject();
        g.writeStringProperty("type", "driver");
        g.writeStringProperty("schema", SCHEMA);
        driverFields(g, report.driver());
        g.writeEndObject();
        JsonOutput.endRecord(g, out);
        for (ParamRow r : rows) {
            g.writeStartObject();
            g.writeStringProperty("type", "parameter");
            parameterFields(g, r, NDJSON_TYPE);
            g.writeEndObject();
            JsonOutput.endRecord(g, out);
        }
        for (ParamCheck c : report.checks()) {
            g.writeStartObject();
            g.writeStringProperty("type", "check");
            checkFields(g, c);
            g.writeEndObject();
            JsonOutput.endRecord(g, out);
        }
        for (Diagnostic d : report.diagnostics()) {
            DiagnosticJson.record(g, d);
            JsonOutput.endRecord(g, out);
        }
        g.writeStartObject();
        g.writeStringProperty("type", "summary");
        g.writeBooleanProperty("complete", report.complete());
        g.writeName("missing");
        strings(g, report.missing());
        g.writeBooleanProperty("configuration_read", report.configurationRead());
        g.writeNumberProperty("parameters", rows.size());
        g.writeNumberProperty("warnings", count(report, ParamCheck.Level.warning));
        g.writeNumberProperty("infos", count(report, ParamCheck.Level.info));
        g.writeEndObject();
        JsonOutput.endRecord(g, out);
        g.close();
    }

    /** A parameter record's kernel type in NDJSON, where {@code type} is the record's. */
    static final String NDJSON_TYPE = "param_type";

    private static long count(ParamsReport report, ParamCheck.Level level) {
        return report.checks().stream().filter(c -> c.level() == level).count();
    }

    private static void driver(JsonGenerator g, DriverInfo d) {
        g.writeStartObject();
        driverFields(g, d);
        g.writeEndObject();
    }

    private static void driverFields(JsonGenerator g, DriverInfo d) {
        JsonOutput.stringOrNull(g, "release", d.version() == null ? null : d.version().toString());
        JsonOutput.stringOrNull(g, "arch", d.arch() == null ? null : d.arch().name());
        JsonOutput.numberOrNull(g, "kernel_page_size", d.kernelPageSize() == null ? null : (long) d.kernelPageSize());
        JsonOutput.booleanOrNull(g, "open", d.open());
        JsonOutput.stringOrNull(g, "build", d.build() == null ? null : d.build().name());
        JsonOutput.stringOrNull(g, "source", d.source());
    }

    /**
     * The parameter's kernel type under {@code typeKey}: {@code type} in the JSON document,
     * {@link #NDJSON_TYPE} in an NDJSON record, whose {@code type} says what record it is.
     */
    private static void parameterFields(JsonGenerator g, ParamRow r, String typeKey) {
        ParamSpec spec = r.spec();
        g.writeStringProperty("module", r.module());
        g.writeStringProperty("name", r.name());
        JsonOutput.stringOrNull(g, typeKey, r.type());
        JsonOutput.stringOrNull(g, "value", r.value());
        JsonOutput.stringOrNull(g, "value_source", r.observed() == null ? null : r.observed().location());
        JsonOutput.stringOrNull(g, "default", r.defaultValue().value());
        JsonOutput.stringOrNull(g, "default_unknown_because", r.defaultValue().unknownBecause());
        JsonOutput.booleanOrNull(g, "present_in_release", r.defaultValue().presentInRelease());
        JsonOutput.booleanOrNull(g, "changed", r.changed());
        JsonOutput.booleanOrNull(g, "writable", r.writable());
        JsonOutput.stringOrNull(g, "mode", spec == null ? null : spec.modeOctal());
        configured(g, r.configured());
        JsonOutput.stringOrNull(g, "first_release", spec == null ? null : spec.firstRelease().toString());
        JsonOutput.stringOrNull(g, "last_release", spec == null ? null : spec.lastRelease().toString());
        JsonOutput.stringOrNull(g, "summary", r.summary());
    }

    /** The {@code configured} array: every configured value in the order applied. */
    static void configured(JsonGenerator g, List<ConfiguredValue> values) {
        g.writeName("configured");
        g.writeStartArray();
        for (ConfiguredValue c : values) {
            g.writeStartObject();
            JsonOutput.stringOrNull(g, "value", c.value());
            g.writeStringProperty("source", c.source());
            JsonOutput.numberOrNull(g, "line", c.line() > 0 ? c.line() : null);
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    static void checkFields(JsonGenerator g, ParamCheck c) {
        g.writeStringProperty("id", c.id());
        g.writeStringProperty("level", c.level().name());
        JsonOutput.stringOrNull(g, "parameter", c.parameter());
        g.writeStringProperty("message", c.message());
    }

    private static void strings(JsonGenerator g, List<String> values) {
        g.writeStartArray();
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }
}
