package dev.uvmctl.params;

/**
 * How the driver was built. Debug and develop builds change several defaults (debug prints,
 * debug procfs, the leak checker); the open modules print it in {@code /proc/driver/nvidia/version}.
 */
public enum BuildType {
    release, debug, develop
}
