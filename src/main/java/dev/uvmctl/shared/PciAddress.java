package dev.uvmctl.shared;

import java.util.Locale;
import java.util.Optional;

/**
 * The one key uvmctl uses for a GPU: its PCI bus id, always written {@code 0000:3b:00.0} (lower
 * case, a domain of at least 4 digits, function). Every input spells it differently: the Xid
 * line's {@code PCI:0000:3b:00} has no function (the driver prints domain:bus:device only,
 * {@code krcReportXid_IMPL}, src/nvidia/src/kernel/gpu/rc/kernel_rc.c, 580.95.05), nvidia-smi
 * writes {@code 00000000:3B:00.0}, old tools {@code 3b:00.0}; all parse to the same key.
 *
 * <p>The domain is 32 bits wide: Hyper-V's virtual PCI bus gives a passed-through GPU a domain
 * such as {@code 7a3c01f2}, and every printer writes all of its digits: the kernel's device
 * name ({@code nvidia 7a3c01f2:00:00.0:}), {@code NV_PCI_DEV_FMT} ({@code "%04x:%02x:%02x.%x"},
 * kernel-open/common/inc/nv.h) and the Xid line ({@code "PCI:%04x:%02x:%02x"} of
 * {@code gpuGetDomain()}, an NvU32 taken from bits 63:32 of {@code nvDomainBusDeviceFunc},
 * src/nvidia/generated/g_gpu_nvoc.h; both 580.95.05). {@code %04x} is a minimum width, so the
 * key keeps the domain whole and pads it to 4 digits, as the driver does.
 */
public record PciAddress(long domain, int bus, int device, int function) implements Comparable<PciAddress> {

    /** The widest domain: 32 bits, 8 hex digits. */
    private static final long MAX_DOMAIN = 0xffff_ffffL;

    public PciAddress {
        if (domain < 0 || domain > MAX_DOMAIN || bus < 0 || bus > 0xff || device < 0 || device > 0x1f
            || function < 0 || function > 7) {
            throw new IllegalArgumentException("not a PCI address: " + domain + ":" + bus + ":" + device + "." + function);
        }
    }

    /**
     * Parses {@code [domain:]bus:device[.function]} in hex, with an optional {@code PCI:} prefix.
     * A missing domain is 0 and a missing function is 0 (a GPU is function 0). The domain has 1
     * to 8 digits (nvidia-smi pads it to 8, the kernel and the driver to 4) and is kept whole, so
     * {@code 7a3c01f2:00:00.0} stays {@code 7a3c01f2:00:00.0} and {@code 00000000:3B:00.0} is
     * {@code 0000:3b:00.0}. Empty when {@code text} is not such an address (N/A, a UUID, garbage,
     * a domain of 9 digits or more).
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
            function = (int) hex(s.substring(dot + 1), 1);
            s = s.substring(0, dot);
        }
        String[] parts = s.split(":", -1);
        long domain;
        int bus;
        int device;
        if (parts.length == 3) {
            domain = hex(parts[0], 8);
            bus = (int) hex(parts[1], 2);
            device = (int) hex(parts[2], 2);
        } else if (parts.length == 2) {
            domain = 0;
            bus = (int) hex(parts[0], 2);
            device = (int) hex(parts[1], 2);
        } else {
            return Optional.empty();
        }
        if (domain < 0 || bus < 0 || device < 0 || device > 0x1f || function < 0 || function > 7) {
            return Optional.empty();
        }
        return Optional.of(new PciAddress(domain, bus, device, function));
    }

    /** -1 unless {@code s} is 1 to {@code maxDigits} (at most 8) hex digits. */
    private static long hex(String s, int maxDigits) {
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
        return value;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%04x:%02x:%02x.%x", domain, bus, device, function);
    }

    @Override
    public int compareTo(PciAddress o) {
        int c = Long.compare(domain, o.domain);
        if (c == 0) {
            c = Integer.compare(bus, o.bus);
        }
        if (c == 0) {
            c = Integer.compare(device, o.device);
        }
        return c != 0 ? c : Integer.compare(function, o.function);
    }
}
