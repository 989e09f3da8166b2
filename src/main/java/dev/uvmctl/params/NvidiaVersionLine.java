package dev.uvmctl.params;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the {@code NVRM version:} line of {@code /proc/driver/nvidia/version} (the same text
 * follows {@code NVRM: loading} in the kernel log). Open modules print
 * {@code NVIDIA UNIX Open Kernel Module for x86_64  590.48.01  Release Build  (builder)  date};
 * the proprietary ones {@code NVIDIA UNIX x86_64 Kernel Module  440.31  date}.
 */
public final class NvidiaVersionLine {
    private static final Pattern OPEN = Pattern.compile(
        "NVIDIA UNIX Open Kernel Module for (\\S+)\\s+([0-9][0-9.]+)(?:\\s+(Release|Debug|Develop) Build)?");
    private static final Pattern PROPRIETARY = Pattern.compile(
        "NVIDIA UNIX (\\S+) Kernel Module\\s+([0-9][0-9.]+)");

    private NvidiaVersionLine() {
    }

    /** The driver named by {@code line}, or empty when the line is not such a banner. */
    public static Optional<DriverInfo> parse(String line, String source) {
        Matcher open = OPEN.matcher(line);
        if (open.find()) {
            BuildType build = open.group(3) == null ? null : BuildType.valueOf(open.group(3).toLowerCase(java.util.Locale.ROOT));
            return DriverVersion.parse(open.group(2)).map(v ->
                new DriverInfo(v, Arch.parse(open.group(1)).orElse(null), null, true, build, source));
        }
        Matcher proprietary = PROPRIETARY.matcher(line);
        if (proprietary.find()) {
            return DriverVersion.parse(proprietary.group(2)).map(v ->
                new DriverInfo(v, Arch.parse(proprietary.group(1)).orElse(null), null, false, null, source));
        }
        return Optional.empty();
    }
}
