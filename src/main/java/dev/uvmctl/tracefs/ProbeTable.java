package dev.uvmctl.tracefs;

import dev.uvmctl.params.DriverVersion;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The probes of {@code uvmctl trace} per driver release and architecture, read from
 * {@code probes.tsv} beside this class: each line a {@code kprobe_events} definition or a
 * tracepoint, the releases {@code [since, until)} it is right for, and what it gives the model.
 * Offset-based probes depend on the release (the migration data moved in 550.40.07 and 580.65.06,
 * uvm_perf_events.h); a release the table does not know is given both candidate layouts, which the
 * values read at run time tell apart.
 */
public final class ProbeTable {
    /** The kprobe group of uvmctl's own events. */
    public static final String GROUP = "uvmctl";
    /** The probe whose offsets depend on the release. */
    static final String MIGRATE = "uvm_migrate";

    private record Row(Probe probe, DriverVersion since, DriverVersion until, boolean forUnknown, String arch) {
    }

    /**
     * What is to be probed on one driver. {@code layout}: the releases whose migration layout the
     * {@code uvm_migrate} probe reads ({@code 580.65.06..}), or {@code unknown} when both candidates
     * are installed.
     */
    public record Selection(DriverVersion release, boolean releaseKnown, String arch, String layout, List<Probe> probes) {
    }

    private final List<Row> rows;
    private final DriverVersion checkedThrough;
    private final DriverVersion first;

    private ProbeTable(List<Row> rows, DriverVersion checkedThrough) {
        this.rows = rows;
        this.checkedThrough = checkedThrough;
        this.first = rows.stream().filter(r -> r.since() != null).map(Row::since).min(DriverVersion::compareTo).orElseThrow();
    }

    public static ProbeTable load() {
        try (InputStream in = ProbeTable.class.getResourceAsStream("probes.tsv")) {
            return parse(new String(Objects.requireNonNull(in, "probes.tsv").readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ProbeTable parse(String text) throws IOException {
        List<Row> rows = new ArrayList<>();
        DriverVersion checked = null;
        List<String> columns = null;
        try (BufferedReader r = new BufferedReader(new java.io.StringReader(text))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.startsWith("#! checked-through\t")) {
                    checked = DriverVersion.of(line.substring(line.indexOf('\t') + 1));
                    continue;
                }
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                List<String> cells = Arrays.asList(line.split("\t", -1));
                if (columns == null) {
                    columns = cells;
                    continue;
                }
                rows.add(row(columns, cells));
            }
        }
        return new ProbeTable(List.copyOf(rows), Objects.requireNonNull(checked, "no '#! checked-through' line"));
    }

    private static Row row(List<String> columns, List<String> cells) {
        java.util.function.Function<String, String> at = c -> cells.get(columns.indexOf(c));
        String since = at.apply("since");
        String until = at.apply("until");
        boolean unknown = since.equals("unknown");
        List<String> feeds = at.apply("feeds").equals("-") ? List.of() : List.of(at.apply("feeds").split(","));
        String about = "fields: " + at.apply("fields") + "; check: " + at.apply("check") + "; " + at.apply("source");
        Probe p = new Probe(at.apply("name"), Probe.Kind.valueOf(at.apply("kind")), at.apply("definition"),
            at.apply("filter").equals("-") ? null : at.apply("filter"), feeds, about, at.apply("needs").equals("HMM"));
        return new Row(p, unknown ? null : DriverVersion.of(since), unknown || until.equals("-") ? null : DriverVersion.of(until), unknown,
            at.apply("arch"));
    }

    /** The newest release whose source the offsets were checked against. */
    public DriverVersion checkedThrough() {
        return checkedThrough;
    }

    /** The oldest release the table covers. */
    public DriverVersion first() {
        return first;
    }

    /** The architectures the table has probes for ({@code uname -m} names). */
    public List<String> architectures() {
        return rows.stream().map(Row::arch).distinct().toList();
    }

    /**
     * The probes for {@code release} on {@code arch}. A release older than the table covers has
     * none; a null release, or one newer than {@link #checkedThrough()}, gets the release-independent
     * probes and both candidate migration layouts.
     */
    public Selection select(DriverVersion release, String arch) {
        boolean known = release != null && !release.isAfter(checkedThrough);
        List<Probe> out = new ArrayList<>();
        String layout = "unknown";
        if (release != null && release.isBefore(first)) {
            return new Selection(release, true, arch, "none", List.of());
        }
        for (Row r : rows) {
            if (!r.arch().equals(arch)) {
                continue;
            }
            boolean allReleases = r.since() != null && r.since().equals(first) && r.until() == null;
            boolean take = known ? !r.forUnknown() && !release.isBefore(r.since()) && (r.until() == null || release.isBefore(r.until()))
                : r.forUnknown() || allReleases && out.stream().noneMatch(p -> p.name().equals(r.probe().name()));
            if (take && out.stream().noneMatch(p -> p.name().equals(r.probe().name()))) {
                out.add(r.probe());
                if (known && r.probe().name().equals(MIGRATE)) {
                    layout = r.since() + ".." + (r.until() == null ? "" : r.until());
                }
            }
        }
        return new Selection(release, known, arch, layout, List.copyOf(out));
    }
}
