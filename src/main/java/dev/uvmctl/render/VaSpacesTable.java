package dev.uvmctl.render;

import dev.uvmctl.shared.Counted;
import dev.uvmctl.shared.Sizes;
import dev.uvmctl.procfs.CaptureInfo;
import dev.uvmctl.procfs.CgroupInfo;
import dev.uvmctl.procfs.DeviceFile;
import dev.uvmctl.procfs.FdLink;
import dev.uvmctl.procfs.GpuView;
import dev.uvmctl.procfs.SnapshotHolder;
import dev.uvmctl.procfs.HolderProcess;
import dev.uvmctl.procfs.MapsRange;
import dev.uvmctl.procfs.NvmlProcess;
import dev.uvmctl.procfs.ProcessScan;
import dev.uvmctl.procfs.SmiGpu;
import dev.uvmctl.procfs.SnapshotVaSpace;
import dev.uvmctl.procfs.VaSpaceView;
import dev.uvmctl.procfs.ViewNote;
import dev.uvmctl.finding.Finding;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/** {@code uvmctl va-spaces} and {@code uvmctl holders} as tables: views of the document {@code -o json} prints. */
public final class VaSpacesTable {
    private final PrintWriter out;
    private final Style style;
    private final int width;

    public VaSpacesTable(PrintWriter out, Style style, int width) {
        this.out = out;
        this.style = style;
        this.width = width;
    }

    public void vaSpaces(LiveVerdict r, boolean ranges) {
        VaSpaceView v = r.view();
        heading("va_spaces", v);
        if (v.vaSpaces().isEmpty()) {
            out.println(v.snapshot().uvmLoaded() ? "No process holds /dev/nvidia-uvm." : "nvidia_uvm is not loaded (no /proc/driver/nvidia-uvm).");
        } else {
            vaSpaceTable(r).print(out, width, style);
        }
        if (ranges) {
            for (SnapshotVaSpace s : v.vaSpaces()) {
                out.println();
                out.println(style.bold("Managed ranges of the va_space of PID " + s.ownerPid()));
                if (s.ranges().isEmpty()) {
                    out.println("None: no /dev/nvidia-uvm mapping whose offset is its start address.");
                } else {
                    rangeTable(s.ranges()).print(out, width, style);
                }
            }
        }
        if (v.snapshot().driverVaSpaces() != null) {
            out.println();
            Paragraph.print(out, width, TerminalText.escape("The driver lists " + v.snapshot().driverVaSpaces().vaSpaces().size()
                + " va_spaces in " + v.snapshot().driverVaSpaces().input() + " (-o json shows them)."), Function.identity());
        }
        gpus(v);
        tail(r);
    }

    public void holders(LiveVerdict r) {
        VaSpaceView v = r.view();
        heading("Holders of NVIDIA devices", v);
        if (v.holders().isEmpty()) {
            out.println("No process holds an NVIDIA device file.");
        } else {
            holderTable(r).print(out, width, style);
        }
        if (!v.nvml().isEmpty()) {
            out.println();
            out.println(style.bold("Processes NVML (nvidia-smi) lists"));
            nvmlTable(r).print(out, width, style);
        }
        gpus(v);
        tail(r);
    }

    private void heading(String what, VaSpaceView v) {
        CaptureInfo c = v.snapshot().capture();
        List<String> about = new ArrayList<>();
        if (c.host() != null) {
            about.add("host " + c.host());
        }
        if (c.kernel() != null) {
            about.add("kernel " + c.kernel());
        }
        if (c.capturedAt() != null) {
            about.add("at " + c.capturedAt());
        }
        String suffix = about.isEmpty() ? "" : " (" + String.join(", ", about) + ")";
        Paragraph.print(out, width, TerminalText.escape(what + " of " + v.snapshot().source() + suffix), style::bold);
        out.println();
    }

    private TextTable vaSpaceTable(LiveVerdict r) {
        VaSpaceView v = r.view();
        TextTable t = new TextTable(List.of(TextTable.Column.right("VA_SPACE"), TextTable.Column.right("PID"), TextTable.Column.left("COMM"),
            TextTable.Column.left("CLASS"), TextTable.Column.left("CONTAINER"), TextTable.Column.left("RELATION"),
            TextTable.Column.left("UVM_FDS"), TextTable.Column.right("RANGES"), TextTable.Column.right("MANAGED"),
            TextTable.Column.left("FINDINGS"), TextTable.Column.flexible("STATE")));
        for (SnapshotVaSpace s : v.vaSpaces()) {
            boolean first = true;
            List<Finding> findings = r.naming(s);
            Function<String, String> rowStyle = !findings.isEmpty() ? style::red : s.state().equals("active") ? Function.identity() : style::yellow;
            for (SnapshotVaSpace.Member m : s.members()) {
                SnapshotHolder h = holder(v, m.pid());
                t.add(rowStyle, first ? String.valueOf(s.ownerPid()) : "", String.valueOf(m.pid()), h.process().status().name(),
                    h.state().name(), container(h.process()), m.relation() + (m.parentPid() == null ? "" : " from " + m.parentPid()),
                    m.fds().isEmpty() ? "-" : m.fds().stream().map(String::valueOf).collect(Collectors.joining(",")),
                    first ? String.valueOf(s.ranges().size()) : "", first ? Sizes.iec(s.bytes()) : "", first ? ids(findings) : "",
                    first ? s.state() : "");
                first = false;
            }
        }
        return t;
    }

    /** The ids of {@code findings} (each begins with its class), or {@code -}. */
    private static String ids(List<Finding> findings) {
        return findings.isEmpty() ? "-" : findings.stream().map(Finding::id).collect(Collectors.joining(" "));
    }

    private static SnapshotHolder holder(VaSpaceView v, int pid) {
        return v.holders().stream().filter(h -> h.pid() == pid).findFirst().orElseThrow();
    }

    private TextTable rangeTable(List<MapsRange> ranges) {
        TextTable t = new TextTable(List.of(TextTable.Column.left("START"), TextTable.Column.left("END"), TextTable.Column.right("SIZE"),
            TextTable.Column.left("PERMS"), TextTable.Column.left("SOURCE")));
        for (MapsRange r : ranges) {
            t.add(Sizes.hex(r.start()), Sizes.hex(r.end()), Sizes.iec(r.size()), r.perms(), r.origin().location());
        }
        return t;
    }

    private TextTable holderTable(LiveVerdict r) {
        TextTable t = new TextTable(List.of(TextTable.Column.right("PID"), TextTable.Column.left("COMM"), TextTable.Column.left("CLASS"),
            TextTable.Column.right("PPID"), TextTable.Column.left("CONTAINER"), TextTable.Column.left("DEVICES"),
            TextTable.Column.right("VA_SPACE"), TextTable.Column.right("NVML_USED"), TextTable.Column.left("FINDINGS"),
            TextTable.Column.flexible("NOTES")));
        for (SnapshotHolder h : r.view().holders()) {
            HolderProcess p = h.process();
            List<Finding> findings = r.naming(h.pid());
            boolean odd = h.role() == null && (h.state() != dev.uvmctl.procfs.HolderState.alive || h.reparented());
            t.add(!findings.isEmpty() ? style::red : odd ? style::yellow : Function.identity(), String.valueOf(h.pid()), p.status().name(),
                h.state().name() + (h.role() != null ? ", " + h.role() : "") + (h.reparented() ? ", reparented" : ""),
                p.status().ppid() == null ? "-" : String.valueOf(p.status().ppid()), container(p), devices(p),
                h.vaSpace() == null ? "-" : String.valueOf(h.vaSpace()), h.nvmlUsedBytes() == null ? "-" : Sizes.iec(h.nvmlUsedBytes()),
                ids(findings), String.join("; ", h.notes()));
        }
        return t;
    }

    private TextTable nvmlTable(LiveVerdict r) {
        TextTable t = new TextTable(List.of(TextTable.Column.right("PID"), TextTable.Column.left("GPU"), TextTable.Column.left("NAME"),
            TextTable.Column.right("USED"), TextTable.Column.left("HERE"), TextTable.Column.left("FINDINGS")));
        for (NvmlProcess n : r.view().nvml()) {
            var p = n.listed();
            // The GPU by its PCI bus id wherever another source gives it (nvidia-smi's table names GPUs by index).
            String gpu = r.view().gpus().stream().filter(g -> g.bus() != null && g.runs(p)).map(g -> g.bus().toString()).findFirst()
                .orElse(p.gpuUuid() != null ? p.gpuUuid() : p.gpuIndex() != null ? String.valueOf(p.gpuIndex()) : "-");
            String here = n.state() == null ? "-" : n.state().name() + (n.holder() != null ? ", holds devices" : "");
            List<Finding> findings = p.pid() == null ? List.of() : r.naming(p.pid());
            boolean odd = n.state() != null && n.state() != dev.uvmctl.procfs.HolderState.alive;
            t.add(!findings.isEmpty() ? style::red : odd ? style::yellow : Function.identity(), p.pid() == null ? "-" : String.valueOf(p.pid()),
                gpu, p.name() == null ? "-" : p.name(), p.usedBytes() == null ? (p.note() == null ? "-" : p.note()) : Sizes.iec(p.usedBytes()),
                here, ids(findings));
        }
        return t;
    }

    private void gpus(VaSpaceView v) {
        if (v.gpus().isEmpty()) {
            return;
        }
        out.println();
        out.println(style.bold("GPUs"));
        TextTable t = new TextTable(List.of(TextTable.Column.left("GPU"), TextTable.Column.left("NAME"), TextTable.Column.right("UVM_RETAINED"),
            TextTable.Column.right("USED"), TextTable.Column.right("RESERVED"), TextTable.Column.right("TOTAL"),
            TextTable.Column.right("NVML_PROCS"), TextTable.Column.right("NVML_USED")));
        for (GpuView g : v.gpus()) {
            SmiGpu s = g.smi();
            Long retained = g.retainedCount();
            t.add(g.bus() != null ? g.bus().toString() : g.uuid(), g.name() == null ? "-" : g.name(),
                retained == null ? "-" : String.valueOf(retained), size(s == null ? null : s.usedBytes()),
                size(s == null ? null : s.reservedBytes()), size(s == null ? null : s.totalBytes()),
                s == null && g.nvmlProcesses() == 0 ? "-" : String.valueOf(g.nvmlProcesses()), size(g.nvmlProcessBytes()));
        }
        t.print(out, width, style);
    }

    private static String size(Long bytes) {
        return bytes == null ? "-" : Sizes.iec(bytes);
    }

    /**
     * The findings (what {@code uvmctl leaks} reports on the same input, which explains each with
     * what to do and its evidence), the notes, and what was scanned.
     */
    private void tail(LiveVerdict r) {
        VaSpaceView v = r.view();
        if (!r.findings().isEmpty()) {
            out.println();
            Paragraph.print(out, width, "Findings ('uvmctl leaks' on the same input says what to do, --explain shows the evidence)",
                style::bold);
            TextTable t = new TextTable(List.of(TextTable.Column.left("CLASS"), TextTable.Column.left("ID"), TextTable.Column.flexible("WHAT")));
            for (Finding f : r.findings()) {
                t.add(style::red, f.findingClass().name(), f.id(), f.summary());
            }
            t.print(out, width, style);
        }
        if (!v.notes().isEmpty()) {
            out.println();
            out.println(style.bold("Notes"));
            TextTable t = new TextTable(List.of(TextTable.Column.left("NOTE"), TextTable.Column.flexible("WHAT")));
            for (ViewNote n : v.notes()) {
                t.add(n.id(), n.message());
            }
            t.print(out, width, style);
        }
        ProcessScan scan = v.snapshot().scan();
        out.println();
        Paragraph.print(out, width, "Scanned " + Counted.of(scan.read(), "process") + ": " + scan.holders().size()
            + " hold NVIDIA devices or wait in the driver, " + scan.unreadableProcesses() + " could not be read, " + scan.vanished()
            + " exited during the scan.", Function.identity());
        for (String note : v.snapshot().smiNotes()) {
            Paragraph.print(out, width, TerminalText.escape("nvidia-smi: " + note), Function.identity());
        }
        out.flush();
    }

    /** The container (short id), else the pod, the Slurm job or the systemd unit; the pid inside its namespace when nested. */
    static String container(HolderProcess p) {
        CgroupInfo c = p.cgroup();
        String where = "-";
        if (c != null) {
            where = c.shortContainer() != null ? c.shortContainer() : c.podUid() != null ? "pod:" + c.podUid()
                : c.slurmJob() != null ? "slurm:" + c.slurmJob() : c.unit() != null ? c.unit() : "-";
        }
        Integer inner = p.status().innerPid();
        return inner == null ? where : where + " (pid " + inner + ")";
    }

    /** {@code uvm(2) ctl gpu0,1 uvm_tools}: what the process has open, by device kind. */
    static String devices(HolderProcess p) {
        Map<DeviceFile.Kind, List<FdLink>> byKind = new TreeMap<>(p.deviceFds().stream().collect(Collectors.groupingBy(f -> f.device().kind())));
        List<String> parts = new ArrayList<>();
        byKind.forEach((kind, fds) -> {
            if (kind == DeviceFile.Kind.gpu) {
                parts.add("gpu" + fds.stream().map(f -> String.valueOf(f.device().minor())).distinct().sorted().collect(Collectors.joining(",")));
            } else {
                parts.add(kind.name() + (fds.size() > 1 ? "(" + fds.size() + ")" : ""));
            }
        });
        if (!p.deviceRanges().isEmpty()) {
            parts.add(Counted.of(p.deviceRanges().size(), "mapping"));
        }
        return parts.isEmpty() ? "-" : String.join(" ", parts);
    }
}
