package dev.uvmctl.procfs;

import dev.uvmctl.shared.Diagnostic;
import dev.uvmctl.shared.PciAddress;
import dev.uvmctl.shared.Provenance;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the default {@code nvidia-smi} table in every layout seen so far: 325 (MB units, "Compute
 * processes", no Type column), 418-470 (GPU/PID/Type), 450+ (extra "MIG M." line) and 510+ (GI/CI
 * columns, wider cells). Cells are found between {@code |} separators, not at fixed columns, so a
 * shifted cell such as {@code ERR%} in the fan column does not break the row. An excerpt that starts
 * at a GPU block (no banner, no header) is read from it; a memory cell that is no {@code used / total}
 * ({@code ERR!}) keeps its GPU, with the memory unknown. A process row
 * without a name (or {@code (null)}) has a null name; {@code Not available in WDDM driver model}
 * in place of the rows is {@link SmiSnapshot.ProcessPanel#unavailable}.
 */
public final class NvidiaSmiTableParser {
    private static final Pattern DRIVER = Pattern.compile("Driver Version:\\s*(\\S+)");
    private static final Pattern TIMESTAMP = Pattern.compile("(Mon|Tue|Wed|Thu|Fri|Sat|Sun) [A-Z][a-z]{2} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d \\d{4}");
    private static final Pattern GPU_CELL = Pattern.compile("\\s*(\\d+)\\s+(.+?)(?:\\s+(On|Off|N/A))?\\s*");
    private static final Pattern BUS_CELL = Pattern.compile("\\s*([0-9A-Fa-f]{4,8}:[0-9A-Fa-f]{2}:[0-9A-Fa-f]{2}\\.[0-7]|N/A)\\s*(\\S*)\\s*");
    private static final Pattern MEMORY_CELL = Pattern.compile("\\s*(\\S+)\\s*/\\s*(\\S+)\\s*");
    private static final String MEMORY_VALUE = "(\\d+\\s?(?:MiB|MB)|N/A)";
    private static final Pattern ROW_GI = Pattern.compile("\\s*(\\d+)\\s+(\\S+)\\s+(\\S+)\\s+(\\d+)\\s+(\\S+)\\s+(.*?)\\s+" + MEMORY_VALUE + "\\s*");
    private static final Pattern ROW_TYPE = Pattern.compile("\\s*(\\d+)\\s+(\\d+)\\s+(C|G|C\\+G|M|M\\+C|\\?)\\s+(.*?)\\s+" + MEMORY_VALUE + "\\s*");
    private static final Pattern ROW_PLAIN = Pattern.compile("\\s*(\\d+)\\s+(\\d+)\\s+(.*?)\\s+" + MEMORY_VALUE + "\\s*");
    /** A line of the table's borders, {@code +-------------------------------+------...}. */
    private static final Pattern BORDER = Pattern.compile("(?m)^\\s*\\+-{10,}[-+]*\\+\\s*$");
    private static final Pattern MIG_ROW = Pattern.compile("\\s*(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s*");

    private enum Panel { none, gpus, processHeader, processes, migHeader, mig }

    private NvidiaSmiTableParser() {
    }

    /** True when {@code text} looks like the default table: a {@code NVIDIA-SMI} banner, a process panel, or its borders. */
    public static boolean looksLikeTable(String text) {
        return text.contains("NVIDIA-SMI") || text.contains("| Processes:") || text.contains("|  GPU ") || BORDER.matcher(text).find();
    }

    public static SmiSnapshot parse(String text, String input, List<Diagnostic> diagnostics) {
        String driver = null;
        String timestamp = null;
        List<SmiGpu> gpus = new ArrayList<>();
        List<SmiProcess> processes = new ArrayList<>();
        List<SmiMigDevice> mig = new ArrayList<>();
        SmiSnapshot.ProcessPanel panelState = SmiSnapshot.ProcessPanel.absent;
        Panel panel = Panel.none;
        String processHeader = "";
        Pending gpu = null;
        Integer migGpu = null;
        String[] migIds = null;
        List<SmiSnapshot.Unreachable> unreachable = new ArrayList<>();
        int failures = 0;
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            long number = i + 1;
            Matcher d = DRIVER.matcher(line);
            if (d.find()) {
                driver = d.group(1);
            }
            if (timestamp == null && panel == Panel.none && TIMESTAMP.matcher(line.strip()).matches()) {
                timestamp = line.strip();
            }
            String trimmed = line.strip();
            if (trimmed.startsWith("| Processes:") || trimmed.startsWith("| Compute processes:")) {
                panel = Panel.processHeader;
                processHeader = "";
                panelState = SmiSnapshot.ProcessPanel.empty;
                continue;
            }
            if (trimmed.startsWith("| MIG devices:")) {
                panel = Panel.migHeader;
                continue;
            }
            if (trimmed.startsWith("|===")) {
                panel = switch (panel) {
                    case processHeader -> Panel.processes;
                    case migHeader -> Panel.mig;
                    case none, gpus, processes, mig -> Panel.gpus;
                };
                continue;
            }
            if (trimmed.isEmpty() || trimmed.startsWith("+")) {
                // A blank line ends a panel; a border ends the process panel and separates GPUs elsewhere.
                boolean inHeader = panel == Panel.processHeader || panel == Panel.migHeader;
                if (!inHeader && (trimmed.isEmpty() || panel == Panel.processes)) {
                    panel = Panel.none;
                }
                gpu = null;
                continue;
            }
            if (!trimmed.startsWith("|")) {
                failures += SmiValues.failure(line, input, number, unreachable, diagnostics) ? 1 : 0;
                continue;
            }
            String[] cells = cells(trimmed);
            // A switch expression (its value unused), so the compiler checks that every panel has its case.
            boolean read = switch (panel) {
                case gpus -> {
                    gpu = gpuLine(cells, gpu, gpus, input, number);
                    yield true;
                }
                case processHeader -> {
                    processHeader += " " + trimmed;
                    yield true;
                }
                case processes -> {
                    String row = cells.length > 0 ? cells[0] : "";
                    if (row.strip().startsWith("No running processes found")) {
                        panelState = SmiSnapshot.ProcessPanel.none_found;
                        yield true;
                    }
                    if (SmiValues.saysWddm(row) && processes.isEmpty()) {
                        panelState = SmiSnapshot.ProcessPanel.unavailable;
                        yield true;
                    }
                    SmiProcess p = processRow(row, processHeader, Provenance.at(input, number));
                    if (p == null) {
                        diagnostics.add(Diagnostic.at(input, number, "not a process row: '" + trimmed + "'"));
                        panelState = SmiSnapshot.ProcessPanel.partly_read;
                    } else {
                        processes.add(p);
                        panelState = panelState == SmiSnapshot.ProcessPanel.partly_read ? panelState : SmiSnapshot.ProcessPanel.listed;
                    }
                    yield true;
                }
                case mig -> {
                    Matcher m = cells.length > 1 ? MIG_ROW.matcher(cells[0]) : null;
                    if (m != null && m.matches()) {
                        migGpu = Integer.valueOf(m.group(1));
                        migIds = new String[] {m.group(2), m.group(3), m.group(4)};
                        Matcher mem = MEMORY_CELL.matcher(cells[1]);
                        if (mem.matches()) {
                            mig.add(new SmiMigDevice(migGpu, migIds[0], migIds[1], migIds[2], SmiValues.bytes(mem.group(1)),
                                SmiValues.bytes(mem.group(2)), Provenance.at(input, number)));
                        }
                    }
                    // The second line of a MIG device is its BAR1 use: not frame-buffer memory.
                    yield true;
                }
                case none -> {
                    // An excerpt that starts inside the GPU panel (no banner, no header): a row that opens a GPU block opens it.
                    if (cells.length > 1 && GPU_CELL.matcher(cells[0]).matches() && BUS_CELL.matcher(cells[1]).matches()) {
                        panel = Panel.gpus;
                        gpu = gpuLine(cells, gpu, gpus, input, number);
                    }
                    yield true;
                }
                case migHeader -> false;
            };
        }
        if (panel == Panel.processHeader) {
            diagnostics.add(Diagnostic.of(input, "the output ends inside the process panel's header: the process list is cut off"));
            panelState = SmiSnapshot.ProcessPanel.absent;
        }
        if (gpus.isEmpty() && processes.isEmpty() && panelState == SmiSnapshot.ProcessPanel.absent && failures == 0) {
            diagnostics.add(Diagnostic.of(input, "no GPU and no process panel found: not nvidia-smi table output"));
        }
        return new SmiSnapshot(SmiSnapshot.Format.table, input, driver, timestamp, List.copyOf(gpus), List.copyOf(processes),
            panelState, List.copyOf(mig), List.copyOf(unreachable));
    }

    /** A GPU whose first line was read; its memory is on a later line of the same block. */
    private record Pending(int index, String name, PciAddress bus, long line) {
    }

    private static Pending gpuLine(String[] cells, Pending pending, List<SmiGpu> gpus, String input, long number) {
        if (cells.length < 2) {
            return pending;
        }
        Matcher g = GPU_CELL.matcher(cells[0]);
        Matcher b = BUS_CELL.matcher(cells[1]);
        if (pending == null && g.matches() && b.matches()) {
            PciAddress bus = PciAddress.parse(b.group(1)).orElse(null);
            return new Pending(Integer.parseInt(g.group(1)), g.group(2).strip(), bus, number);
        }
        if (pending != null && !cells[1].isBlank()) {
            // A cell that is no "used / total" (ERR!, Unknown Error) keeps the GPU, with its memory unknown and what it said.
            Matcher m = MEMORY_CELL.matcher(cells[1]);
            Long used = m.matches() ? SmiValues.bytes(m.group(1)) : null;
            Long total = m.matches() ? SmiValues.bytes(m.group(2)) : null;
            String note = used == null || total == null ? "memory: " + cells[1].strip() : null;
            gpus.add(new SmiGpu(pending.index(), null, pending.bus(), pending.name(), total, null, used,
                used != null && total != null ? total - used : null, note, Provenance.at(input, pending.line())));
            return null;
        }
        return pending;
    }

    private static SmiProcess processRow(String row, String header, Provenance origin) {
        boolean instances = header.contains(" GI ") || header.contains(" GI  ");
        boolean type = header.contains("Type");
        if (instances) {
            Matcher m = ROW_GI.matcher(row);
            if (m.matches()) {
                return process(m.group(1), m.group(2), m.group(3), m.group(4), m.group(5), m.group(6), m.group(7), origin);
            }
        }
        Matcher t = ROW_TYPE.matcher(row);
        if (type && t.matches()) {
            return process(t.group(1), null, null, t.group(2), t.group(3), t.group(4), t.group(5), origin);
        }
        Matcher p = ROW_PLAIN.matcher(row);
        if (!type && p.matches()) {
            return process(p.group(1), null, null, p.group(2), null, p.group(3), p.group(4), origin);
        }
        return null;
    }

    private static SmiProcess process(String gpu, String gi, String ci, String pid, String type, String name, String memory,
                                      Provenance origin) {
        Long used = SmiValues.bytes(memory);
        return new SmiProcess(Integer.valueOf(gpu), null, null, gi, ci, Integer.valueOf(pid), type, SmiValues.name(name), used,
            used == null ? SmiValues.note(memory) : null, origin);
    }

    /** The cells between the {@code |} of a row, without the outer bars. */
    private static String[] cells(String row) {
        String inner = row.substring(1, row.endsWith("|") && row.length() > 1 ? row.length() - 1 : row.length());
        return inner.split("\\|", -1);
    }
}
