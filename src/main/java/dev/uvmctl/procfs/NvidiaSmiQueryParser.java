package dev.uvmctl.procfs;

import dev.uvmctl.shared.Diagnostic;
import dev.uvmctl.shared.PciAddress;
import dev.uvmctl.shared.Provenance;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses {@code nvidia-smi -q} (with or without {@code -d}): {@code Key : Value} lines nested by
 * indentation under {@code GPU 00000000:3B:00.0} blocks and sections such as {@code FB Memory
 * Usage}, {@code MIG Devices} and {@code Processes}. In {@code Processes}, the MIG ids come before
 * the {@code Process ID} they belong to. Excerpts that start inside a section are read as far as
 * they go. Under the WDDM driver model ({@code Driver Model / Current : WDDM}: Windows, WSL) a
 * process's {@code Used GPU Memory} reads {@code Not available in WDDM driver model} and a
 * {@code Processes : None} is no proof of none ({@link SmiSnapshot.ProcessPanel#unavailable}).
 */
public final class NvidiaSmiQueryParser {
    private static final Pattern KEY_VALUE = Pattern.compile("(\\S.*?)\\s+:\\s?(.*)");
    private static final Pattern GPU_HEADER = Pattern.compile("GPU ([0-9A-Fa-f]{4,8}:[0-9A-Fa-f]{2}:[0-9A-Fa-f]{2}\\.[0-7])");

    private NvidiaSmiQueryParser() {
    }

    public static boolean looksLikeQuery(String text) {
        return text.contains("NVSMI LOG") || text.contains("Process ID") || text.contains("FB Memory Usage");
    }

    private record Section(int indent, String name) {
    }

    /** Builds one GPU's values as its block is read. */
    private static final class GpuBuilder {
        PciAddress bus;
        String uuid;
        String name;
        Long total;
        Long reserved;
        Long used;
        Long free;
        boolean wddm;
        final List<String> notes = new ArrayList<>();
        Provenance origin;

        SmiGpu build() {
            return new SmiGpu(null, uuid, bus, name, total, reserved, used, free, notes.isEmpty() ? null : String.join("; ", notes), origin);
        }
    }

    /** Builds one process; in -q output its fields follow the {@code Process ID} line. */
    private static final class ProcessBuilder {
        String gi;
        String ci;
        Integer pid;
        String type;
        String name;
        Long used;
        String note;
        Provenance origin;
    }

    public static SmiSnapshot parse(String text, String input, List<Diagnostic> diagnostics) {
        String driver = null;
        String timestamp = null;
        List<SmiGpu> gpus = new ArrayList<>();
        List<SmiProcess> processes = new ArrayList<>();
        List<SmiMigDevice> mig = new ArrayList<>();
        SmiSnapshot.ProcessPanel panel = SmiSnapshot.ProcessPanel.absent;
        List<Section> sections = new ArrayList<>();
        GpuBuilder gpu = null;
        ProcessBuilder process = null;
        String pendingGi = null;
        String pendingCi = null;
        String[] migIds = new String[2];
        Long migTotal = null;
        boolean wddm = false;
        List<SmiSnapshot.Unreachable> unreachable = new ArrayList<>();
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            long number = i + 1;
            if (line.isBlank() || line.startsWith("=====") || SmiValues.failure(line, input, number, unreachable, diagnostics)) {
                continue;
            }
            int indent = 0;
            while (indent < line.length() && line.charAt(indent) == ' ') {
                indent++;
            }
            String content = line.strip();
            while (!sections.isEmpty() && sections.get(sections.size() - 1).indent() >= indent) {
                sections.remove(sections.size() - 1);
            }
            Matcher header = GPU_HEADER.matcher(content);
            if (indent == 0 && header.matches()) {
                process = flush(process, gpu, processes);
                if (gpu != null) {
                    gpus.add(gpu.build());
                    wddm |= gpu.wddm;
                }
                gpu = new GpuBuilder();
                gpu.bus = PciAddress.parse(header.group(1)).orElse(null);
                gpu.origin = Provenance.at(input, number);
                sections.clear();
                continue;
            }
            Matcher kv = KEY_VALUE.matcher(content);
            if (!kv.matches()) {
                sections.add(new Section(indent, content));
                continue;
            }
            String key = kv.group(1);
            String value = kv.group(2).strip();
            String section = sections.isEmpty() ? "" : sections.get(sections.size() - 1).name();
            boolean inMig = sections.stream().anyMatch(s -> s.name().equals("MIG Devices"));
            if (indent == 0) {
                switch (key) {
                    case "Driver Version" -> driver = value;
                    case "Timestamp" -> timestamp = value;
                    default -> {
                    }
                }
                continue;
            }
            if (inMig) {
                switch (key) {
                    case "GPU Instance ID" -> migIds[0] = value;
                    case "Compute Instance ID" -> migIds[1] = value;
                    case "Total" -> migTotal = section.equals("FB Memory Usage") ? SmiValues.bytes(value) : migTotal;
                    case "Used" -> {
                        if (section.equals("FB Memory Usage")) {
                            mig.add(new SmiMigDevice(null, migIds[0], migIds[1], null, SmiValues.bytes(value), migTotal,
                                Provenance.at(input, number)));
                        }
                    }
                    default -> {
                    }
                }
                continue;
            }
            switch (key) {
                case "Processes" -> {
                    if (value.equalsIgnoreCase("None") || value.startsWith("No running")) {
                        panel = panel == SmiSnapshot.ProcessPanel.listed ? panel : SmiSnapshot.ProcessPanel.none_found;
                    } else if (SmiValues.saysWddm(value)) {
                        panel = panel == SmiSnapshot.ProcessPanel.listed ? panel : SmiSnapshot.ProcessPanel.unavailable;
                    }
                }
                case "GPU instance ID", "GPU Instance ID" -> {
                    process = flush(process, gpu, processes);
                    pendingGi = value;
                }
                case "Compute instance ID", "Compute Instance ID" -> pendingCi = value;
                case "Process ID" -> {
                    process = flush(process, gpu, processes);
                    process = new ProcessBuilder();
                    process.gi = pendingGi;
                    process.ci = pendingCi;
                    pendingGi = null;
                    pendingCi = null;
                    process.origin = Provenance.at(input, number);
                    try {
                        process.pid = Integer.valueOf(value);
                    } catch (NumberFormatException e) {
                        diagnostics.add(Diagnostic.at(input, number, "Process ID is not a number: '" + value + "'"));
                    }
                    panel = SmiSnapshot.ProcessPanel.listed;
                }
                case "Type" -> {
                    if (process != null) {
                        process.type = value;
                    }
                }
                case "Name", "Process Name" -> {
                    if (process != null) {
                        process.name = SmiValues.name(value);
                    }
                }
                case "Used GPU Memory", "Used Memory" -> {
                    if (process != null) {
                        process.used = SmiValues.bytes(value);
                        process.note = process.used == null ? SmiValues.note(value) : null;
                    }
                }
                default -> gpuField(gpu, section, key, value, input, number, diagnostics);
            }
        }
        flush(process, gpu, processes);
        if (gpu != null) {
            gpus.add(gpu.build());
            wddm |= gpu.wddm;
        }
        if (wddm && panel == SmiSnapshot.ProcessPanel.none_found) {
            panel = SmiSnapshot.ProcessPanel.unavailable;
        }
        if (gpus.isEmpty() && processes.isEmpty() && panel == SmiSnapshot.ProcessPanel.absent && unreachable.isEmpty()) {
            diagnostics.add(Diagnostic.of(input, "no GPU block and no process: not nvidia-smi -q output"));
        }
        return new SmiSnapshot(SmiSnapshot.Format.query, input, driver, timestamp, List.copyOf(gpus), List.copyOf(processes),
            panel, List.copyOf(mig), List.copyOf(unreachable));
    }

    private static void gpuField(GpuBuilder gpu, String section, String key, String value, String input, long number,
                                 List<Diagnostic> diagnostics) {
        if (gpu == null) {
            return;
        }
        if (section.equals("FB Memory Usage")) {
            Long bytes = SmiValues.bytes(value);
            if (bytes == null) {
                gpu.notes.add("FB " + key + ": " + SmiValues.note(value));
            }
            switch (key) {
                case "Total" -> gpu.total = bytes;
                case "Reserved" -> gpu.reserved = bytes;
                case "Used" -> gpu.used = bytes;
                case "Free" -> gpu.free = bytes;
                default -> diagnostics.add(Diagnostic.at(input, number, "unknown FB Memory Usage field '" + key + "'"));
            }
            return;
        }
        switch (key) {
            case "Product Name" -> gpu.name = value;
            case "GPU UUID" -> gpu.uuid = value;
            case "Current" -> gpu.wddm |= section.equals("Driver Model") && value.equals("WDDM");
            default -> {
            }
        }
    }

    private static ProcessBuilder flush(ProcessBuilder p, GpuBuilder gpu, List<SmiProcess> out) {
        if (p != null) {
            out.add(new SmiProcess(null, gpu == null ? null : gpu.uuid, gpu == null ? null : gpu.bus, p.gi, p.ci, p.pid, p.type,
                p.name, p.used, p.note, p.origin));
        }
        return null;
    }
}
