package dev.uvmctl.procfs;

import dev.uvmctl.shared.Diagnostic;
import dev.uvmctl.shared.PciAddress;
import dev.uvmctl.shared.Provenance;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses {@code nvidia-smi --query-gpu=... --format=csv} and {@code --query-compute-apps=...
 * --format=csv} (units or {@code nounits}). Columns are found by the header's names, in any order
 * and with any subset; nvidia-smi does not quote values, so a process name holding {@code ", "}
 * takes the surplus fields. Lines before the header (a pasted prompt) and rows that do not fit
 * become diagnostics.
 */
public final class NvidiaSmiCsvParser {
    private NvidiaSmiCsvParser() {
    }

    /** The output, or null (with a diagnostic) when no line is a known header. */
    public static SmiSnapshot parse(String text, String input, List<Diagnostic> diagnostics) {
        String[] lines = text.split("\n");
        List<SmiSnapshot.Unreachable> unreachable = new ArrayList<>();
        int failures = 0;
        int header = -1;
        for (int i = 0; i < lines.length && header < 0; i++) {
            List<String> names = fields(lines[i]).stream().map(NvidiaSmiCsvParser::column).toList();
            if (names.contains("pid") || names.contains("uuid") || names.contains("index") || names.contains("pci.bus_id")
                || names.contains("gpu_uuid")) {
                header = i;
            } else if (SmiValues.failure(lines[i], input, i + 1, unreachable, diagnostics)) {
                failures++;
            } else if (names.stream().anyMatch(n -> n.startsWith("memory."))) {
                diagnostics.add(Diagnostic.at(input, i + 1, "an nvidia-smi --query-gpu header without index, uuid or pci.bus_id: "
                    + "its rows name no GPU, so they are not read: '" + lines[i].strip() + "'"));
            } else if (!lines[i].isBlank()) {
                diagnostics.add(Diagnostic.at(input, i + 1, "not nvidia-smi CSV output: '" + lines[i].strip() + "'"));
            }
        }
        if (header < 0) {
            if (failures == 0) {
                diagnostics.add(Diagnostic.of(input, "no nvidia-smi CSV header (output of --format=csv,noheader cannot be read: its columns are unknown)"));
            }
            // Which query it answered is unknown; what it says is only which GPUs it could not reach.
            return unreachable.isEmpty() ? null : new SmiSnapshot(SmiSnapshot.Format.query_gpu_csv, input, null, null, List.of(),
                List.of(), SmiSnapshot.ProcessPanel.absent, List.of(), List.copyOf(unreachable));
        }
        List<String> columns = fields(lines[header]).stream().map(NvidiaSmiCsvParser::column).toList();
        boolean apps = columns.contains("pid") || columns.contains("process_name") || columns.contains("gpu_uuid");
        int nameColumn = columns.indexOf(apps ? "process_name" : "name");
        List<SmiGpu> gpus = new ArrayList<>();
        List<SmiProcess> processes = new ArrayList<>();
        boolean unread = false;
        for (int i = header + 1; i < lines.length; i++) {
            if (lines[i].isBlank() || SmiValues.failure(lines[i], input, i + 1, unreachable, diagnostics)) {
                continue;
            }
            List<String> values = fields(lines[i]);
            if (values.size() > columns.size() && nameColumn >= 0) {
                int surplus = values.size() - columns.size();
                String joined = String.join(", ", values.subList(nameColumn, nameColumn + surplus + 1));
                List<String> merged = new ArrayList<>(values.subList(0, nameColumn));
                merged.add(joined);
                merged.addAll(values.subList(nameColumn + surplus + 1, values.size()));
                values = merged;
            }
            if (values.size() != columns.size()) {
                diagnostics.add(Diagnostic.at(input, i + 1, values.size() + " fields, the header has " + columns.size()
                    + ": '" + lines[i].strip() + "'"));
                unread = true;
                continue;
            }
            Provenance origin = Provenance.at(input, i + 1);
            if (apps) {
                processes.add(process(columns, values, origin, diagnostics));
            } else {
                gpus.add(gpu(columns, values, origin, diagnostics));
            }
        }
        return new SmiSnapshot(apps ? SmiSnapshot.Format.query_compute_apps_csv : SmiSnapshot.Format.query_gpu_csv, input,
            null, null, List.copyOf(gpus), List.copyOf(processes),
            apps ? (unread ? SmiSnapshot.ProcessPanel.partly_read
                : processes.isEmpty() ? SmiSnapshot.ProcessPanel.none_found : SmiSnapshot.ProcessPanel.listed)
                : SmiSnapshot.ProcessPanel.absent, List.of(), List.copyOf(unreachable));
    }

    private static SmiGpu gpu(List<String> columns, List<String> v, Provenance origin, List<Diagnostic> diagnostics) {
        List<String> notes = new ArrayList<>();
        Integer index = integer(get(columns, v, "index"));
        String bus = get(columns, v, "pci.bus_id");
        PciAddress address = bus == null ? null : PciAddress.parse(bus).orElse(null);
        if (bus != null && address == null) {
            diagnostics.add(Diagnostic.at(origin.input(), origin.line(), "pci.bus_id is not a PCI address: '" + bus + "'"));
        }
        return new SmiGpu(index, get(columns, v, "uuid"), address, get(columns, v, "name"),
            memory(columns, v, "memory.total", notes), memory(columns, v, "memory.reserved", notes),
            memory(columns, v, "memory.used", notes), memory(columns, v, "memory.free", notes),
            notes.isEmpty() ? null : String.join("; ", notes), origin);
    }

    private static SmiProcess process(List<String> columns, List<String> v, Provenance origin, List<Diagnostic> diagnostics) {
        List<String> notes = new ArrayList<>();
        String pidText = get(columns, v, "pid");
        Integer pid = integer(pidText);
        if (pidText != null && pid == null) {
            diagnostics.add(Diagnostic.at(origin.input(), origin.line(), "pid is not a number: '" + pidText + "'"));
        }
        Long used = memory(columns, v, "used_gpu_memory", notes);
        if (used == null && columns.contains("used_memory")) {
            used = memory(columns, v, "used_memory", notes);
        }
        String bus = get(columns, v, "gpu_bus_id");
        return new SmiProcess(null, get(columns, v, "gpu_uuid"), bus == null ? null : PciAddress.parse(bus).orElse(null),
            null, null, pid, null, SmiValues.name(get(columns, v, "process_name")), used, notes.isEmpty() ? null : String.join("; ", notes), origin);
    }

    private static Long memory(List<String> columns, List<String> v, String name, List<String> notes) {
        String cell = get(columns, v, name);
        if (cell == null) {
            return null;
        }
        Long bytes = SmiValues.bytes(cell);
        if (bytes == null) {
            notes.add(name + ": " + SmiValues.note(cell));
        }
        return bytes;
    }

    private static String get(List<String> columns, List<String> values, String name) {
        int i = columns.indexOf(name);
        return i < 0 ? null : values.get(i);
    }

    private static Integer integer(String s) {
        if (s == null || s.isEmpty() || s.length() > 9 || !s.chars().allMatch(Character::isDigit)) {
            return null;
        }
        return Integer.valueOf(s);
    }

    /** {@code memory.total [MiB]} -> {@code memory.total}; {@code used_memory} is printed as {@code used_gpu_memory}. */
    private static String column(String header) {
        String h = header.strip().toLowerCase(Locale.ROOT);
        int unit = h.indexOf(" [");
        return unit >= 0 ? h.substring(0, unit) : h;
    }

    private static List<String> fields(String line) {
        List<String> out = new ArrayList<>();
        for (String f : line.split(",", -1)) {
            out.add(f.strip());
        }
        return out;
    }
}
