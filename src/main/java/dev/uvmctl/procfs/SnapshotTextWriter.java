package dev.uvmctl.procfs;

import dev.uvmctl.shared.Diagnostic;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Writes a {@link SystemSnapshot} in the va-spaces text snapshot format (docs/va-spaces.md): one
 * record per line, {@code kind} then tab-separated {@code key=value} fields, values escaped so that
 * no tab or newline appears in them. {@link SnapshotTextParser} reads it back to the same view.
 */
public final class SnapshotTextWriter {
    public static final String MAGIC = "uvmctl-va-spaces";
    public static final String VERSION = "1";

    private final PrintWriter out;

    private SnapshotTextWriter(PrintWriter out) {
        this.out = out;
    }

    public static void write(SystemSnapshot s, PrintWriter out) {
        new SnapshotTextWriter(out).snapshot(s);
        out.flush();
    }

    private void snapshot(SystemSnapshot s) {
        out.println("# uvmctl va-spaces snapshot: see docs/va-spaces.md. Paths are as on the captured system.");
        record(MAGIC, "version", VERSION);
        CaptureInfo c = s.capture();
        record("capture", "source", s.source(), "captured_at", c.capturedAt(), "host", c.host(), "kernel", c.kernel(),
            "uptime", c.uptimeSeconds() == null ? null : c.uptimeSeconds().toString(), "boot_id", c.bootId(), "pid_ns", c.ownPidNamespace(),
            "container", c.containerEvidence(), "live", String.valueOf(c.live()), "uvm_loaded", String.valueOf(s.uvmLoaded()),
            "va_space_mm", s.vaSpaceMm() == null ? null : s.vaSpaceMm() ? "1" : "0");
        ProcessScan scan = s.scan();
        record("scan", "read", String.valueOf(scan.read()), "vanished", String.valueOf(scan.vanished()), "failure", scan.failure());
        for (Unreadable u : scan.unreadable()) {
            record("unreadable", "pid", String.valueOf(u.pid()), "comm", u.name(), "path", u.path(), "reason", u.reason());
        }
        for (OpenFileComparisons.Answer a : s.sameFiles().answers()) {
            record("same-file", "pid_a", String.valueOf(a.pidA()), "fd_a", String.valueOf(a.fdA()), "pid_b", String.valueOf(a.pidB()),
                "fd_b", String.valueOf(a.fdB()), "same", String.valueOf(a.same()), "by", s.sameFiles().source());
        }
        for (int pid : neededProcesses(s)) {
            ProcessStatus st = scan.process(pid);
            if (st != null) {
                process(st);
            }
        }
        for (HolderProcess h : scan.holders()) {
            holder(h);
        }
        for (UvmGpuInfo u : s.uvmGpus()) {
            record("uvm-gpu", "dir", u.directory(), "id", str(u.uvmId()), "name", u.name(), "uuid", u.gpuUuid(), "gi", u.instanceUuid(),
                "retained", str(u.retainedCount()), "retained_line", u.retainedOrigin() == null ? null : String.valueOf(u.retainedOrigin().line()),
                "ecc", u.ecc(), "numa", u.numaNode(), "src", u.origin().input());
            for (Map.Entry<String, String> e : new java.util.TreeMap<>(u.other()).entrySet()) {
                record("uvm-gpu-field", "dir", u.directory(), "key", e.getKey(), "value", e.getValue());
            }
        }
        for (NvidiaGpuInformation g : s.gpus()) {
            record("gpu", "bus", g.bus() == null ? null : g.bus().toString(), "model", g.model(), "uuid", g.uuid(), "minor", str(g.minor()),
                "excluded", str(g.excluded()), "src", g.origin().input());
        }
        if (s.hmm() != null) {
            record("iomem", "read", "true");
            for (HmmRegion r : s.hmm()) {
                record("hmm", "start", hex(r.start()), "end", hex(r.end()), "hidden", String.valueOf(r.addressesHidden()),
                    "src", r.origin().input(), "line", String.valueOf(r.origin().line()));
            }
        }
        for (SmiSnapshot smi : s.smi()) {
            smi(smi);
        }
        for (String note : s.smiNotes()) {
            record("smi-note", "text", note);
        }
        DriverVaSpaces d = s.driverVaSpaces();
        if (d != null) {
            record("driver-va-spaces", "input", d.input(), "unrecognised", String.valueOf(d.unrecognised()));
            for (DriverVaSpaces.Entry e : d.vaSpaces()) {
                record("driver-va-space", "label", e.label(), "pid", str(e.pid()), "line", String.valueOf(e.origin().line()));
                for (DriverVaSpaces.Range r : e.ranges()) {
                    record("driver-range", "start", hex(r.start()), "end", hex(r.end()), "line", String.valueOf(r.origin().line()));
                }
            }
        }
        for (Diagnostic diag : s.diagnostics()) {
            record("diagnostic", "input", diag.input(), "line", String.valueOf(diag.line()), "message", diag.message());
        }
        for (String m : s.missing()) {
            record("missing", "text", m);
        }
    }

    /** The processes the view looks up besides holders: their parents (reapers) and the pids NVML lists. */
    private static TreeSet<Integer> neededProcesses(SystemSnapshot s) {
        TreeSet<Integer> pids = new TreeSet<>();
        for (HolderProcess h : s.scan().holders()) {
            pids.add(h.pid());
            if (h.status().ppid() != null) {
                pids.add(h.status().ppid());
            }
        }
        for (SmiSnapshot smi : s.smi()) {
            for (SmiProcess p : smi.processes()) {
                if (p.pid() != null) {
                    pids.add(p.pid());
                }
            }
        }
        return pids;
    }

    private void process(ProcessStatus st) {
        record("process", "pid", String.valueOf(st.pid()), "name", st.name(), "state", st.state(), "ppid", str(st.ppid()),
            "tgid", str(st.tgid()), "uid", str(st.uid()), "nspid", st.nspid().stream().map(String::valueOf).collect(Collectors.joining(",")),
            "threads", str(st.threads()), "pgrp", str(st.pgrp()), "session", str(st.session()), "src", st.origin().input());
    }

    private void holder(HolderProcess h) {
        ProcessStat st = h.stat();
        String pid = String.valueOf(h.pid());
        CgroupInfo cg = h.cgroup();
        record("holder", "pid", pid, "cmdline", h.cmdline(), "ns", h.pidNamespace(), "threads_read", String.valueOf(h.threadsRead()),
            "stat", st == null ? null : st.pid() + "," + st.state() + "," + st.ppid() + "," + st.pgrp() + "," + st.session() + "," + st.startTicks(),
            "stat_src", st == null ? null : st.origin().input(), "cgroup", cg == null ? null : cg.path(),
            "cgroup_src", cg == null ? null : cg.origin().input(), "cgroup_line", cg == null ? null : String.valueOf(cg.origin().line()));
        for (String u : h.unreadable()) {
            record("holder-unreadable", "pid", pid, "text", u);
        }
        for (FdLink f : h.deviceFds()) {
            record("fd", "pid", pid, "fd", String.valueOf(f.fd()), "target", f.target(),
                "flags", f.flags() == null ? null : "0" + Long.toOctalString(f.flags()), "src", f.origin().input());
        }
        for (MapsRange r : h.deviceRanges()) {
            record("range", "pid", pid, "start", hex(r.start()), "end", hex(r.end()), "perms", r.perms(), "offset", hex(r.offset()),
                "dev", r.device(), "inode", String.valueOf(r.inode()), "path", r.path(), "src", r.origin().input(),
                "line", String.valueOf(r.origin().line()));
        }
        for (TaskState t : h.tasks()) {
            record("task", "pid", pid, "tid", String.valueOf(t.tid()), "name", t.name(), "state", t.state(), "wchan", t.wchan(),
                "stack", String.join(",", t.stack()), "src", t.origin().input());
        }
    }

    private void smi(SmiSnapshot s) {
        record("smi", "format", s.format().name(), "input", s.input(), "driver", s.driverVersion(), "time", s.timestamp(),
            "panel", s.processPanel().name());
        for (SmiGpu g : s.gpus()) {
            record("smi-gpu", "index", str(g.index()), "uuid", g.uuid(), "bus", g.bus() == null ? null : g.bus().toString(), "name", g.name(),
                "total", str(g.totalBytes()), "reserved", str(g.reservedBytes()), "used", str(g.usedBytes()), "free", str(g.freeBytes()),
                "note", g.note(), "line", String.valueOf(g.origin().line()));
        }
        for (SmiProcess p : s.processes()) {
            record("smi-process", "gpu_index", str(p.gpuIndex()), "gpu_uuid", p.gpuUuid(), "gpu_bus", p.gpuBus() == null ? null : p.gpuBus().toString(),
                "gi", p.gpuInstance(), "ci", p.computeInstance(), "pid", str(p.pid()), "type", p.type(), "name", p.name(),
                "used", str(p.usedBytes()), "note", p.note(), "line", String.valueOf(p.origin().line()));
        }
        for (SmiMigDevice m : s.migDevices()) {
            record("smi-mig", "gpu_index", str(m.gpuIndex()), "gi", m.gpuInstance(), "ci", m.computeInstance(), "dev", m.migDevice(),
                "used", str(m.usedBytes()), "total", str(m.totalBytes()), "line", String.valueOf(m.origin().line()));
        }
        for (SmiSnapshot.Unreachable u : s.unreachable()) {
            record("smi-unreachable", "bus", u.bus().toString(), "reason", u.reason(), "line", String.valueOf(u.origin().line()));
        }
    }

    private void record(String kind, String... keyValues) {
        List<String> parts = new ArrayList<>();
        parts.add(kind);
        for (int i = 0; i < keyValues.length; i += 2) {
            if (keyValues[i + 1] != null) {
                parts.add(keyValues[i] + "=" + escape(keyValues[i + 1]));
            }
        }
        out.println(String.join("\t", parts));
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }

    private static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }

    /** Backslash escapes for backslash, tab, newline, carriage return and other control characters. */
    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '\t' -> b.append("\\t");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        b.append(String.format("\\x%02x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
