package dev.uvmctl.params;

import dev.uvmctl.shared.Diagnostic;
import java.util.List;

/**
 * What {@code uvmctl params} reports: the driver, one row per parameter, the checks and the
 * diagnostics, and what could not be read (non-empty means the answer is incomplete).
 */
public record ParamsReport(
    DriverInfo driver, List<ParamRow> rows, List<ParamCheck> checks, List<Diagnostic> diagnostics,
    List<String> missing, boolean configurationRead) {

    public boolean hasWarnings() {
        return checks.stream().anyMatch(c -> c.level() == ParamCheck.Level.warning);
    }

    public boolean complete() {
        return missing.isEmpty();
    }
}
