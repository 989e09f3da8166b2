package dev.uvmctl.params;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Turns an observation into the report: rows with defaults and configuration, then checks. */
public final class ParamsAnalyzer {
    public static final String UVM = "nvidia_uvm";
    public static final String NVIDIA = "nvidia";

    private final ParamCatalog catalog;

    public ParamsAnalyzer(ParamCatalog catalog) {
        this.catalog = catalog;
    }

    public ParamsReport analyze(ParamsObservation o) {
        List<ParamRow> rows = new ArrayList<>();
        for (ObservedValue observed : o.uvm().values()) {
            rows.add(uvmRow(observed, o));
        }
        for (Map.Entry<String, ObservedValue> e : o.nvidia().entrySet()) {
            rows.add(new ParamRow(NVIDIA, e.getKey(), null, e.getValue(),
                DefaultValue.unknown("uvmctl has no catalog of the nvidia module's defaults", null), null,
                configuredFor(o, NVIDIA, e.getKey())));
        }
        List<ParamCheck> checks = new ParamChecks(catalog, o.driver()).evaluate(rows, o.configured(), o.configurationRead());
        return new ParamsReport(o.driver(), List.copyOf(rows), checks, List.copyOf(o.diagnostics()),
            List.copyOf(o.missing()), o.configurationRead());
    }

    private ParamRow uvmRow(ObservedValue observed, ParamsObservation o) {
        ParamSpec spec = catalog.get(observed.name()).orElse(null);
        DefaultValue def = spec == null
            ? DefaultValue.unknown("not in uvmctl's catalog of releases " + ParamCatalog.COVERED, null)
            : DefaultValue.resolve(spec, o.driver());
        Boolean changed = null;
        if (spec != null && observed.value() != null && def.value() != null) {
            changed = !spec.type().canonical(observed.value()).equals(spec.type().canonical(def.value()));
        }
        return new ParamRow(UVM, observed.name(), spec, observed, def, changed, configuredFor(o, UVM, observed.name()));
    }

    private static List<ConfiguredValue> configuredFor(ParamsObservation o, String module, String name) {
        return o.configured().stream().filter(c -> c.module().equals(module) && c.name().equals(name)).toList();
    }
}
