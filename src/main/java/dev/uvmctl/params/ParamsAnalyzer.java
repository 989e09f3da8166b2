package dev.uvmctl.params;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
            rows.add(new ParamRow(NVIDIA, e.getKey(), null, e.getValue(), nvidiaDefault(), null,
                configuredFor(o, NVIDIA, e.getKey())));
        }
        if (o.uvm().isEmpty()) {
            configuredOnly(o, UVM, rows);
        }
        if (o.nvidia().isEmpty()) {
            configuredOnly(o, NVIDIA, rows);
        }
        List<ParamCheck> checks = new ParamChecks(catalog, o.driver()).evaluate(rows, o.configured(), o.configurationRead());
        return new ParamsReport(o.driver(), List.copyOf(rows), checks, List.copyOf(o.diagnostics()),
            List.copyOf(o.missing()), o.configurationRead());
    }

    private ParamRow uvmRow(ObservedValue observed, ParamsObservation o) {
        ParamSpec spec = catalog.get(observed.name()).orElse(null);
        DefaultValue def = uvmDefault(spec, o);
        Boolean changed = null;
        if (spec != null && observed.value() != null && def.value() != null) {
            changed = !spec.type().canonical(observed.value()).equals(spec.type().canonical(def.value()));
        }
        return new ParamRow(UVM, observed.name(), spec, observed, def, changed, configuredFor(o, UVM, observed.name()));
    }

    /**
     * The parameters of {@code module} that the inputs configure when none of them shows a value of
     * that module (a modprobe.d file given alone): a row each, its value unknown and its
     * configuration said, rather than no row and the configured value dropped.
     */
    private void configuredOnly(ParamsObservation o, String module, List<ParamRow> rows) {
        Set<String> names = new LinkedHashSet<>();
        for (ConfiguredValue c : o.configured()) {
            if (c.module().equals(module)) {
                names.add(c.name());
            }
        }
        for (String name : names) {
            ParamSpec spec = module.equals(UVM) ? catalog.get(name).orElse(null) : null;
            DefaultValue def = module.equals(UVM) ? uvmDefault(spec, o) : nvidiaDefault();
            rows.add(new ParamRow(module, name, spec, null, def, null, configuredFor(o, module, name)));
        }
    }

    private static DefaultValue uvmDefault(ParamSpec spec, ParamsObservation o) {
        return spec == null
            ? DefaultValue.unknown("not in uvmctl's catalog of releases " + ParamCatalog.COVERED, null)
            : DefaultValue.resolve(spec, o.driver());
    }

    private static DefaultValue nvidiaDefault() {
        return DefaultValue.unknown("uvmctl has no catalog of the nvidia module's defaults", null);
    }

    private static List<ConfiguredValue> configuredFor(ParamsObservation o, String module, String name) {
        return o.configured().stream().filter(c -> c.module().equals(module) && c.name().equals(name)).toList();
    }
}
