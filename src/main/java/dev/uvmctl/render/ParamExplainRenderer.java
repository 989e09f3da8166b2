package dev.uvmctl.render;

import dev.uvmctl.params.Arch;
import dev.uvmctl.params.ConfiguredValue;
import dev.uvmctl.params.ParamCheck;
import dev.uvmctl.params.ParamExplanation;
import dev.uvmctl.params.ParamRow;
import dev.uvmctl.params.ParamSpec;
import dev.uvmctl.params.VersionRange;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonGenerator;

/** {@code uvmctl params explain NAME}: as text, or as one JSON document. */
public final class ParamExplainRenderer {
    public static final String SCHEMA = "uvmctl.params-explain/v1";

    private ParamExplainRenderer() {
    }

    public static void text(PrintWriter out, Style style, ParamExplanation e) {
        ParamSpec spec = e.spec();
        out.println(style.bold(e.name()) + (spec == null ? "" : "  (" + spec.type().kernelName() + ", mode " + spec.modeOctal()
            + (spec.writable() ? ": writable at runtime through sysfs)" : ": set at load time only)")));
        if (spec == null) {
            out.println("  not in uvmctl's catalog of nvidia-uvm releases 515.43.04..595.45.04");
        } else {
            field(out, "meaning", spec.summary());
            field(out, "releases", String.join(", ", spec.presentIn().stream().map(VersionRange::toString).toList()));
            field(out, "default", spec.defaultValue() + " (as sysfs shows it)");
            for (Map.Entry<Arch, List<ParamSpec.RangeDefault>> table : spec.defaultsByArch().entrySet()) {
                field(out, "  " + table.getKey(), String.join("; ", table.getValue().stream()
                    .map(d -> d.value() + " in " + d.releases()).toList()));
            }
            if (spec.debugDefault() != null) {
                field(out, "  debug builds", spec.debugDefault());
            }
            if (!spec.notes().isEmpty()) {
                field(out, "notes", spec.notes());
            }
            field(out, "driver source", spec.sourceFile());
        }
        ParamRow row = e.row();
        if (row == null) {
            field(out, "this system", e.unavailableBecause() == null ? "no input shows it" : e.unavailableBecause());
        } else {
            field(out, "driver", ParamsTable.describe(e.driver()));
            field(out, "effective", (row.value() == null ? "unknown" : row.value())
                + (row.observed() == null ? "" : "  (" + row.observed().location() + ")"));
            field(out, "default here", row.defaultValue().value() != null ? row.defaultValue().value()
                : "unknown: " + row.defaultValue().unknownBecause());
            if (row.configured().isEmpty()) {
                field(out, "configured", "nowhere");
            }
            for (ConfiguredValue c : row.configured()) {
                field(out, "configured", c.location() + ": " + row.name() + "=" + (c.value() == null ? "(no value)" : c.value()));
            }
        }
        for (ParamCheck c : e.checks()) {
            String line = c.level() + " " + c.id() + ": " + c.message();
            field(out, "check", c.level() == ParamCheck.Level.warning ? style.yellow(line) : line);
        }
        out.flush();
    }

    private static void field(PrintWriter out, String name, String value) {
        out.printf("  %-16s%s%n", name + ":", TerminalText.escape(value));
    }

    /** One document, or with {@code record} one NDJSON line of type {@code explanation}. */
    public static void json(PrintWriter out, ParamExplanation e, boolean record) {
        JsonGenerator g = record ? JsonOutput.records(out) : JsonOutput.document(out);
        ParamSpec spec = e.spec();
        g.writeStartObject();
        if (record) {
            g.writeStringProperty("type", "explanation");
        }
        g.writeStringProperty("schema", SCHEMA);
        g.writeStringProperty("name", e.name());
        g.writeName("catalog");
        if (spec == null) {
            g.writeNull();
        } else {
            catalog(g, spec);
        }
        g.writeName("system");
        ParamRow row = e.row();
        if (row == null) {
            g.writeNull();
        } else {
            g.writeStartObject();
            JsonOutput.stringOrNull(g, "release", e.driver().version() == null ? null : e.driver().version().toString());
            JsonOutput.stringOrNull(g, "value", row.value());
            JsonOutput.stringOrNull(g, "value_source", row.observed() == null ? null : row.observed().location());
            JsonOutput.stringOrNull(g, "default", row.defaultValue().value());
            JsonOutput.stringOrNull(g, "default_unknown_because", row.defaultValue().unknownBecause());
            JsonOutput.booleanOrNull(g, "changed", row.changed());
            ParamsJson.configured(g, row.configured());
            g.writeEndObject();
        }
        JsonOutput.stringOrNull(g, "system_unavailable_because", row == null ? e.unavailableBecause() : null);
        g.writeName("checks");
        g.writeStartArray();
        for (ParamCheck c : e.checks()) {
            g.writeStartObject();
            ParamsJson.checkFields(g, c);
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
        if (record) {
            JsonOutput.endRecord(g, out);
        } else {
            g.close();
            out.println();
        }
        out.flush();
    }

    private static void catalog(JsonGenerator g, ParamSpec spec) {
        g.writeStartObject();
        g.writeStringProperty("type", spec.type().kernelName());
        g.writeStringProperty("mode", spec.modeOctal());
        g.writeBooleanProperty("writable", spec.writable());
        g.writeStringProperty("default", spec.defaultValue());
        g.writeName("defaults_by_arch");
        g.writeStartObject();
        for (Map.Entry<Arch, List<ParamSpec.RangeDefault>> table : spec.defaultsByArch().entrySet()) {
            g.writeName(table.getKey().name());
            g.writeStartArray();
            for (ParamSpec.RangeDefault d : table.getValue()) {
                g.writeStartObject();
                g.writeStringProperty("first_release", d.releases().first().toString());
                g.writeStringProperty("last_release", d.releases().last().toString());
                g.writeStringProperty("default", d.value());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        g.writeEndObject();
        JsonOutput.stringOrNull(g, "debug_build_default", spec.debugDefault());
        g.writeName("releases");
        g.writeStartArray();
        for (VersionRange r : spec.presentIn()) {
            g.writeStartObject();
            g.writeStringProperty("first", r.first().toString());
            g.writeStringProperty("last", r.last().toString());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeStringProperty("notes", spec.notes());
        g.writeStringProperty("source_file", spec.sourceFile());
        g.writeStringProperty("summary", spec.summary());
        g.writeEndObject();
    }
}
