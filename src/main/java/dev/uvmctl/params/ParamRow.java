package dev.uvmctl.params;

import java.util.List;

/**
 * One parameter as {@code uvmctl params} reports it.
 *
 * @param module {@code nvidia_uvm}, or {@code nvidia} for the core module's parameters
 * @param spec the catalog entry, or null for a parameter the catalog does not know
 * @param observed where and how an input showed the parameter
 * @param defaultValue the default for this driver, or why it is unknown
 * @param changed whether the effective value differs from the default; null when either is unknown
 * @param configured every configured value for it, in the order modprobe applies them
 */
public record ParamRow(
    String module, String name, ParamSpec spec, ObservedValue observed, DefaultValue defaultValue, Boolean changed,
    List<ConfiguredValue> configured) {

    public String value() {
        return observed == null ? null : observed.value();
    }

    /** The type: the catalog's, else the one the input declared (modinfo), else null. */
    public String type() {
        if (spec != null) {
            return spec.type().kernelName();
        }
        return observed == null ? null : observed.declaredType();
    }

    /** Writable at runtime through sysfs; null when the catalog does not know the parameter. */
    public Boolean writable() {
        return spec == null ? null : spec.writable();
    }

    /** The configured value that applies: the last one. */
    public ConfiguredValue effectiveConfiguration() {
        return configured.isEmpty() ? null : configured.get(configured.size() - 1);
    }

    public String summary() {
        return spec == null ? null : spec.summary();
    }
}
