package dev.uvmctl.params;

/**
 * The default of one parameter for one driver: a value, or null with the reason it is unknown,
 * and whether the release has the parameter at all (null when the release is unknown).
 */
public record DefaultValue(String value, String unknownBecause, Boolean presentInRelease) {

    static DefaultValue known(String value) {
        return new DefaultValue(value, null, true);
    }

    static DefaultValue unknown(String why, Boolean present) {
        return new DefaultValue(null, why, present);
    }

    static DefaultValue absent(DriverVersion v) {
        return new DefaultValue(null, "release " + v + " does not have this parameter", false);
    }

    /**
     * Resolves the default of {@code spec} for {@code driver}: the release must be inside the
     * catalog and have the parameter; architecture, page size and build type pick among the
     * catalog's per-release tables. Anything the inputs do not tell makes it unknown, never a
     * guess.
     */
    public static DefaultValue resolve(ParamSpec spec, DriverInfo driver) {
        DriverVersion v = driver.version();
        if (v == null) {
            return unknown("driver release unknown", null);
        }
        if (!ParamCatalog.COVERED.contains(v)) {
            return unknown("release " + v + " is outside uvmctl's catalog (" + ParamCatalog.COVERED + ")", null);
        }
        if (!spec.presentIn(v)) {
            return absent(v);
        }
        BuildType build = buildOf(driver);
        if (build == null && spec.debugDefault() != null) {
            return unknown("build type unknown (debug and develop builds default to " + spec.debugDefault() + ")", true);
        }
        if (build != null && build != BuildType.release && spec.debugDefault() != null) {
            return known(spec.debugDefault());
        }
        if (spec.defaultsByArch().isEmpty()) {
            return known(spec.defaultValue());
        }
        Arch table = tableFor(spec, driver);
        if (table == null) {
            String x86 = spec.archDefault(Arch.x86_64, v).orElse(spec.defaultValue());
            String arm = spec.archDefault(Arch.aarch64, v).orElse(spec.defaultValue());
            if (x86.equals(arm)) {
                return known(x86);
            }
            return unknown(driver.arch() == null
                ? "architecture unknown (x86_64: " + x86 + ", aarch64: " + arm + ")"
                : "kernel page size unknown (4 KiB: " + x86 + ", 64 KiB: " + arm + ")", true);
        }
        return known(spec.archDefault(table, v).orElse(spec.defaultValue()));
    }

    /** NVIDIA ships the proprietary modules as release builds only; the open ones say. */
    private static BuildType buildOf(DriverInfo driver) {
        if (driver.build() != null) {
            return driver.build();
        }
        return Boolean.FALSE.equals(driver.open()) ? BuildType.release : null;
    }

    /** Which of the catalog's tables applies, or null when the inputs cannot tell. */
    private static Arch tableFor(ParamSpec spec, DriverInfo driver) {
        Arch arch = driver.arch();
        if (arch == null) {
            return null;
        }
        if (arch == Arch.x86_64) {
            return Arch.x86_64;
        }
        if (!spec.smallPageAarch64LikeX86()) {
            return Arch.aarch64;
        }
        Integer page = driver.kernelPageSize();
        if (page == null) {
            return null;
        }
        return page == 4096 ? Arch.x86_64 : Arch.aarch64;
    }
}
