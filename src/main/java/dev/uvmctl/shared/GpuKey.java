package dev.uvmctl.shared;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Normalizes the ways inputs name a GPU (or the CPU) to one spelling per form: PCI bus ids to
 * {@code 0000:3b:00.0} (Xid's {@code PCI:0000:3b:00} and nvidia-smi's {@code 00000000:3B:00.0}
 * included; a domain of up to 8 hex digits is kept whole, {@code 7a3c01f2:00:00.0}, see
 * {@link PciAddress}), UUIDs to {@code GPU-<lower-case hex>} ({@code UVM-GPU-} from UVM's procfs
 * too), indexes to {@code gpu0}, UVM's processor ids to {@code uvm-gpu1}. Which index or UUID is
 * which PCI device is learnt from the inputs (the model's GPU directory), not here.
 */
public final class GpuKey {
    public static final String CPU = "cpu";

    private static final Pattern PCI = Pattern.compile(
        "(?i)(?:PCI:)?(?:([0-9a-f]{1,8}):)?([0-9a-f]{1,2}):([0-9a-f]{1,2})(?:\\.([0-7]))?");
    private static final Pattern UUID = Pattern.compile(
        "(?i)(?:UVM-)?(GPU|MIG)-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})");
    private static final Pattern INDEX = Pattern.compile("(?i)(?:gpu)?([0-9]{1,4})");
    /** UVM's processor id of a GPU ({@code uvm_processor_id_t}, 1..256), as a trace names it when nothing told its PCI id or UUID. */
    private static final Pattern UVM_ID = Pattern.compile("(?i)uvm-gpu([0-9]{1,3})");

    private GpuKey() {
    }

    /** The normalized name of the GPU {@code text} names, or null when it names none. */
    public static String normalize(String text) {
        if (text == null) {
            return null;
        }
        String s = text.trim();
        Matcher index = INDEX.matcher(s);
        if (index.matches()) {
            return "gpu" + Integer.parseInt(index.group(1));
        }
        Matcher uvm = UVM_ID.matcher(s);
        if (uvm.matches()) {
            return uvmProcessor(Integer.parseInt(uvm.group(1)));
        }
        Matcher uuid = UUID.matcher(s);
        if (uuid.matches()) {
            return uuid.group(1).toUpperCase(Locale.ROOT) + "-" + uuid.group(2).toLowerCase(Locale.ROOT);
        }
        Matcher pci = PCI.matcher(s);
        // Without a domain, only bus:device.function is unambiguous enough to be a PCI address.
        if (pci.matches() && (pci.group(1) != null || pci.group(4) != null)) {
            return PciAddress.parse(s).map(PciAddress::toString).orElse(null);
        }
        return null;
    }

    /**
     * The name of a GPU at a parsed PCI address: what {@link #normalize} gives for its text,
     * without parsing it again (a function above 7 is no PCI function, so no name).
     */
    public static String of(PciAddress a) {
        return a.function() <= 7 ? a.toString() : null;
    }

    /** The name of the GPU whose UVM processor id is {@code id}, {@code uvm-gpuN}: how a trace names it when nothing tells more. */
    public static String uvmProcessor(int id) {
        return "uvm-gpu" + id;
    }

    /** {@code cpu}, or the normalized GPU name, or null when {@code text} names no processor. */
    public static String processor(String text) {
        if (text != null && text.trim().equalsIgnoreCase(CPU)) {
            return CPU;
        }
        return normalize(text);
    }

    public static boolean isPci(String key) {
        return key != null && key.length() >= 12 && key.charAt(key.length() - 2) == '.' && key.indexOf(':') > 0;
    }

    public static boolean isUuid(String key) {
        return key != null && (key.startsWith("GPU-") || key.startsWith("MIG-"));
    }
}
