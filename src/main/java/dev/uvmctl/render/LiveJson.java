package dev.uvmctl.render;

import dev.uvmctl.shared.Sizes;
import dev.uvmctl.procfs.CaptureInfo;
import dev.uvmctl.procfs.DriverVaSpaces;
import dev.uvmctl.procfs.FdLink;
import dev.uvmctl.procfs.GpuView;
import dev.uvmctl.procfs.HmmRegion;
import dev.uvmctl.procfs.SnapshotHolder;
import dev.uvmctl.procfs.HolderProcess;
import dev.uvmctl.procfs.MapsRange;
import dev.uvmctl.procfs.NvmlProcess;
import dev.uvmctl.shared.Provenance;
import dev.uvmctl.procfs.ProcessScan;
import dev.uvmctl.procfs.SmiGpu;
import dev.uvmctl.procfs.SmiProcess;
import dev.uvmctl.procfs.TaskState;
import dev.uvmctl.procfs.UvmGpuInfo;
import dev.uvmctl.procfs.SnapshotVaSpace;
import dev.uvmctl.procfs.VaSpaceView;
import dev.uvmctl.procfs.ViewNote;
import dev.uvmctl.finding.Finding;
import java.util.List;
import tools.jackson.core.JsonGenerator;

/**
 * The JSON objects of the live-system views ({@code va-spaces}, {@code holders}), shared by their
 * documents and NDJSON records. Fields are documented in docs/va-spaces.md.
 */
final class LiveJson {
    private LiveJson() {
    }

    static void capture(JsonGenerator g, VaSpaceView v) {
        CaptureInfo c = v.snapshot().capture();
        g.writeStringProperty("source", v.snapshot().source());
        JsonOutput.stringOrNull(g, "captured_at", c.capturedAt());
        JsonOutput.stringOrNull(g, "host", c.host());
        JsonOutput.stringOrNull(g, "kernel", c.kernel());
        g.writeName("uptime_seconds");
        if (c.uptimeSeconds() == null) {
            g.writeNull();
        } else {
            g.writeNumber(c.uptimeSeconds());
        }
        JsonOutput.stringOrNull(g, "boot_id", c.bootId());
        JsonOutput.stringOrNull(g, "pid_namespace", c.ownPidNamespace());
        JsonOutput.stringOrNull(g, "container_evidence", c.containerEvidence());
        g.writeBooleanProperty("live", c.live());
        g.writeBooleanProperty("uvm_loaded", v.snapshot().uvmLoaded());
    }

    static void scan(JsonGenerator g, VaSpaceView v) {
        ProcessScan s = v.snapshot().scan();
        g.writeNumberProperty("processes", s.read());
        g.writeNumberProperty("holders", s.holders().size());
        g.writeNumberProperty("unreadable_processes", s.unreadableProcesses());
        g.writeNumberProperty("vanished", s.vanished());
        g.writeName("unreadable");
        g.writeStartArray();
        s.unreadable().forEach(u -> {
            g.writeStartObject();
            g.writeNumberProperty("pid", u.pid());
            JsonOutput.stringOrNull(g, "comm", u.name());
            g.writeStringProperty("path", u.path());
            g.writeStringProperty("reason", u.reason());
            g.writeEndObject();
        });
        g.writeEndArray();
    }

    static void vaSpace(JsonGenerator g, LiveVerdict r, SnapshotVaSpace s) {
        VaSpaceView v = r.view();
        g.writeNumberProperty("owner_pid", s.ownerPid());
        g.writeStringProperty("state", s.state());
        g.writeNumberProperty("managed_ranges", s.ranges().size());
        g.writeNumberProperty("managed_bytes", s.bytes());
        g.writeName("members");
        g.writeStartArray();
        for (SnapshotVaSpace.Member m : s.members()) {
            SnapshotHolder h = v.holders().stream().filter(x -> x.pid() == m.pid()).findFirst().orElseThrow();
            g.writeStartObject();
            g.writeNumberProperty("pid", m.pid());
            JsonOutput.numberOrNull(g, "parent_pid", m.parentPid() == null ? null : (long) m.parentPid());
            g.writeStringProperty("relation", m.relation());
            g.writeName("uvm_fds");
            ints(g, m.fds());
            g.writeStringProperty("comm", h.process().status().name());
            g.writeStringProperty("class", h.state().name());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeName("ranges");
        g.writeStartArray();
        for (MapsRange range : s.ranges()) {
            range(g, range);
        }
        g.writeEndArray();
        findings(g, r.naming(s));
    }

    static void range(JsonGenerator g, MapsRange r) {
        g.writeStartObject();
        g.writeStringProperty("start", Sizes.hex(r.start()));
        g.writeStringProperty("end", Sizes.hex(r.end()));
        g.writeNumberProperty("size", r.size());
        g.writeStringProperty("perms", r.perms());
        g.writeStringProperty("offset", Sizes.hex(r.offset()));
        g.writeStringProperty("path", r.path());
        origin(g, r.origin());
        g.writeEndObject();
    }

    static void holder(JsonGenerator g, LiveVerdict r, SnapshotHolder h) {
        HolderProcess p = h.process();
        g.writeNumberProperty("pid", h.pid());
        g.writeStringProperty("comm", p.status().name());
        g.writeStringProperty("state", p.status().state());
        g.writeStringProperty("class", h.state().name());
        JsonOutput.stringOrNull(g, "role", h.role());
        JsonOutput.numberOrNull(g, "ppid", p.status().ppid() == null ? null : (long) p.status().ppid());
        g.writeBooleanProperty("reparented", h.reparented());
        JsonOutput.numberOrNull(g, "reaper_pid", h.reaperPid() == null ? null : (long) h.reaperPid());
        JsonOutput.stringOrNull(g, "reaper_comm", h.reaperName());
        JsonOutput.numberOrNull(g, "uid", p.status().uid() == null ? null : (long) p.status().uid());
        g.writeName("nspid");
        ints(g, p.status().nspid());
        JsonOutput.stringOrNull(g, "pid_namespace", p.pidNamespace());
        JsonOutput.stringOrNull(g, "cmdline", p.cmdline());
        g.writeName("cgroup");
        if (p.cgroup() == null) {
            g.writeNull();
        } else {
            g.writeStartObject();
            g.writeStringProperty("path", p.cgroup().path());
            JsonOutput.stringOrNull(g, "runtime", p.cgroup().runtime());
            JsonOutput.stringOrNull(g, "container_id", p.cgroup().containerId());
            JsonOutput.stringOrNull(g, "pod_uid", p.cgroup().podUid());
            JsonOutput.stringOrNull(g, "unit", p.cgroup().unit());
            JsonOutput.stringOrNull(g, "slurm_job", p.cgroup().slurmJob());
            g.writeEndObject();
        }
        JsonOutput.numberOrNull(g, "va_space", h.vaSpace() == null ? null : (long) h.vaSpace());
        JsonOutput.numberOrNull(g, "nvml_used_bytes", h.nvmlUsedBytes());
        JsonOutput.stringOrNull(g, "driver_frame", h.driverFrame());
        g.writeName("fds");
        g.writeStartArray();
        for (FdLink f : p.deviceFds()) {
            g.writeStartObject();
            g.writeNumberProperty("fd", f.fd());
            g.writeStringProperty("target", f.target());
            g.writeStringProperty("device", f.device().kind().name());
            JsonOutput.numberOrNull(g, "minor", f.device().minor() == null ? null : (long) f.device().minor());
            JsonOutput.stringOrNull(g, "flags", f.flags() == null ? null : "0" + Long.toOctalString(f.flags()));
            JsonOutput.booleanOrNull(g, "close_on_exec", f.closeOnExec());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeNumberProperty("device_mappings", p.deviceRanges().size());
        g.writeNumberProperty("managed_bytes", p.uvmRanges().stream().mapToLong(MapsRange::size).sum());
        g.writeNumberProperty("threads_read", p.threadsRead());
        g.writeName("tasks");
        g.writeStartArray();
        for (TaskState t : p.tasks()) {
            g.writeStartObject();
            g.writeNumberProperty("tid", t.tid());
            JsonOutput.stringOrNull(g, "comm", t.name());
            g.writeStringProperty("state", t.state());
            JsonOutput.stringOrNull(g, "wchan", t.wchan());
            g.writeName("stack");
            strings(g, t.stack());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeName("notes");
        strings(g, h.notes());
        findings(g, r.naming(h.pid()));
        g.writeName("unreadable");
        strings(g, p.unreadable());
        origin(g, p.status().origin());
    }

    /** {@code "findings": [{"class", "id"}]}: the findings that name what the object is about. */
    static void findings(JsonGenerator g, List<Finding> findings) {
        g.writeName("findings");
        g.writeStartArray();
        for (Finding f : findings) {
            g.writeStartObject();
            g.writeStringProperty("class", f.findingClass().name());
            g.writeStringProperty("id", f.id());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    static void gpu(JsonGenerator g, GpuView v) {
        JsonOutput.stringOrNull(g, "bus", v.bus() == null ? null : v.bus().toString());
        JsonOutput.stringOrNull(g, "uuid", v.uuid());
        JsonOutput.numberOrNull(g, "index", v.index() == null ? null : (long) v.index());
        JsonOutput.numberOrNull(g, "minor", v.minor() == null ? null : (long) v.minor());
        JsonOutput.stringOrNull(g, "name", v.name());
        JsonOutput.numberOrNull(g, "uvm_retained_count", v.retainedCount());
        g.writeName("uvm");
        g.writeStartArray();
        for (UvmGpuInfo u : v.uvm()) {
            g.writeStartObject();
            g.writeStringProperty("directory", u.directory());
            JsonOutput.numberOrNull(g, "uvm_id", u.uvmId() == null ? null : (long) u.uvmId());
            JsonOutput.stringOrNull(g, "instance_uuid", u.instanceUuid());
            JsonOutput.numberOrNull(g, "retained_count", u.retainedCount());
            JsonOutput.stringOrNull(g, "ecc", u.ecc());
            JsonOutput.stringOrNull(g, "closest_cpu_numa_node", u.numaNode());
            origin(g, u.retainedOrigin() == null ? u.origin() : u.retainedOrigin());
            g.writeEndObject();
        }
        g.writeEndArray();
        SmiGpu s = v.smi();
        JsonOutput.numberOrNull(g, "memory_total_bytes", s == null ? null : s.totalBytes());
        JsonOutput.numberOrNull(g, "memory_reserved_bytes", s == null ? null : s.reservedBytes());
        JsonOutput.numberOrNull(g, "memory_used_bytes", s == null ? null : s.usedBytes());
        JsonOutput.numberOrNull(g, "memory_free_bytes", s == null ? null : s.freeBytes());
        JsonOutput.stringOrNull(g, "memory_note", s == null ? null : s.note());
        JsonOutput.stringOrNull(g, "memory_source", s == null ? null : s.origin().location());
        g.writeNumberProperty("nvml_processes", v.nvmlProcesses());
        JsonOutput.numberOrNull(g, "nvml_process_bytes", v.nvmlProcessBytes());
    }

    /** NVML's process type (C, G, C+G) in an NDJSON record, where {@code type} is the record's. */
    static final String NDJSON_PROCESS_TYPE = "process_type";

    /** An NVML process; its type under {@code typeKey}: {@code type} in the JSON document, {@link #NDJSON_PROCESS_TYPE} in NDJSON. */
    static void nvml(JsonGenerator g, LiveVerdict r, NvmlProcess n, String typeKey) {
        SmiProcess p = n.listed();
        JsonOutput.numberOrNull(g, "pid", p.pid() == null ? null : (long) p.pid());
        JsonOutput.stringOrNull(g, "name", p.name());
        JsonOutput.stringOrNull(g, typeKey, p.type());
        JsonOutput.numberOrNull(g, "gpu_index", p.gpuIndex() == null ? null : (long) p.gpuIndex());
        JsonOutput.stringOrNull(g, "gpu_uuid", p.gpuUuid());
        JsonOutput.stringOrNull(g, "gpu_bus", p.gpuBus() == null ? null : p.gpuBus().toString());
        JsonOutput.stringOrNull(g, "gpu_instance", p.gpuInstance());
        JsonOutput.stringOrNull(g, "compute_instance", p.computeInstance());
        JsonOutput.numberOrNull(g, "used_bytes", p.usedBytes());
        JsonOutput.stringOrNull(g, "used_note", p.note());
        JsonOutput.stringOrNull(g, "class", n.state() == null ? null : n.state().name());
        JsonOutput.stringOrNull(g, "comm_here", n.localName());
        g.writeBooleanProperty("holds_devices_here", n.holder() != null);
        findings(g, p.pid() == null ? List.of() : r.naming(p.pid()));
        origin(g, p.origin());
    }

    static void note(JsonGenerator g, ViewNote n) {
        g.writeStringProperty("id", n.id());
        g.writeStringProperty("message", n.message());
        g.writeName("evidence");
        strings(g, n.evidence());
    }

    static void hmm(JsonGenerator g, List<HmmRegion> regions) {
        if (regions == null) {
            g.writeNull();
            return;
        }
        g.writeStartArray();
        for (HmmRegion r : regions) {
            g.writeStartObject();
            g.writeStringProperty("start", Sizes.hex(r.start()));
            g.writeStringProperty("end", Sizes.hex(r.end()));
            g.writeBooleanProperty("addresses_hidden", r.addressesHidden());
            JsonOutput.numberOrNull(g, "size", r.addressesHidden() ? null : r.size());
            origin(g, r.origin());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    static void driverVaSpaces(JsonGenerator g, DriverVaSpaces d) {
        if (d == null) {
            g.writeNull();
            return;
        }
        g.writeStartObject();
        g.writeStringProperty("input", d.input());
        g.writeNumberProperty("unrecognised_lines", d.unrecognised());
        g.writeName("va_spaces");
        g.writeStartArray();
        for (DriverVaSpaces.Entry e : d.vaSpaces()) {
            g.writeStartObject();
            g.writeStringProperty("label", e.label());
            JsonOutput.numberOrNull(g, "pid", e.pid() == null ? null : (long) e.pid());
            g.writeName("ranges");
            g.writeStartArray();
            for (DriverVaSpaces.Range r : e.ranges()) {
                g.writeStartObject();
                g.writeStringProperty("start", Sizes.hex(r.start()));
                g.writeStringProperty("end", Sizes.hex(r.end()));
                origin(g, r.origin());
                g.writeEndObject();
            }
            g.writeEndArray();
            origin(g, e.origin());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    static void complete(JsonGenerator g, LiveVerdict r) {
        g.writeBooleanProperty("complete", r.missing().isEmpty());
        g.writeName("missing");
        strings(g, r.missing());
    }

    static void origin(JsonGenerator g, Provenance o) {
        g.writeStringProperty("input", o.input());
        JsonOutput.numberOrNull(g, "line", o.line() > 0 ? o.line() : null);
    }

    static void strings(JsonGenerator g, List<String> values) {
        g.writeStartArray();
        for (String s : values) {
            g.writeString(s);
        }
        g.writeEndArray();
    }

    static void ints(JsonGenerator g, List<Integer> values) {
        g.writeStartArray();
        for (Integer i : values) {
            g.writeNumber(i);
        }
        g.writeEndArray();
    }
}
