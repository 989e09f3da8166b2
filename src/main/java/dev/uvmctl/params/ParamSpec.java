package dev.uvmctl.params;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One nvidia-uvm module parameter as the catalog knows it: type, default as sysfs shows it,
 * sysfs mode, the releases that have it and how the default varies by release, architecture
 * and build type. Made through {@link Builder}, whose setters document the components.
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

    /** A spec to fill by name; the catalog reader is the only maker of specs. */
    static Builder builder() {
        return new Builder();
    }

    /** Names what each component is at the call site: thirteen positional arguments could not be read. */
    static final class Builder {
        private String name;
        private ParamType type;
        private String defaultValue;
        private String notes;
        private int mode;
        private DriverVersion firstRelease;
        private DriverVersion lastRelease;
        private String sourceFile;
        private String summary;
        private Map<Arch, List<RangeDefault>> defaultsByArch;
        private boolean smallPageAarch64LikeX86;
        private String debugDefault;
        private List<VersionRange> presentIn;

        private Builder() {
        }

        Builder name(String v) {
            name = v;
            return this;
        }

        Builder type(ParamType v) {
            type = v;
            return this;
        }

        /** The default as sysfs shows it. */
        Builder defaultValue(String v) {
            defaultValue = v;
            return this;
        }

        Builder notes(String v) {
            notes = v;
            return this;
        }

        /** The sysfs mode (0644: writable at runtime, 0444: at load time only). */
        Builder mode(int v) {
            mode = v;
            return this;
        }

        Builder firstRelease(DriverVersion v) {
            firstRelease = v;
            return this;
        }

        Builder lastRelease(DriverVersion v) {
            lastRelease = v;
            return this;
        }

        Builder sourceFile(String v) {
            sourceFile = v;
            return this;
        }

        Builder summary(String v) {
            summary = v;
            return this;
        }

        /** Per architecture, release ranges and the default in each. */
        Builder defaultsByArch(Map<Arch, List<RangeDefault>> v) {
            defaultsByArch = v;
            return this;
        }

        /**
         * True when 4 KiB-page aarch64 kernels take the x86_64 defaults (the catalog's aarch64
         * table is for 64 KiB-page kernels).
         */
        Builder smallPageAarch64LikeX86(boolean v) {
            smallPageAarch64LikeX86 = v;
            return this;
        }

        /** The default of debug and develop builds, when it differs. */
        Builder debugDefault(String v) {
            debugDefault = v;
            return this;
        }

        /** The release runs that have the parameter (gaps are other branches' tags). */
        Builder presentIn(List<VersionRange> v) {
            presentIn = v;
            return this;
        }

        ParamSpec build() {
            return new ParamSpec(name, type, defaultValue, notes, mode, firstRelease, lastRelease, sourceFile, summary,
                defaultsByArch, smallPageAarch64LikeX86, debugDefault, presentIn);
        }
    }

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
