package dev.uvmctl.procfs;

import dev.uvmctl.shared.Diagnostic;
import dev.uvmctl.shared.Provenance;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds the {@code nvidia-uvm-hmm} regions in {@code /proc/iomem} ({@code start-end : name}, nested by indentation). */
public final class IomemParser {
    static final String HMM = "nvidia-uvm-hmm";
    private static final Pattern LINE = Pattern.compile("\\s*([0-9a-fA-F]+)-([0-9a-fA-F]+) : (.*)");

    private IomemParser() {
    }

    public static List<HmmRegion> hmmRegions(String text, String input, List<Diagnostic> diagnostics) {
        List<HmmRegion> out = new ArrayList<>();
        long number = 0;
        for (String line : text.split("\n")) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            Matcher m = LINE.matcher(line);
            if (!m.matches() || m.group(1).length() > 16 || m.group(2).length() > 16) {
                diagnostics.add(Diagnostic.at(input, number, "not an iomem line: '" + line.strip() + "'"));
                continue;
            }
            if (m.group(3).strip().equals(HMM)) {
                long start = Long.parseUnsignedLong(m.group(1), 16);
                long end = Long.parseUnsignedLong(m.group(2), 16);
                out.add(new HmmRegion(start, end, start == 0 && end == 0, Provenance.at(input, number)));
            }
        }
        return out;
    }
}
