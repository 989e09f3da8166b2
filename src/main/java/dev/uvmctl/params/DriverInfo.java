package dev.uvmctl.params;

/**
 * What is known of the running (or captured) driver. Every field may be null: an input that
 * does not tell leaves it unknown.
 *
 * @param version the release, e.g. 535.129.03
 * @param arch the CPU architecture of the build
 * @param kernelPageSize the kernel's base page size in bytes (aarch64 defaults depend on it)
 * @param open true for the open kernel modules, false for the proprietary ones
 * @param build release, debug or develop build
 * @param source where the release was read (a path on the inspected system, or input:line)
 */
public record DriverInfo(
    DriverVersion version, Arch arch, Integer kernelPageSize, Boolean open, BuildType build, String source) {

    public static DriverInfo unknown() {
        return new DriverInfo(null, null, null, null, null, null);
    }

    /** This info with gaps filled from {@code other}; fields known here are kept. */
    public DriverInfo orElse(DriverInfo other) {
        return new DriverInfo(
            version != null ? version : other.version,
            arch != null ? arch : other.arch,
            kernelPageSize != null ? kernelPageSize : other.kernelPageSize,
            open != null ? open : other.open,
            build != null ? build : other.build,
            source != null ? source : other.source);
    }

    public DriverInfo withPageSize(Integer pageSize) {
        return new DriverInfo(version, arch, pageSize, open, build, source);
    }
}
