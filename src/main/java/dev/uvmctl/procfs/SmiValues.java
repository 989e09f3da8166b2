package dev.uvmctl.procfs;

import dev.uvmctl.shared.Diagnostic;
import dev.uvmctl.shared.PciAddress;
import dev.uvmctl.shared.Provenance;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What every nvidia-smi output format shares: memory cells as nvidia-smi prints them ({@code 350MiB},
 * {@code 40960 MiB}, {@code 14MB} (325 era, also MiB), or a bare number under {@code nounits}), its
 * placeholders for no value, and its lines for a failure, which it prints in place of the data.
 */
final class SmiValues {
    private static final Pattern MEMORY = Pattern.compile("(\\d+)\\s*(MiB|MB|GiB|KiB)?");

    /** nvidia-smi's line for a GPU NVML gives no handle for (nvidia-smi prints it where that GPU would be). */
    private static final Pattern UNREACHABLE = Pattern.compile(
        "Unable to determine the device handle for GPU ?([0-9A-Fa-f]{4,8}:[0-9A-Fa-f]{2}:[0-9A-Fa-f]{2}\\.[0-7]): (.+)");
    /** nvidia-smi's lines for a failure that leaves it nothing to print: no driver, no NVML, no GPU. */
    private static final Pattern FAILED = Pattern.compile(
        "No devices were found|Failed to initialize NVML: .*|NVIDIA-SMI has failed because .*|Unable to determine the device handle for .*");

    private SmiValues() {
    }

    /** The GPU {@code line} says nvidia-smi could not reach, or null when it says no such thing. */
    static SmiSnapshot.Unreachable unreachable(String line, Provenance origin) {
        Matcher m = UNREACHABLE.matcher(line.strip());
        if (!m.matches()) {
            return null;
        }
        PciAddress bus = PciAddress.parse(m.group(1)).orElse(null);
        return bus == null ? null : new SmiSnapshot.Unreachable(bus, m.group(2).strip(), origin);
    }

    /**
     * True when {@code line} is nvidia-smi saying it failed, not data: a GPU it could not reach
     * joins {@code unreachable}; any other failure (no NVML, no GPU) is a diagnostic in its words.
     */
    static boolean failure(String line, String input, long number, List<SmiSnapshot.Unreachable> unreachable,
                           List<Diagnostic> diagnostics) {
        SmiSnapshot.Unreachable u = unreachable(line, Provenance.at(input, number));
        if (u != null) {
            unreachable.add(u);
            return true;
        }
        if (FAILED.matcher(line.strip()).matches()) {
            diagnostics.add(Diagnostic.at(input, number, "nvidia-smi failed: '" + line.strip() + "'"));
            return true;
        }
        return false;
    }

    /** Bytes, or null when the cell is not a memory value (N/A, ERR!, [Unknown Error], ...). */
    static Long bytes(String cell) {
        if (cell == null) {
            return null;
        }
        Matcher m = MEMORY.matcher(cell.strip());
        if (!m.matches() || m.group(1).length() > 12) {
            return null;
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "MiB" : m.group(2);
        return switch (unit) {
            case "GiB" -> n << 30;
            case "KiB" -> n << 10;
            default -> n << 20;
        };
    }

    /** nvidia-smi's way of saying "no value": {@code N/A}, {@code [N/A]}, {@code [Not Supported]}, {@code ERR!}... */
    static String note(String cell) {
        String c = cell.strip();
        if (c.startsWith("[") && c.endsWith("]")) {
            c = c.substring(1, c.length() - 1);
        }
        return c;
    }

    /**
     * What nvidia-smi prints under the WDDM driver model (Windows, and WSL, whose GPU the Windows
     * driver drives) where a process's GPU memory would be, or instead of the process list.
     */
    static final String WDDM = "Not available in WDDM driver model";

    /** True when {@code text} is nvidia-smi saying the WDDM driver model keeps the value from it. */
    static boolean saysWddm(String text) {
        return text != null && text.contains(WDDM);
    }

    /**
     * A process name as printed, or null when nvidia-smi had none: an empty cell, or
     * {@code (null)}, which glibc's printf writes for a missing string.
     */
    static String name(String cell) {
        if (cell == null) {
            return null;
        }
        String n = cell.strip();
        return n.isEmpty() || n.equals("(null)") ? null : n;
    }

    /** A Windows program ({@code C:\Windows\explorer.exe}, {@code ...\Teams.exe}): a process of the Windows host under WSL. */
    static boolean isWindowsProgram(String name) {
        return name != null && (name.indexOf('\\') >= 0 || name.length() > 2 && Character.isLetter(name.charAt(0)) && name.charAt(1) == ':');
    }
}
