package dev.uvmctl.source;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A GPU's key: its PCI address normalized to {@code 0000:3b:00.0} (lower case, 4-digit domain,
 * function). nvidia-smi writes {@code 00000000:3B:00.0}, procfs {@code 0000:3b:00.0}, Xid lines
 * {@code PCI:0000:3b:00} (no function: 0 is assumed) and old nvidia-smi {@code 0000:03:00.0}.
 */
public record PciAddress(int domain, int bus, int device, int function) implements Comparable<PciAddress> {
    private static final Pattern FORM = Pattern.compile(
        "(?:PCI:)?(?:([0-9A-Fa-f]{1,8}):)?([0-9A-Fa-f]{1,2}):([0-9A-Fa-f]{1,2})(?:\\.([0-7]))?");

    /** The address in {@code text}, or empty when it is not one (N/A, a UUID, garbage). */
    public static Optional<PciAddress> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = FORM.matcher(text.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        long domain = m.group(1) == null ? 0 : Long.parseLong(m.group(1), 16);
        if (domain > 0xffff) {
            return Optional.empty();
        }
        int bus = Integer.parseInt(m.group(2), 16);
        int device = Integer.parseInt(m.group(3), 16);
        int function = m.group(4) == null ? 0 : Integer.parseInt(m.group(4));
        if (device > 0x1f) {
            return Optional.empty();
        }
        return Optional.of(new PciAddress((int) domain, bus, device, function));
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%04x:%02x:%02x.%x", domain, bus, device, function);
    }

    @Override
    public int compareTo(PciAddress o) {
        return toString().compareTo(o.toString());
    }
}
