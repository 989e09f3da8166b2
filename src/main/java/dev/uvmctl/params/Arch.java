package dev.uvmctl.params;

import java.util.Optional;

/**
 * The CPU architecture of the driver build, as far as defaults depend on it. aarch64 defaults
 * also depend on the kernel's page size (4 KiB kernels take the x86_64 values for some
 * parameters, 64 KiB kernels their own), so aarch64 is split by page size when known.
 */
public enum Arch {
    x86_64, aarch64, ppc64le;

    public static Optional<Arch> parse(String s) {
        if (s == null) {
            return Optional.empty();
        }
        switch (s.trim()) {
            case "x86_64":
            case "amd64":
                return Optional.of(x86_64);
            case "aarch64":
            case "arm64":
                return Optional.of(aarch64);
            case "ppc64le":
                return Optional.of(ppc64le);
            default:
                return Optional.empty();
        }
    }
}
