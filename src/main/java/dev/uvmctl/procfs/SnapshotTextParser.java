package dev.uvmctl.procfs;

import dev.uvmctl.shared.Diagnostic;
import dev.uvmctl.shared.Provenance;
import dev.uvmctl.source.LineReader;
import dev.uvmctl.shared.PciAddress;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the va-spaces text snapshot that {@link SnapshotTextWriter} writes. Tolerant: a record it
 * does not know, or one missing a field it needs, becomes a diagnostic with the line number and
 * the rest is read; a file that is not a snapshot at all is read as a driver {@code va_spaces} listing.
 */
public final class SnapshotTextParser {
    private final String input;
    private final List<Diagnostic> diagnostics = new ArrayList<>();
    private final List<String> missing = new ArrayList<>();
    private final Map<Integer, ProcessStatus> processes = new TreeMap<>();
    private final Map<Integer, HolderBuilder> holders = new TreeMap<>();
    private final List<Unreadable> unreadable = new ArrayList<>();
    private final List<OpenFileComparisons.Answer> sameFiles = new ArrayList<>();
    private String sameFilesSource;
    private final Map<String, UvmBuilder> uvm = new LinkedHashMap<>();
    private final List<NvidiaGpuInformation> gpus = new ArrayList<>();
    private final List<SmiBuilder> smi = new ArrayList<>();
    private final List<String> smiNotes = new ArrayList<>();
    private List<HmmRegion> hmm;
    private DriverBuilder driver;
    private Map<String, String> capture = Map.of();
    private int read;
    private int vanished;
    private String failure;
    private long number;

    private SnapshotTextParser(String input) {
        this.input = input;
    }

    /** The snapshot in {@code in}; {@code input} names it in diagnostics. */
    public static SystemSnapshot parse(InputStream in, String input) throws IOException {
        SnapshotTextParser p = new SnapshotTextParser(input);
        StringBuilder raw = new StringBuilder();
        boolean snapshot = false;
        try (LineReader reader = new LineReader(in)) {
            LineReader.Line line;
            while ((line = reader.next()) != null) {
                p.number = line.number();
                String text = line.text();
                if (!snapshot) {
                    raw.append(text).append('\n');
                }
                if (text.isBlank() || text.startsWith("#")) {
                    continue;
                }
                if (!snapshot) {
                    if (!text.startsWith(SnapshotTextWriter.MAGIC)) {
                        return p.driverListing(raw, reader);
                    }
                    snapshot = true;
                    Map<String, String> f = fields(text);
                    if (!SnapshotTextWriter.VERSION.equals(f.get("version"))) {
                        p.diagnose("snapshot version " + f.get("version") + ", this uvmctl reads version " + SnapshotTextWriter.VERSION
                            + ": records it does not know are skipped");
                    }
                    continue;
                }
                p.record(text, line.truncated());
            }
        }
        if (!snapshot) {
            p.missing.add(input + " is empty: no va-spaces snapshot in it");
        }
        return p.build();
    }

    /** Not our format: read it as a driver-provided listing, with the tolerant reader. */
    private SystemSnapshot driverListing(StringBuilder head, LineReader reader) throws IOException {
        LineReader.Line line;
        while ((line = reader.next()) != null) {
            head.append(line.text()).append('\n');
        }
        DriverVaSpaces d = DriverVaSpacesParser.parse(head.toString(), input);
        diagnostics.add(Diagnostic.at(input, 1, "not a uvmctl va-spaces snapshot: read as a driver va_spaces listing"));
        return SystemSnapshot.withoutCapture("the file " + input)
            .driverVaSpaces(d)
            .diagnostics(List.copyOf(diagnostics))
            .missing(List.of(input + " is not a uvmctl va-spaces snapshot: processes, GPUs and nvidia-smi are unknown"))
            .build();
    }

    private void record(String text, boolean truncated) {
        if (truncated) {
            diagnose("a line longer than " + LineReader.MAX_LINE + " bytes: skipped");
            return;
        }
        int tab = text.indexOf('\t');
        String kind = tab < 0 ? text : text.substring(0, tab);
        Map<String, String> f = fields(text);
        try {
            switch (kind) {
                case "capture" -> capture = f;
                case "scan" -> {
                    read = integer(f, "read");
                    vanished = integer(f, "vanished");
                    failure = f.get("failure");
                }
                case "same-file" -> {
                    sameFiles.add(new OpenFileComparisons.Answer(integer(f, "pid_a"), integer(f, "fd_a"), integer(f, "pid_b"), integer(f, "fd_b"),
                        Boolean.parseBoolean(need(f, "same"))));
                    sameFilesSource = need(f, "by");
                }
                case "unreadable" -> unreadable.add(new Unreadable(integer(f, "pid"), f.get("comm"), need(f, "path"), need(f, "reason")));
                case "process" -> {
                    int pid = integer(f, "pid");
                    processes.put(pid, new ProcessStatus(pid, need(f, "name"), need(f, "state"), optInt(f, "ppid"), optInt(f, "tgid"),
                        optInt(f, "uid"), intList(f.get("nspid")), optInt(f, "threads"), Provenance.of(need(f, "src")), optInt(f, "pgrp"), optInt(f, "session")));
                }
                case "holder" -> holder(integer(f, "pid")).fields = f;
                case "holder-unreadable" -> holder(integer(f, "pid")).unreadable.add(need(f, "text"));
                case "fd" -> holder(integer(f, "pid")).fds.add(new FdLink(integer(f, "fd"), need(f, "target"), device(need(f, "target")),
                    f.get("flags") == null ? null : Long.parseLong(f.get("flags"), 8), Provenance.of(need(f, "src"))));
                case "range" -> holder(integer(f, "pid")).ranges.add(new MapsRange(hex(f, "start"), hex(f, "end"), need(f, "perms"),
                    hex(f, "offset"), need(f, "dev"), Long.parseLong(need(f, "inode")), need(f, "path"),
                    Provenance.at(need(f, "src"), Long.parseLong(need(f, "line")))));
                case "task" -> holder(integer(f, "pid")).tasks.add(new TaskState(integer(f, "pid"), integer(f, "tid"), f.get("name"),
                    need(f, "state"), f.get("wchan"), strings(f.get("stack")), Provenance.of(need(f, "src"))));
                case "uvm-gpu" -> uvm.put(need(f, "dir"), new UvmBuilder(f));
                case "uvm-gpu-field" -> {
                    UvmBuilder u = uvm.get(need(f, "dir"));
                    if (u == null) {
                        diagnose("uvm-gpu-field for a directory without a uvm-gpu record: skipped");
                    } else {
                        u.other.put(need(f, "key"), f.getOrDefault("value", ""));
                    }
                }
                case "gpu" -> gpus.add(new NvidiaGpuInformation(bus(f.get("bus")), f.get("model"), f.get("uuid"), optInt(f, "minor"),
                    f.get("excluded") == null ? null : Boolean.valueOf(f.get("excluded")), Provenance.of(need(f, "src"))));
                case "iomem" -> hmm = hmm == null ? new ArrayList<>() : hmm;
                case "hmm" -> {
                    hmm = hmm == null ? new ArrayList<>() : hmm;
                    hmm.add(new HmmRegion(hex(f, "start"), hex(f, "end"), Boolean.parseBoolean(f.get("hidden")),
                        Provenance.at(need(f, "src"), Long.parseLong(need(f, "line")))));
                }
                case "smi" -> smi.add(new SmiBuilder(f));
                case "smi-gpu", "smi-process", "smi-mig", "smi-unreachable" -> smiRow(kind, f);
                case "smi-note" -> smiNotes.add(need(f, "text"));
                case "driver-va-spaces" -> driver = new DriverBuilder(need(f, "input"), Long.parseLong(need(f, "unrecognised")));
                case "driver-va-space", "driver-range" -> driverRow(kind, f);
                case "diagnostic" -> diagnostics.add(Diagnostic.at(need(f, "input"), Long.parseLong(need(f, "line")), need(f, "message")));
                case "missing" -> missing.add(need(f, "text"));
                default -> diagnose("unknown record '" + kind + "': skipped");
            }
        } catch (IllegalArgumentException e) {
            diagnose(kind + " record: " + e.getMessage() + ": skipped");
        }
    }

    private void smiRow(String kind, Map<String, String> f) {
        if (smi.isEmpty()) {
            throw new IllegalArgumentException("no smi record before it");
        }
        SmiBuilder s = smi.get(smi.size() - 1);
        Provenance origin = Provenance.at(s.f.get("input"), Long.parseLong(need(f, "line")));
        switch (kind) {
            case "smi-gpu" -> s.gpus.add(new SmiGpu(optInt(f, "index"), f.get("uuid"), bus(f.get("bus")), f.get("name"), optLong(f, "total"),
                optLong(f, "reserved"), optLong(f, "used"), optLong(f, "free"), f.get("note"), origin));
            case "smi-process" -> s.processes.add(new SmiProcess(optInt(f, "gpu_index"), f.get("gpu_uuid"), bus(f.get("gpu_bus")), f.get("gi"),
                f.get("ci"), optInt(f, "pid"), f.get("type"), f.get("name"), optLong(f, "used"), f.get("note"), origin));
            case "smi-unreachable" -> s.unreachable.add(new SmiSnapshot.Unreachable(bus(need(f, "bus")), need(f, "reason"), origin));
            default -> s.mig.add(new SmiMigDevice(optInt(f, "gpu_index"), f.get("gi"), f.get("ci"), f.get("dev"), optLong(f, "used"),
                optLong(f, "total"), origin));
        }
    }

    private void driverRow(String kind, Map<String, String> f) {
        if (driver == null) {
            throw new IllegalArgumentException("no driver-va-spaces record before it");
        }
        Provenance origin = Provenance.at(driver.input, Long.parseLong(need(f, "line")));
        if (kind.equals("driver-va-space")) {
            driver.entries.add(new EntryBuilder(need(f, "label"), optInt(f, "pid"), origin));
        } else if (driver.entries.isEmpty()) {
            throw new IllegalArgumentException("a range before any driver-va-space");
        } else {
            driver.entries.get(driver.entries.size() - 1).ranges.add(new DriverVaSpaces.Range(hex(f, "start"), hex(f, "end"), origin));
        }
    }

    private HolderBuilder holder(int pid) {
        return holders.computeIfAbsent(pid, k -> new HolderBuilder());
    }

    private SystemSnapshot build() {
        List<HolderProcess> built = new ArrayList<>();
        for (Map.Entry<Integer, HolderBuilder> e : holders.entrySet()) {
            int pid = e.getKey();
            HolderBuilder h = e.getValue();
            ProcessStatus status = processes.get(pid);
            if (status == null || h.fields == null) {
                diagnostics.add(Diagnostic.of(input, "PID " + pid + " has records but no " + (status == null ? "process" : "holder")
                    + " record: left out"));
                continue;
            }
            built.add(new HolderProcess(pid, status, stat(h.fields), h.fields.get("cmdline"), cgroup(h.fields), h.fields.get("ns"),
                List.copyOf(h.fds), List.copyOf(h.ranges), List.copyOf(h.tasks), optInt(h.fields, "threads_read") == null ? 0
                : optInt(h.fields, "threads_read"), List.copyOf(h.unreadable)));
        }
        ProcessScan scan = new ProcessScan(read, List.copyOf(processes.values()), List.copyOf(built), List.copyOf(unreadable), vanished,
            List.of(), failure);
        CaptureInfo c = new CaptureInfo(capture.get("captured_at"), capture.get("host"), capture.get("kernel"),
            capture.get("uptime") == null ? null : Double.valueOf(capture.get("uptime")), capture.get("boot_id"), capture.get("pid_ns"),
            capture.get("container"),
            Boolean.parseBoolean(capture.get("live")));
        List<SmiSnapshot> smiSnapshots = new ArrayList<>();
        for (SmiBuilder s : smi) {
            smiSnapshots.add(new SmiSnapshot(SmiSnapshot.Format.valueOf(s.f.get("format")), s.f.get("input"), s.f.get("driver"), s.f.get("time"),
                List.copyOf(s.gpus), List.copyOf(s.processes), SmiSnapshot.ProcessPanel.valueOf(s.f.get("panel")), List.copyOf(s.mig),
                List.copyOf(s.unreachable)));
        }
        Boolean vaSpaceMm = vaSpaceMm(capture.get("va_space_mm"));
        return SystemSnapshot.builder()
            .source(capture.getOrDefault("source", "the snapshot " + input))
            .capture(c)
            .scan(scan)
            .uvmLoaded(Boolean.parseBoolean(capture.get("uvm_loaded")))
            .uvmGpus(uvm.values().stream().map(UvmBuilder::build).toList())
            .gpus(List.copyOf(gpus))
            .hmm(hmm == null ? null : List.copyOf(hmm))
            .smi(List.copyOf(smiSnapshots))
            .smiNotes(List.copyOf(smiNotes))
            .driverVaSpaces(driver == null ? null : driver.build())
            .diagnostics(List.copyOf(diagnostics))
            .missing(List.copyOf(missing))
            .sameFiles(sameFiles.isEmpty() ? OpenFileComparisons.NONE : new OpenFileComparisons(sameFilesSource, List.copyOf(sameFiles)))
            .vaSpaceMm(vaSpaceMm)
            .build();
    }

    private ProcessStat stat(Map<String, String> f) {
        String s = f.get("stat");
        if (s == null) {
            return null;
        }
        String[] p = s.split(",");
        if (p.length != 6) {
            diagnose("holder stat '" + s + "' does not have 6 fields: left out");
            return null;
        }
        return new ProcessStat(Integer.parseInt(p[0]), p[1], Integer.parseInt(p[2]), Integer.parseInt(p[3]), Integer.parseInt(p[4]),
            Long.parseLong(p[5]), Provenance.at(f.getOrDefault("stat_src", input), 1));
    }

    private CgroupInfo cgroup(Map<String, String> f) {
        String path = f.get("cgroup");
        if (path == null) {
            return null;
        }
        return CgroupParser.describe(path, Provenance.at(f.getOrDefault("cgroup_src", input), Long.parseLong(f.getOrDefault("cgroup_line", "0"))));
    }

    private void diagnose(String message) {
        diagnostics.add(Diagnostic.at(input, number, message));
    }

    /** A holder's records, gathered by pid. */
    private static final class HolderBuilder {
        Map<String, String> fields;
        final List<String> unreadable = new ArrayList<>();
        final List<FdLink> fds = new ArrayList<>();
        final List<MapsRange> ranges = new ArrayList<>();
        final List<TaskState> tasks = new ArrayList<>();
    }

    /** A UVM GPU record and its extra fields. */
    private static final class UvmBuilder {
        final Map<String, String> f;
        final Map<String, String> other = new HashMap<>();

        UvmBuilder(Map<String, String> f) {
            this.f = f;
        }

        UvmGpuInfo build() {
            String src = f.get("src");
            Long retained = optLong(f, "retained");
            return new UvmGpuInfo(f.get("dir"), optInt(f, "id"), f.get("name"), f.get("uuid"), f.get("gi"), retained,
                f.get("retained_line") == null ? null : Provenance.at(src, Long.parseLong(f.get("retained_line"))), f.get("ecc"), f.get("numa"),
                Map.copyOf(other), Provenance.of(src));
        }
    }

    /** One nvidia-smi output and its rows. */
    private static final class SmiBuilder {
        final Map<String, String> f;
        final List<SmiGpu> gpus = new ArrayList<>();
        final List<SmiProcess> processes = new ArrayList<>();
        final List<SmiMigDevice> mig = new ArrayList<>();
        final List<SmiSnapshot.Unreachable> unreachable = new ArrayList<>();

        SmiBuilder(Map<String, String> f) {
            this.f = f;
            SmiSnapshot.Format.valueOf(need(f, "format"));
            SmiSnapshot.ProcessPanel.valueOf(need(f, "panel"));
            need(f, "input");
        }
    }

    /** The driver listing and its entries. */
    private static final class DriverBuilder {
        final String input;
        final long unrecognised;
        final List<EntryBuilder> entries = new ArrayList<>();

        DriverBuilder(String input, long unrecognised) {
            this.input = input;
            this.unrecognised = unrecognised;
        }

        DriverVaSpaces build() {
            return new DriverVaSpaces(input, entries.stream().map(e -> new DriverVaSpaces.Entry(e.label, e.pid, List.copyOf(e.ranges),
                e.origin)).toList(), unrecognised);
        }
    }

    /** One va_space of the driver listing and its ranges. */
    private static final class EntryBuilder {
        final String label;
        final Integer pid;
        final Provenance origin;
        final List<DriverVaSpaces.Range> ranges = new ArrayList<>();

        EntryBuilder(String label, Integer pid, Provenance origin) {
            this.label = label;
            this.pid = pid;
            this.origin = origin;
        }
    }

    static Map<String, String> fields(String line) {
        Map<String, String> f = new HashMap<>();
        String[] parts = line.split("\t");
        for (int i = 1; i < parts.length; i++) {
            int eq = parts[i].indexOf('=');
            if (eq > 0) {
                f.put(parts[i].substring(0, eq), unescape(parts[i].substring(eq + 1)));
            }
        }
        String[] first = parts[0].split(" ");
        for (int i = 1; i < first.length; i++) {
            int eq = first[i].indexOf('=');
            if (eq > 0) {
                f.put(first[i].substring(0, eq), first[i].substring(eq + 1));
            }
        }
        return f;
    }

    static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 == s.length()) {
                b.append(c);
                continue;
            }
            char n = s.charAt(++i);
            switch (n) {
                case 't' -> b.append('\t');
                case 'n' -> b.append('\n');
                case 'r' -> b.append('\r');
                case 'x' -> {
                    if (i + 2 < s.length()) {
                        b.append((char) Integer.parseInt(s.substring(i + 1, i + 3), 16));
                        i += 2;
                    } else {
                        b.append("\\x");
                    }
                }
                default -> b.append(n);
            }
        }
        return b.toString();
    }

    private static String need(Map<String, String> f, String key) {
        String v = f.get(key);
        if (v == null) {
            throw new IllegalArgumentException("no " + key);
        }
        return v;
    }

    private static int integer(Map<String, String> f, String key) {
        return Integer.parseInt(need(f, key));
    }

    /** The capture's {@code va_space_mm} (whether the driver made mm fds, as the writer had it): 1, 0, or absent for unknown. */
    private Boolean vaSpaceMm(String value) {
        if (value == null) {
            return null;
        }
        return switch (value) {
            case "1" -> Boolean.TRUE;
            case "0" -> Boolean.FALSE;
            default -> {
                diagnostics.add(Diagnostic.of(input, "the capture record's va_space_mm=" + value + " is neither 0 nor 1: whether the driver "
                    + "made mm fds is unknown, so the default (it did) is assumed"));
                yield null;
            }
        };
    }

    private static Integer optInt(Map<String, String> f, String key) {
        return f.get(key) == null ? null : Integer.valueOf(f.get(key));
    }

    private static Long optLong(Map<String, String> f, String key) {
        return f.get(key) == null ? null : Long.valueOf(f.get(key));
    }

    private static long hex(Map<String, String> f, String key) {
        String v = need(f, key);
        return Long.parseUnsignedLong(v.startsWith("0x") ? v.substring(2) : v, 16);
    }

    private static List<Integer> intList(String s) {
        if (s == null || s.isEmpty()) {
            return List.of();
        }
        List<Integer> out = new ArrayList<>();
        for (String p : s.split(",")) {
            out.add(Integer.valueOf(p));
        }
        return List.copyOf(out);
    }

    private static List<String> strings(String s) {
        return s == null || s.isEmpty() ? List.of() : List.of(s.split(","));
    }

    private static PciAddress bus(String s) {
        return s == null ? null : PciAddress.parse(s).orElseThrow(() -> new IllegalArgumentException("not a PCI address: " + s));
    }

    private static DeviceFile device(String target) {
        DeviceFile d = DeviceFile.of(target);
        if (d == null) {
            throw new IllegalArgumentException("not an NVIDIA device: " + target);
        }
        return d;
    }
}
