package dev.uvmctl.procfs;

import dev.uvmctl.shared.Diagnostic;
import dev.uvmctl.shared.PciAddress;
import dev.uvmctl.shared.Provenance;
import java.util.List;

/** Parses {@code gpus/<bus>/information}: {@code Key: \t\t value} lines. */
public final class NvidiaGpuInformationParser {
    private NvidiaGpuInformationParser() {
    }

    /** {@code directoryBus} is the name of the GPU's directory, used when the file lacks {@code Bus Location}. */
    public static NvidiaGpuInformation parse(String text, String directoryBus, String input, List<Diagnostic> diagnostics) {
        PciAddress bus = null;
        String model = null;
        String uuid = null;
        Integer minor = null;
        Boolean excluded = null;
        long number = 0;
        for (String line : text.split("\n")) {
            number++;
            int colon = line.indexOf(':');
            if (colon <= 0) {
                if (!line.isBlank()) {
                    diagnostics.add(Diagnostic.at(input, number, "not a 'Key: value' line: '" + line.strip() + "'"));
                }
                continue;
            }
            String key = line.substring(0, colon).strip();
            String value = line.substring(colon + 1).strip();
            switch (key) {
                case "Model" -> model = value;
                case "GPU UUID" -> uuid = value;
                case "Bus Location" -> {
                    bus = PciAddress.parse(value).orElse(null);
                    if (bus == null) {
                        diagnostics.add(Diagnostic.at(input, number, "Bus Location is not a PCI address: '" + value + "'"));
                    }
                }
                case "Device Minor" -> {
                    try {
                        minor = Integer.valueOf(value);
                    } catch (NumberFormatException e) {
                        diagnostics.add(Diagnostic.at(input, number, "Device Minor is not a number: '" + value + "'"));
                    }
                }
                case "GPU Excluded", "Blacklisted" -> excluded = value.equalsIgnoreCase("Yes");
                default -> {
                }
            }
        }
        if (bus == null) {
            bus = PciAddress.parse(directoryBus).orElse(null);
        }
        return new NvidiaGpuInformation(bus, model, uuid, minor, excluded, Provenance.of(input));
    }
}
