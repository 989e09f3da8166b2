package dev.uvmctl.render;

import dev.uvmctl.shared.Sizes;
import static dev.uvmctl.render.JsonOutput.booleanOrNull;
import static dev.uvmctl.render.JsonOutput.numberOrNull;
import static dev.uvmctl.render.JsonOutput.stringOrNull;

import dev.uvmctl.kernellog.BootStart;
import dev.uvmctl.kernellog.CallTrace;
import dev.uvmctl.kernellog.DmesgSummary;
import dev.uvmctl.kernellog.DriverError;
import dev.uvmctl.kernellog.DriverLeakReport;
import dev.uvmctl.kernellog.DriverLoad;
import dev.uvmctl.kernellog.DriverMessage;
import dev.uvmctl.kernellog.DriverUnload;
import dev.uvmctl.kernellog.GpuFailure;
import dev.uvmctl.kernellog.GpuInfo;
import dev.uvmctl.kernellog.GpuLostRecord;
import dev.uvmctl.kernellog.GspRpc;
import dev.uvmctl.kernellog.KernelRecord;
import dev.uvmctl.kernellog.LogGap;
import dev.uvmctl.kernellog.OomKill;
import dev.uvmctl.kernellog.RecordOrigin;
import dev.uvmctl.kernellog.UvmLoad;
import dev.uvmctl.kernellog.UvmPrint;
import dev.uvmctl.kernellog.UvmUnload;
import dev.uvmctl.kernellog.WallTime;
import dev.uvmctl.kernellog.XidRecord;
import java.util.List;
import tools.jackson.core.JsonGenerator;

/** Writes a kernel-log record as JSON with every field (docs/dmesg.md lists them). */
public final class KernelRecordJson {
    private KernelRecordJson() {
    }

    public static void write(JsonGenerator g, KernelRecord r) {
        RecordOrigin o = r.origin();
        g.writeStartObject();
        g.writeStringProperty("type", r.kind().label());
        g.writeNumberProperty("boot", o.boot());
        stringOrNull(g, "boot_id", o.bootId());
        time(g, "time", o.kernelMicros());
        wall(g, "wall_time", o.wall());
        numberOrNull(g, "level", o.level() == null ? null : o.level().longValue());
        stringOrNull(g, "gpu", r.gpu() == null ? null : r.gpu().toString());
        numberOrNull(g, "pid", r.pid());
        stringOrNull(g, "process", r.process());
        g.writeBooleanProperty("attention", r.needsAttention());
        g.writeStringProperty("meaning", RecordMeaning.of(r));
        g.writeStringProperty("input", o.input());
        stringOrNull(g, "section", o.section());
        g.writeNumberProperty("line", o.line());
        g.writeNumberProperty("last_line", o.lastLine());
        g.writeStringProperty("raw", o.raw());
        g.writeStringProperty("message", r.message());
        fields(g, r);
        g.writeEndObject();
    }

    private static void fields(JsonGenerator g, KernelRecord r) {
        if (r instanceof XidRecord x) {
            xid(g, x);
        } else if (r instanceof BootStart b) {
            g.writeStringProperty("reason", b.reason());
            stringOrNull(g, "kernel_version", b.kernelVersion());
        } else if (r instanceof GpuInfo i) {
            stringOrNull(g, "uuid", i.uuid());
            stringOrNull(g, "serial", i.serial());
            numberOrNull(g, "minor", i.minor() == null ? null : i.minor().longValue());
        } else if (r instanceof GpuLostRecord l) {
            g.writeStringProperty("when", l.when());
            stringOrNull(g, "pci_id", l.pciId());
            stringOrNull(g, "serial", l.serial());
        } else if (r instanceof GpuFailure f) {
            g.writeStringProperty("reason", f.reason().label());
            stringOrNull(g, "code", f.code());
            numberOrNull(g, "minor", f.minor() == null ? null : f.minor().longValue());
            numberOrNull(g, "devices", f.devices() == null ? null : f.devices().longValue());
            rpc(g, f.rpc());
            strings(g, "details", f.details());
        } else if (r instanceof DriverError e) {
            g.writeStringProperty("reason", e.reason());
        } else if (r instanceof DriverLoad d) {
            g.writeStringProperty("module", d.module());
            stringOrNull(g, "version", d.version());
            booleanOrNull(g, "open", d.open());
            numberOrNull(g, "major", d.major() == null ? null : d.major().longValue());
            stringOrNull(g, "gpu_id", d.gpuId());
        } else if (r instanceof DriverUnload d) {
            g.writeStringProperty("module", d.module());
            numberOrNull(g, "major", d.major() == null ? null : d.major().longValue());
            stringOrNull(g, "gpu_id", d.gpuId());
        } else if (r instanceof UvmLoad u) {
            numberOrNull(g, "major", u.major() == null ? null : u.major().longValue());
            stringOrNull(g, "mode", u.mode());
            g.writeStringProperty("spelling", u.spelling());
        } else if (r instanceof UvmUnload u) {
            stringOrNull(g, "mode", u.mode());
            g.writeStringProperty("spelling", u.spelling());
        } else if (r instanceof UvmPrint p) {
            uvmPrint(g, p);
        } else if (r instanceof DriverLeakReport l) {
            leak(g, l);
        } else if (r instanceof CallTrace t) {
            trace(g, t);
        } else if (r instanceof OomKill k) {
            oom(g, k);
        } else if (r instanceof LogGap l) {
            g.writeStringProperty("cause", l.cause().label());
            numberOrNull(g, "count", l.count());
        } else if (r instanceof DriverMessage m) {
            g.writeStringProperty("module", m.module());
            strings(g, "details", m.details());
        }
    }

    private static void xid(JsonGenerator g, XidRecord x) {
        stringOrNull(g, "uuid", x.uuid());
        numberOrNull(g, "gpu_instance", x.gpuInstance() == null ? null : x.gpuInstance().longValue());
        numberOrNull(g, "compute_instance", x.computeInstance() == null ? null : x.computeInstance().longValue());
        g.writeNumberProperty("code", x.code());
        g.writeBooleanProperty("known", x.catalog() != null);
        stringOrNull(g, "name", x.catalog() == null ? null : x.catalog().name());
        stringOrNull(g, "category", x.catalog() == null ? null : x.catalog().category());
        booleanOrNull(g, "memory_relevant", x.catalog() == null ? null : x.catalog().memoryRelevant());
        stringOrNull(g, "first_action", x.catalog() == null ? null : x.catalog().firstAction());
        stringOrNull(g, "pid_text", x.pidText());
        numberOrNull(g, "channel", x.channel());
        g.writeStringProperty("text", x.text());
        numberOrNull(g, "caused_by", x.causedBy() == null ? null : x.causedBy().longValue());
        g.writeName("mmu_fault");
        if (x.mmuFault() == null) {
            g.writeNull();
        } else {
            g.writeStartObject();
            g.writeStringProperty("engine", x.mmuFault().engine());
            stringOrNull(g, "gpc", x.mmuFault().gpc());
            stringOrNull(g, "client", x.mmuFault().client());
            g.writeStringProperty("address", Sizes.hex(x.mmuFault().address()));
            g.writeStringProperty("fault_type", x.mmuFault().faultType());
            stringOrNull(g, "access_type", x.mmuFault().accessType());
            g.writeEndObject();
        }
        g.writeArrayPropertyStart("esr");
        for (XidRecord.Esr e : x.esr()) {
            g.writeStartObject();
            g.writeStringProperty("register", Sizes.hex(e.register()));
            g.writeStringProperty("value", Sizes.hex(e.value()));
            g.writeEndObject();
        }
        g.writeEndArray();
        rpc(g, x.rpc());
        stringOrNull(g, "recovery_action", x.recoveryAction());
        strings(g, "details", x.details());
    }

    private static void rpc(JsonGenerator g, GspRpc rpc) {
        g.writeName("rpc");
        if (rpc == null) {
            g.writeNull();
            return;
        }
        g.writeStartObject();
        numberOrNull(g, "timeout_seconds", rpc.timeoutSeconds() == null ? null : rpc.timeoutSeconds().longValue());
        numberOrNull(g, "function", rpc.function() == null ? null : rpc.function().longValue());
        stringOrNull(g, "function_name", rpc.functionName());
        numberOrNull(g, "sequence", rpc.sequence());
        g.writeEndObject();
    }

    private static void uvmPrint(JsonGenerator g, UvmPrint p) {
        g.writeStringProperty("form", p.form());
        g.writeStringProperty("severity", p.severity());
        stringOrNull(g, "file", p.file());
        numberOrNull(g, "source_line", p.sourceLine() == null ? null : p.sourceLine().longValue());
        stringOrNull(g, "function", p.function());
        g.writeStringProperty("text", p.text());
        stringOrNull(g, "status", p.status());
    }

    private static void leak(JsonGenerator g, DriverLeakReport l) {
        numberOrNull(g, "bytes", l.bytes());
        g.writeArrayPropertyStart("allocations");
        for (DriverLeakReport.Allocation a : l.allocations()) {
            g.writeStartObject();
            g.writeNumberProperty("bytes", a.bytes());
            g.writeStringProperty("file", a.file());
            g.writeNumberProperty("line", a.line());
            g.writeStringProperty("function", a.function());
            g.writeStringProperty("address", Sizes.hex(a.address()));
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void trace(JsonGenerator g, CallTrace t) {
        g.writeStringProperty("trace_kind", t.traceKind().label());
        stringOrNull(g, "title", t.title());
        stringOrNull(g, "state", t.state());
        numberOrNull(g, "blocked_seconds", t.blockedSeconds() == null ? null : t.blockedSeconds().longValue());
        g.writeName("ip");
        if (t.ip() == null) {
            g.writeNull();
        } else {
            frame(g, t.ip());
        }
        g.writeArrayPropertyStart("frames");
        for (CallTrace.Frame f : t.frames()) {
            frame(g, f);
        }
        g.writeEndArray();
        g.writeNumberProperty("frames_omitted", t.framesOmitted());
        stringOrNull(g, "uvm_activity", t.uvmActivity());
    }

    private static void frame(JsonGenerator g, CallTrace.Frame f) {
        g.writeStartObject();
        g.writeStringProperty("function", f.function());
        stringOrNull(g, "offset", f.offset() == null ? null : Sizes.hex(f.offset()));
        stringOrNull(g, "size", f.size() == null ? null : Sizes.hex(f.size()));
        stringOrNull(g, "module", f.module());
        g.writeBooleanProperty("reliable", f.reliable());
        g.writeEndObject();
    }

    private static void oom(JsonGenerator g, OomKill k) {
        numberOrNull(g, "uid", k.uid());
        numberOrNull(g, "total_vm", k.totalVm());
        numberOrNull(g, "anon_rss", k.anonRss());
        numberOrNull(g, "file_rss", k.fileRss());
        numberOrNull(g, "shmem_rss", k.shmemRss());
        numberOrNull(g, "page_tables", k.pageTables());
        numberOrNull(g, "oom_score_adj", k.oomScoreAdj() == null ? null : k.oomScoreAdj().longValue());
        stringOrNull(g, "constraint", k.constraint());
        stringOrNull(g, "memcg", k.memcg());
        g.writeBooleanProperty("cgroup", k.cgroup());
        g.writeBooleanProperty("gpu_process", k.gpuProcess());
    }

    private static void strings(JsonGenerator g, String name, List<String> values) {
        g.writeArrayPropertyStart(name);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    static void time(JsonGenerator g, String name, Long micros) {
        g.writeName(name);
        if (micros == null) {
            g.writeNull();
        } else {
            g.writeNumber(LogTimes.seconds(micros));
        }
    }

    static void wall(JsonGenerator g, String name, WallTime wall) {
        stringOrNull(g, name, wall == null ? null : wall.toString());
    }

    /** {@code {"input":..,"section":..,"boot":..,"time":..,"wallTime":..}}. */
    static void moment(JsonGenerator g, String name, DmesgSummary.Moment m) {
        g.writeName(name);
        if (m == null) {
            g.writeNull();
            return;
        }
        g.writeStartObject();
        g.writeStringProperty("input", m.input());
        stringOrNull(g, "section", m.section());
        g.writeNumberProperty("boot", m.boot());
        time(g, "time", m.kernelMicros());
        wall(g, "wall_time", m.wall());
        g.writeEndObject();
    }
}
