package dev.uvmctl.params;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One nvidia-uvm module parameter as the catalog knows it: type, default as sysfs shows it,
 * sysfs mode, the releases that have it and how the default varies by release, architecture
 * and build type.
 *
 * @param defaultsByArch per architecture, release ranges and the default in each
 * @param smallPageAarch64LikeX86 true when 4 KiB-page aarch64 kernels take the x86_64 defaults
 *     (the catalog's aarch64 table is for 64 KiB-page kernels)
 * @param debugDefault the default of debug and develop builds, when it differs
 * @param presentIn the release runs that have the parameter (gaps are other branches' tags)
 */
public record ParamSpec(
    String name,
    ParamType type,
    String defaultValue,
    String notes,
    int mode,
    DriverVersion firstRelease,
    DriverVersion lastRelease,
    String sourceFile,
    String summary,
    Map<Arch, List<RangeDefault>> defaultsByArch,
    boolean smallPageAarch64LikeX86,
    String debugDefault,
    List<VersionRange> presentIn) {

    /** The default within one run of releases. */
    public record RangeDefault(VersionRange releases, String value) {
    }

    /** Writable at runtime through sysfs (mode 0644), not only at load time (0444). */
    public boolean writable() {
        return (mode & 0200) != 0;
    }

    public String modeOctal() {
        return String.format("%04o", mode);
    }

    public boolean presentIn(DriverVersion v) {
        return presentIn.stream().anyMatch(r -> r.contains(v));
    }

    /** The default for this release line on {@code arch}, if the catalog's tables say. */
    Optional<String> archDefault(Arch arch, DriverVersion v) {
        List<RangeDefault> table = defaultsByArch.get(arch);
        if (table == null) {
            return Optional.empty();
        }
        return table.stream().filter(d -> d.releases().contains(v)).map(RangeDefault::value).findFirst();
    }
}
