package dev.uvmctl.render;

import dev.uvmctl.params.ConfiguredValue;
import dev.uvmctl.params.DriverInfo;
import dev.uvmctl.params.ParamCheck;
import dev.uvmctl.params.ParamRow;
import dev.uvmctl.params.ParamsAnalyzer;
import dev.uvmctl.params.ParamsReport;
import java.io.PrintWriter;
import java.util.List;
import java.util.function.Function;

/** {@code uvmctl params -o table}: a view of the same report {@code -o json} prints. */
public final class ParamsTable {
    private final PrintWriter out;
    private final Style style;
    private final int width;

    /** {@code width} is the terminal's width, or 0 for no limit (not a terminal, or --wide). */
    public ParamsTable(PrintWriter out, Style style, int width) {
        this.out = out;
        this.style = style;
        this.width = width;
    }

    /** Prints the rows (all of the report's, or a filtered subset) and the report's checks. */
    public void render(ParamsReport report, List<ParamRow> rows, String whenNoRows) {
        List<ParamRow> uvm = rows.stream().filter(r -> r.module().equals(ParamsAnalyzer.UVM)).toList();
        List<ParamRow> nvidia = rows.stream().filter(r -> r.module().equals(ParamsAnalyzer.NVIDIA)).toList();
        if (!uvm.isEmpty() || nvidia.isEmpty()) {
            Paragraph.print(out, width, TerminalText.escape("nvidia_uvm " + describe(report.driver())), style::bold);
            out.println();
            if (uvm.isEmpty()) {
                out.println(whenNoRows);
            } else {
                uvmTable(uvm, report.configurationRead()).print(out, width, style);
            }
        }
        if (!nvidia.isEmpty()) {
            if (!uvm.isEmpty()) {
                out.println();
            }
            out.println(style.bold("nvidia (core module) parameters"));
            out.println();
            nvidiaTable(nvidia).print(out, width, style);
        }
        if (!report.checks().isEmpty()) {
            out.println();
            out.println(style.bold("Checks"));
            checksTable(report.checks()).print(out, width, style);
        }
        out.flush();
    }

    static String describe(DriverInfo d) {
        if (d.version() == null) {
            return "(release unknown)";
        }
        StringBuilder b = new StringBuilder(d.version().toString());
        StringBuilder what = new StringBuilder();
        if (d.open() != null) {
            what.append(d.open() ? "open kernel modules" : "proprietary kernel modules");
        }
        if (d.arch() != null) {
            what.append(what.length() > 0 ? ", " : "").append(d.arch());
        }
        if (d.build() != null) {
            what.append(what.length() > 0 ? ", " : "").append(d.build()).append(" build");
        }
        if (what.length() > 0) {
            b.append(" (").append(what).append(')');
        }
        if (d.source() != null) {
            b.append(" from ").append(d.source());
        }
        return b.toString();
    }

    private TextTable uvmTable(List<ParamRow> rows, boolean configurationRead) {
        TextTable t = new TextTable(List.of(
            TextTable.Column.left("PARAMETER"), TextTable.Column.left("VALUE"), TextTable.Column.left("DEFAULT"),
            TextTable.Column.left("CHANGED"), TextTable.Column.left("RUNTIME"), TextTable.Column.left("CONFIGURED"),
            TextTable.Column.flexible("MEANING")));
        for (ParamRow r : rows) {
            Function<String, String> rowStyle = Boolean.TRUE.equals(r.changed()) ? style::yellow : Function.identity();
            t.add(rowStyle, r.name(), orUnknown(r.value()), defaultCell(r), changedCell(r.changed()),
                runtimeCell(r.writable()), configuredCell(r, configurationRead), r.summary() == null ? "" : r.summary());
        }
        return t;
    }

    private TextTable nvidiaTable(List<ParamRow> rows) {
        TextTable t = new TextTable(List.of(TextTable.Column.left("PARAMETER"), TextTable.Column.left("VALUE"),
            TextTable.Column.left("FROM")));
        for (ParamRow r : rows) {
            // A parameter only configured (a modprobe.d file given alone) is shown with where and what it is configured.
            ConfiguredValue c = r.effectiveConfiguration();
            t.add(r.name(), orUnknown(r.value()), r.observed() != null ? r.observed().location()
                : c == null ? "?" : "configured: " + c.location() + " = " + (c.value() == null ? "(no value)" : c.value()));
        }
        return t;
    }

    private TextTable checksTable(List<ParamCheck> checks) {
        TextTable t = new TextTable(List.of(TextTable.Column.left("LEVEL"), TextTable.Column.left("ID"),
            TextTable.Column.flexible("WHAT IT MEANS")));
        for (ParamCheck c : checks) {
            Function<String, String> s = c.level() == ParamCheck.Level.warning ? style::yellow : style::dim;
            t.add(s, c.level().name(), c.id(), c.message());
        }
        return t;
    }

    private static String defaultCell(ParamRow r) {
        if (r.defaultValue().value() != null) {
            return r.defaultValue().value();
        }
        return Boolean.FALSE.equals(r.defaultValue().presentInRelease()) ? "absent" : "?";
    }

    private static String changedCell(Boolean changed) {
        if (changed == null) {
            return "?";
        }
        return changed ? "yes" : "-";
    }

    private static String runtimeCell(Boolean writable) {
        if (writable == null) {
            return "?";
        }
        return writable ? "writable" : "load-time";
    }

    private static String configuredCell(ParamRow r, boolean configurationRead) {
        ConfiguredValue c = r.effectiveConfiguration();
        if (c != null) {
            return c.location() + " = " + (c.value() == null ? "(no value)" : c.value());
        }
        return configurationRead ? "-" : "?";
    }

    private static String orUnknown(String value) {
        return value == null ? "?" : value;
    }
}
