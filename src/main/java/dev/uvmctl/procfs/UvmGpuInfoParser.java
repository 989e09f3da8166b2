package dev.uvmctl.procfs;

import dev.uvmctl.shared.Diagnostic;
import dev.uvmctl.shared.Provenance;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses a UVM GPU {@code info} file. The first line changed with releases:
 * {@code GPU ID 1: <RM name>: UVM-GPU-<uuid>} (515-545), {@code GPU ID 1: UVM-GPU-<uuid>} (550.40.07),
 * {@code GPU ID 1: GPU-<uuid> UVM-GI-<uuid>} (550.40.53-560), {@code GPU ID 1: GPU-<uuid> GI-<uuid>}
 * (565+). Then {@code key<spaces>value} lines with values from column 40.
 */
public final class UvmGpuInfoParser {
    private static final Pattern HEADER = Pattern.compile("GPU ID (\\d+): (.*)");
    private static final String UUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
    private static final Pattern GPU_UUID = Pattern.compile("(?:UVM-)?GPU-(" + UUID + ")");
    private static final Pattern GI_UUID = Pattern.compile("(?:UVM-)?GI-(" + UUID + ")");
    private static final Pattern KEY_VALUE = Pattern.compile("(\\S(?:.*?\\S)?)\\s{2,}(\\S.*)|(\\S+)\\s+(\\S.*)");

    private UvmGpuInfoParser() {
    }

    public static UvmGpuInfo parse(String text, String directory, String input, List<Diagnostic> diagnostics) {
        Integer id = null;
        String name = null;
        String gpu = null;
        String instance = null;
        Long retained = null;
        Provenance retainedOrigin = null;
        String ecc = null;
        String numa = null;
        Map<String, String> other = new LinkedHashMap<>();
        int diagnosed = diagnostics.size();
        long number = 0;
        for (String line : text.split("\n")) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            Matcher h = HEADER.matcher(line);
            if (number == 1 && h.matches()) {
                id = Integer.valueOf(h.group(1));
                String rest = h.group(2);
                Matcher g = GPU_UUID.matcher(rest);
                if (g.find()) {
                    gpu = "GPU-" + g.group(1);
                    int colon = rest.lastIndexOf(": ", g.start());
                    name = colon > 0 ? rest.substring(0, colon) : null;
                }
                Matcher gi = GI_UUID.matcher(rest);
                if (gi.find()) {
                    instance = "GI-" + gi.group(1);
                }
                continue;
            }
            if (number == 1) {
                diagnostics.add(Diagnostic.at(input, 1, "first line is not 'GPU ID n: ...': '" + line.strip() + "'"));
            }
            Matcher kv = KEY_VALUE.matcher(line.strip());
            if (!kv.matches()) {
                other.put(line.strip(), "");
                continue;
            }
            String key = kv.group(1) != null ? kv.group(1) : kv.group(3);
            String value = (kv.group(2) != null ? kv.group(2) : kv.group(4)).strip();
            switch (key) {
                case "retained_count" -> {
                    try {
                        retained = Long.valueOf(value);
                        retainedOrigin = Provenance.at(input, number);
                    } catch (NumberFormatException e) {
                        diagnostics.add(Diagnostic.at(input, number, "retained_count is not a number: '" + value + "'"));
                    }
                }
                case "ecc" -> ecc = value;
                case "closest_cpu_numa_node" -> numa = value;
                default -> other.put(key, value);
            }
        }
        // Only when nothing was said about this file already: the list is the whole snapshot's.
        if (retained == null && diagnostics.size() == diagnosed) {
            diagnostics.add(Diagnostic.of(input, "no retained_count line"));
        }
        return new UvmGpuInfo(directory, id, name, gpu, instance, retained, retainedOrigin, ecc, numa, Map.copyOf(other),
            Provenance.of(input));
    }
}
