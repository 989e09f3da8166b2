package dev.uvmctl.params;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The checks of {@code uvmctl params}. Warnings are problems and deviations from the release's
 * defaults; release defaults themselves are never warnings, only info notes that say what
 * enabling a feature buys. Ids are stable: scripts and completions match on them.
 */
final class ParamChecks {
    /** Every check id, for documentation and completion. */
    static final List<String> IDS = List.of(
        "unknown-parameter", "parameter-not-in-release", "invalid-value", "not-in-effect", "set-at-runtime",
        "hmm-disabled", "builtin-tests-enabled", "defaults-unknown", "leak-checker-off", "debug-procfs-off");

    private final ParamCatalog catalog;
    private final DriverInfo driver;
    private final List<ParamCheck> checks = new ArrayList<>();

    ParamChecks(ParamCatalog catalog, DriverInfo driver) {
        this.catalog = catalog;
        this.driver = driver;
    }

    List<ParamCheck> evaluate(List<ParamRow> rows, List<ConfiguredValue> configured, boolean configurationRead) {
        releaseNote(rows);
        for (ConfiguredValue c : configured) {
            if (c.module().equals(ParamsAnalyzer.UVM)) {
                configuration(c);
            }
        }
        for (ParamRow row : rows) {
            if (row.module().equals(ParamsAnalyzer.UVM) && row.spec() != null && row.value() != null) {
                effective(row, configurationRead);
            }
        }
        checks.sort(java.util.Comparator.comparing(ParamCheck::level)
            .thenComparing(c -> c.parameter() == null ? "" : c.parameter()).thenComparing(ParamCheck::id));
        return List.copyOf(checks);
    }

    private void releaseNote(List<ParamRow> rows) {
        if (rows.stream().noneMatch(r -> r.module().equals(ParamsAnalyzer.UVM))) {
            return;
        }
        DriverVersion v = driver.version();
        if (v == null) {
            checks.add(ParamCheck.info("defaults-unknown", null,
                "the driver release is unknown, so defaults and deviations from them cannot be told"));
        } else if (!ParamCatalog.COVERED.contains(v)) {
            checks.add(ParamCheck.info("defaults-unknown", null, "release " + v + " is outside uvmctl's catalog ("
                + ParamCatalog.COVERED + "): defaults are shown as unknown rather than guessed"));
        }
    }

    private void configuration(ConfiguredValue c) {
        Optional<ParamSpec> spec = catalog.get(c.name());
        if (spec.isEmpty()) {
            String hint = catalog.closest(c.name()).map(n -> " (did you mean " + n + "?)").orElse("");
            checks.add(ParamCheck.warning("unknown-parameter", c.name(), c.location() + " sets '" + c.name()
                + "', which no nvidia-uvm release " + ParamCatalog.COVERED + " has" + hint
                + ": the kernel ignores it with an 'unknown parameter' message"));
            return;
        }
        DriverVersion v = driver.version();
        if (v != null && ParamCatalog.COVERED.contains(v) && !spec.get().presentIn(v)) {
            checks.add(ParamCheck.warning("parameter-not-in-release", c.name(), c.location() + " sets " + c.name()
                + ", which release " + v + " does not have (it exists in " + runs(spec.get())
                + "): the kernel ignores it"));
            return;
        }
        ParamType type = spec.get().type();
        if (c.value() == null && type != ParamType.BOOL) {
            checks.add(ParamCheck.warning("invalid-value", c.name(), c.location() + " names " + c.name()
                + " without a value: the kernel refuses to load nvidia_uvm with it"));
            return;
        }
        if (c.value() != null) {
            type.rejects(c.value()).ifPresent(why -> checks.add(ParamCheck.warning("invalid-value", c.name(),
                c.location() + ": " + c.name() + "=" + c.value() + ": " + why
                    + ": the kernel refuses to load nvidia_uvm with it")));
        }
    }

    private void effective(ParamRow row, boolean configurationRead) {
        ParamType type = row.spec().type();
        String value = type.canonical(row.value());
        ConfiguredValue config = row.effectiveConfiguration();
        if (config != null) {
            String wanted = type.canonical(config.value() == null ? "Y" : config.value());
            if (type.rejects(config.value() == null ? "Y" : config.value()).isEmpty() && !wanted.equals(value)) {
                checks.add(ParamCheck.warning("not-in-effect", row.name(), config.location() + " sets " + row.name()
                    + "=" + config.value() + " but the module runs with " + row.value()
                    + ": it was loaded before the change or not through modprobe; " + howToApply(row, config.value())));
            }
        } else if (configurationRead && Boolean.TRUE.equals(row.changed())) {
            checks.add(ParamCheck.warning("set-at-runtime", row.name(), row.name() + " is " + row.value()
                + " (default " + row.defaultValue().value() + ") but no modprobe.d file or kernel command line sets it: "
                + (row.spec().writable() ? "it was written through sysfs or given to insmod" : "it was given on the insmod/modprobe command line")
                + ", and the next load goes back to " + row.defaultValue().value()));
        }
        specific(row, value);
    }

    private void specific(ParamRow row, String value) {
        String def = row.defaultValue().value() == null ? null : row.spec().type().canonical(row.defaultValue().value());
        switch (row.name()) {
            case "uvm_disable_hmm":
                if (value.equals("Y") && "N".equals(def)) {
                    checks.add(ParamCheck.warning("hmm-disabled", row.name(), "HMM is disabled (uvm_disable_hmm=Y) although "
                        + release() + " enables it by default: GPUs cannot fault on or migrate system-allocated (malloc, mmap) "
                        + "memory, so CUDA's pageable-memory access is off; load nvidia_uvm with uvm_disable_hmm=N"));
                }
                break;
            case "uvm_enable_builtin_tests":
                if (!value.equals("0")) {
                    checks.add(ParamCheck.warning("builtin-tests-enabled", row.name(), "built-in UVM tests are enabled "
                        + "(uvm_enable_builtin_tests=" + row.value() + "): the driver itself calls this a security risk; "
                        + "load nvidia_uvm without it outside driver testing"));
                }
                break;
            case "uvm_leak_checker":
                if (value.equals("0")) {
                    checks.add(ParamCheck.info("leak-checker-off", row.name(), "the driver's leak checker is off (the release "
                        + "default): at unload nvidia_uvm will not report kernel memory it leaked; load it with "
                        + "uvm_leak_checker=1 for a byte total or 2 for each allocation's origin in the kernel log"));
                }
                break;
            case "uvm_enable_debug_procfs":
                if (value.equals("0")) {
                    checks.add(ParamCheck.info("debug-procfs-off", row.name(), "debug procfs is off (the release default): "
                        + "per-GPU fault, migration, eviction and thrashing statistics under /proc/driver/nvidia-uvm are "
                        + "not available; load nvidia_uvm with uvm_enable_debug_procfs=1 to have them"));
                }
                break;
            default:
                break;
        }
    }

    private String release() {
        String arch = driver.arch() == null ? "" : " on " + driver.arch();
        return "release " + driver.version() + arch;
    }

    private static String howToApply(ParamRow row, String value) {
        if (row.spec().writable()) {
            return "apply it now with 'echo " + value + " > /sys/module/nvidia_uvm/parameters/" + row.name()
                + "' or reload the module";
        }
        return "it applies only at load: reload nvidia_uvm (every GPU process must exit) or reboot";
    }

    private static String runs(ParamSpec spec) {
        return String.join(", ", spec.presentIn().stream().map(VersionRange::toString).toList());
    }
}
