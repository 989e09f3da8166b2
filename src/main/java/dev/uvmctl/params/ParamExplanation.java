package dev.uvmctl.params;

import java.util.List;
import java.util.Optional;

/**
 * Everything known about one parameter: the catalog entry, and, when a system or inputs were
 * read, its row (effective, default, configured) and the checks about it.
 */
public record ParamExplanation(String name, ParamSpec spec, ParamRow row, DriverInfo driver, List<ParamCheck> checks,
                               String unavailableBecause) {

    /**
     * Explains {@code name} from the catalog and, when not null, a report of a system or inputs;
     * {@code unavailableBecause} says why there is no report (e.g. nvidia_uvm not loaded).
     */
    public static Optional<ParamExplanation> of(String name, ParamCatalog catalog, ParamsReport report,
                                                String unavailableBecause) {
        ParamSpec spec = catalog.get(name).orElse(null);
        ParamRow row = report == null ? null
            : report.rows().stream().filter(r -> r.name().equals(name)).findFirst().orElse(null);
        if (spec == null && row == null) {
            return Optional.empty();
        }
        List<ParamCheck> checks = report == null ? List.of()
            : report.checks().stream().filter(c -> name.equals(c.parameter())).toList();
        DriverInfo driver = report == null ? DriverInfo.unknown() : report.driver();
        return Optional.of(new ParamExplanation(name, spec, row, driver, checks, unavailableBecause));
    }
}
