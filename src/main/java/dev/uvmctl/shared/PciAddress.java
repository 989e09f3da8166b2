package dev.uvmctl.shared;

import java.util.Locale;
import java.util.Optional;

/**
 * The one key uvmctl uses for a GPU: its PCI bus id, always written {@code 0000:3b:00.0} (lower
 * case, 4-digit domain, function). Every input spells it differently: the Xid line's
 * {@code PCI:0000:3b:00} has no function (the driver prints domain:bus:device only, {@code
 * kernel_rc.c}), nvidia-smi writes {@code 00000000:3B:00.0}, old tools {@code 3b:00.0}; all
 * parse to the same key.
 */
public record PciAddress(int domain, int bus, int device, int function) implements Comparable<PciAddress> {

    public PciAddress {
        if (domain < 0 || domain > 0xffff || bus < 0 || bus > 0xff || device < 0 || device > 0x1f
            || function < 0 || function > 7) {
            throw new IllegalArgumentException("not a PCI address: " + domain + ":" + bus + ":" + device + "." + function);
        }
    }

    /**
     * Parses {@code [domain:]bus:device[.function]} in hex, with an optional {@code PCI:} prefix.
     * A missing domain is 0 and a missing function is 0 (a GPU is function 0). The domain may
     * have up to 8 digits, as nvidia-smi prints it; a domain wider than 16 bits (Hyper-V vPCI,
     * {@code 25bed32b:00:00.0}) keeps its low 16 bits, which is how the driver itself prints it
     * ({@code %04x} in NV_PCI_DEV_FMT, nv.h). Empty when {@code text} is not such an address (N/A,
     * a UUID, garbage).
     */
    public static Optional<PciAddress> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String s = text.strip();
        if (s.regionMatches(true, 0, "PCI:", 0, 4)) {
            s = s.substring(4);
        }
        int function = 0;
        int dot = s.lastIndexOf('.');
        if (dot >= 0) {
            function = hex(s.substring(dot + 1), 1);
            s = s.substring(0, dot);
        }
        String[] parts = s.split(":", -1);
        int domain;
        int bus;
        int device;
        if (parts.length == 3) {
            domain = hex(parts[0], 8);
            bus = hex(parts[1], 2);
            device = hex(parts[2], 2);
        } else if (parts.length == 2) {
            domain = 0;
            bus = hex(parts[0], 2);
            device = hex(parts[1], 2);
        } else {
            return Optional.empty();
        }
        if (domain < 0 || bus < 0 || device < 0 || device > 0x1f || function < 0 || function > 7) {
            return Optional.empty();
        }
        return Optional.of(new PciAddress(domain & 0xffff, bus, device, function));
    }

    /** -1 unless {@code s} is 1 to {@code maxDigits} hex digits; 8 digits keep their low 31 bits. */
    private static int hex(String s, int maxDigits) {
        if (s.isEmpty() || s.length() > maxDigits) {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < s.length(); i++) {
            int d = Character.digit(s.charAt(i), 16);
            if (d < 0) {
                return -1;
            }
            value = value * 16 + d;
        }
        return (int) (value & 0x7fffffffL);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%04x:%02x:%02x.%x", domain, bus, device, function);
    }

    @Override
    public int compareTo(PciAddress o) {
        int c = Integer.compare(domain, o.domain);
        if (c == 0) {
            c = Integer.compare(bus, o.bus);
        }
        if (c == 0) {
            c = Integer.compare(device, o.device);
        }
        return c != 0 ? c : Integer.compare(function, o.function);
    }
}
