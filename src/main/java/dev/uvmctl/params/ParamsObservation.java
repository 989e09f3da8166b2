package dev.uvmctl.params;

import dev.uvmctl.shared.Diagnostic;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the inputs told about module parameters, before any judgement: the driver, the
 * nvidia-uvm parameters (and the core nvidia module's, when an input has them), configured
 * values, diagnostics, and what could not be read at all.
 */
public final class ParamsObservation {
    private DriverInfo driver = DriverInfo.unknown();
    private final Map<String, ObservedValue> uvm = new LinkedHashMap<>();
    private final Map<String, ObservedValue> nvidia = new LinkedHashMap<>();
    private final List<ConfiguredValue> configured = new ArrayList<>();
    private final List<Diagnostic> diagnostics = new ArrayList<>();
    private final List<String> missing = new ArrayList<>();
    private boolean configurationRead;

    public DriverInfo driver() {
        return driver;
    }

    /** Adds what {@code info} knows and this observation did not. */
    public void driver(DriverInfo info) {
        this.driver = driver.orElse(info);
    }

    /** nvidia-uvm parameters by name, in the order the inputs gave them. */
    public Map<String, ObservedValue> uvm() {
        return Collections.unmodifiableMap(uvm);
    }

    /** The core nvidia module's parameters (from /proc/driver/nvidia/params or modinfo nvidia). */
    public Map<String, ObservedValue> nvidia() {
        return Collections.unmodifiableMap(nvidia);
    }

    public void uvm(ObservedValue value) {
        uvm.put(value.name(), value);
    }

    public void nvidia(ObservedValue value) {
        nvidia.put(value.name(), value);
    }

    /** Configured values in the order modprobe applies them: a later one overrides. */
    public List<ConfiguredValue> configured() {
        return configured;
    }

    /** True when the modprobe configuration and kernel command line were looked at. */
    public boolean configurationRead() {
        return configurationRead;
    }

    public void configurationRead(boolean read) {
        this.configurationRead = read;
    }

    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }

    /** Why the answer is incomplete: one sentence per thing needed that could not be read. */
    public List<String> missing() {
        return missing;
    }

    public void missing(String what) {
        missing.add(what);
    }

    /** Adds everything {@code other} observed after what this one has. */
    public void merge(ParamsObservation other) {
        driver(other.driver);
        other.uvm.values().forEach(this::uvm);
        other.nvidia.values().forEach(this::nvidia);
        configured.addAll(other.configured);
        diagnostics.addAll(other.diagnostics);
        missing.addAll(other.missing);
        configurationRead |= other.configurationRead;
    }
}
