package dev.uvmctl.params;

import dev.uvmctl.shared.EditDistance;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every nvidia-uvm module parameter of releases 515.43.04 to 595.45.04, read from the catalog
 * resource {@code uvm-module-params.tsv} (facts read from the driver's source in
 * NVIDIA/open-gpu-kernel-modules; the summaries are ours).
 */
public final class ParamCatalog {
    /** The releases the catalog was built from; outside them defaults are unknown. */
    public static final VersionRange COVERED = VersionRange.parse("515.43.04..595.45.04");

    private static final String RESOURCE = "/dev/uvmctl/params/uvm-module-params.tsv";
    private static final Pattern ARCH_TABLE = Pattern.compile("^(x86_64|aarch64)\\b[^:]*by tag: (.*)$");
    private static final Pattern RANGE_VALUE = Pattern.compile("^(\\S+) in (\\S+\\.\\.\\S+)$");
    private static final Pattern PRESENT = Pattern.compile("^present in tag runs (.*?)(?: \\(.*\\))?$");
    private static final Pattern DEBUG = Pattern.compile("^debug/develop build: (\\S+)");
    private static final Pattern NOTE_SEPARATOR = Pattern.compile(" \\| ");
    private static final Pattern RUN_SEPARATOR = Pattern.compile(", ");
    private static final Pattern TABLE_SEPARATOR = Pattern.compile("; ");

    private final Map<String, ParamSpec> byName;

    private ParamCatalog(Map<String, ParamSpec> byName) {
        this.byName = Collections.unmodifiableMap(byName);
    }

    public static ParamCatalog load() {
        try (InputStream in = ParamCatalog.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("catalog resource missing from the jar: " + RESOURCE);
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ParamCatalog parse(BufferedReader reader) throws IOException {
        Map<String, ParamSpec> specs = new LinkedHashMap<>();
        String header = reader.readLine();
        if (header == null || !header.startsWith("name\ttype\t")) {
            throw new IllegalStateException("catalog has no header");
        }
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            if (!line.isBlank()) {
                ParamSpec spec = row(line.split("\t", -1));
                specs.put(spec.name(), spec);
            }
        }
        return new ParamCatalog(specs);
    }

    private static ParamSpec row(String[] f) {
        String notes = f[3];
        DriverVersion first = DriverVersion.of(f[5]);
        DriverVersion last = DriverVersion.of(f[6]);
        Map<Arch, List<ParamSpec.RangeDefault>> tables = new EnumMap<>(Arch.class);
        List<VersionRange> present = new ArrayList<>();
        String debug = null;
        for (String segment : NOTE_SEPARATOR.split(notes)) {
            String s = segment.trim();
            Matcher arch = ARCH_TABLE.matcher(s);
            Matcher runs = PRESENT.matcher(s);
            Matcher dbg = DEBUG.matcher(s);
            if (arch.matches()) {
                tables.put(Arch.valueOf(arch.group(1)), rangeDefaults(arch.group(2)));
            } else if (runs.matches()) {
                for (String r : RUN_SEPARATOR.split(runs.group(1))) {
                    present.add(VersionRange.parse(r));
                }
            } else if (dbg.find()) {
                debug = dbg.group(1);
            }
        }
        if (present.isEmpty()) {
            present.add(new VersionRange(first, last));
        }
        return ParamSpec.builder()
            .name(f[0])
            .type(ParamType.parse(f[1]).orElseThrow(() -> new IllegalStateException("type " + f[1])))
            .defaultValue(f[2])
            .notes(notes)
            .mode(Integer.parseInt(f[4], 8))
            .firstRelease(first)
            .lastRelease(last)
            .sourceFile(f[7])
            .summary(f[8])
            .defaultsByArch(tables)
            .smallPageAarch64LikeX86(notes.contains("4K-page aarch64 same as x86_64"))
            .debugDefault(debug)
            .presentIn(List.copyOf(present))
            .build();
    }

    private static List<ParamSpec.RangeDefault> rangeDefaults(String table) {
        List<ParamSpec.RangeDefault> out = new ArrayList<>();
        for (String part : TABLE_SEPARATOR.split(table)) {
            Matcher m = RANGE_VALUE.matcher(part.trim());
            if (!m.matches()) {
                throw new IllegalStateException("catalog default table entry: " + part);
            }
            out.add(new ParamSpec.RangeDefault(VersionRange.parse(m.group(2)), m.group(1)));
        }
        return out;
    }

    public Optional<ParamSpec> get(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public Collection<ParamSpec> all() {
        return byName.values();
    }

    /** The catalog name nearest to {@code name}, for "did you mean" hints on typos. */
    public Optional<String> closest(String name) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : byName.keySet()) {
            int d = EditDistance.between(name, candidate);
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        return bestDistance <= Math.max(2, name.length() / 6) ? Optional.ofNullable(best) : Optional.empty();
    }
}
