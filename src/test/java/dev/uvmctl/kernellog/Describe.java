package dev.uvmctl.kernellog;

import java.util.ArrayList;
import java.util.List;

/** A record in one line of the fields a test checks, so expectations read like the log. */
final class Describe {
    private Describe() {
    }

    static List<String> all(List<KernelRecord> records) {
        List<String> out = new ArrayList<>();
        for (KernelRecord r : records) {
            out.add(of(r));
        }
        return out;
    }

    static String of(KernelRecord r) {
        RecordOrigin o = r.origin();
        StringBuilder b = new StringBuilder(r.kind().label()).append(" L").append(o.line());
        if (o.lastLine() != o.line()) {
            b.append('-').append(o.lastLine());
        }
        if (o.boot() != 1) {
            b.append(" boot=").append(o.boot());
        }
        if (o.section() != null) {
            b.append(" [").append(o.section()).append(']');
        }
        if (r.gpu() != null) {
            b.append(" gpu=").append(r.gpu());
        }
        if (r.pid() != null) {
            b.append(" pid=").append(r.pid());
        }
        if (r.process() != null) {
            b.append(" process=").append(r.process());
        }
        if (r instanceof XidRecord x) {
            b.append(" code=").append(x.code());
            if (x.pidText() != null && x.pid() == null) {
                b.append(" pidText=").append(x.pidText());
            }
            if (x.uuid() != null) {
                b.append(" uuid=").append(x.uuid());
            }
            if (x.gpuInstance() != null) {
                b.append(" gi=").append(x.gpuInstance());
            }
            if (x.computeInstance() != null) {
                b.append(" ci=").append(x.computeInstance());
            }
            if (x.channel() != null) {
                b.append(" ch=").append(x.channel());
            }
            if (x.mmuFault() != null) {
                b.append(" mmu=").append(x.mmuFault().engine()).append('/')
                    .append(x.mmuFault().gpc() == null ? "" : x.mmuFault().gpc() + "/").append(x.mmuFault().client())
                    .append('/').append(x.mmuFault().faultType()).append('/').append(x.mmuFault().accessType())
                    .append("@0x").append(Long.toHexString(x.mmuFault().address()));
            }
            if (!x.esr().isEmpty()) {
                b.append(" esr=").append(x.esr().size());
            }
            if (x.rpc() != null) {
                b.append(" rpc=").append(x.rpc());
            }
            if (x.causedBy() != null) {
                b.append(" causedBy=").append(x.causedBy());
            }
            if (x.recoveryAction() != null) {
                b.append(" recovery=").append(x.recoveryAction());
            }
            b.append(x.catalog() == null ? " unknown" : "");
            if (!x.details().isEmpty()) {
                b.append(" details=").append(x.details().size());
            }
        } else if (r instanceof GpuInfo g) {
            append(b, "uuid", g.uuid());
            append(b, "serial", g.serial());
            append(b, "minor", g.minor());
        } else if (r instanceof GpuLostRecord g) {
            b.append(' ').append(g.when());
            append(b, "pciId", g.pciId());
            append(b, "serial", g.serial());
        } else if (r instanceof GpuFailure f) {
            b.append(' ').append(f.reason().label());
            append(b, "code", f.code());
            append(b, "minor", f.minor());
            append(b, "devices", f.devices());
            append(b, "rpc", f.rpc());
            if (!f.details().isEmpty()) {
                b.append(" details=").append(f.details().size());
            }
        } else if (r instanceof DriverError e) {
            b.append(' ').append(e.reason());
        } else if (r instanceof DriverLoad d) {
            b.append(' ').append(d.module());
            append(b, "version", d.version());
            append(b, "open", d.open());
            append(b, "major", d.major());
            append(b, "gpuId", d.gpuId());
        } else if (r instanceof DriverUnload d) {
            b.append(' ').append(d.module());
            append(b, "major", d.major());
            append(b, "gpuId", d.gpuId());
        } else if (r instanceof UvmLoad u) {
            b.append(' ').append(u.spelling());
            append(b, "major", u.major());
            append(b, "mode", u.mode());
        } else if (r instanceof UvmUnload u) {
            b.append(' ').append(u.spelling());
            append(b, "mode", u.mode());
        } else if (r instanceof UvmPrint p) {
            b.append(' ').append(p.form()).append(' ').append(p.severity());
            append(b, "at", p.file() == null ? null : p.file() + ":" + p.sourceLine() + " " + p.function());
            append(b, "status", p.status());
            b.append(" text=").append(p.text());
        } else if (r instanceof DriverLeakReport l) {
            append(b, "bytes", l.bytes());
            b.append(" allocations=").append(l.allocations().size());
        } else if (r instanceof CallTrace t) {
            b.append(' ').append(t.traceKind().label());
            append(b, "state", t.state());
            append(b, "blocked", t.blockedSeconds());
            append(b, "ip", t.ip() == null ? null : t.ip().function() + (t.ip().module() == null ? "" : " [" + t.ip().module() + "]"));
            b.append(" frames=").append(t.frames().size());
            long nvidia = t.frames().stream().filter(f -> TraceLine.isNvidia(f)).count();
            b.append(" nvidia=").append(nvidia);
            append(b, "activity", t.uvmActivity());
        } else if (r instanceof OomKill k) {
            append(b, "anonRss", k.anonRss());
            append(b, "constraint", k.constraint());
            append(b, "memcg", k.memcg());
            b.append(k.cgroup() ? " cgroup" : " global");
            b.append(k.gpuProcess() ? " gpuProcess" : "");
        } else if (r instanceof DriverMessage m) {
            b.append(' ').append(m.module());
            if (!m.details().isEmpty()) {
                b.append(" details=").append(m.details().size());
            }
        } else if (r instanceof BootStart s) {
            b.append(' ').append(s.reason());
            append(b, "kernel", s.kernelVersion());
            append(b, "bootId", o.bootId());
        }
        return b.toString();
    }

    private static void append(StringBuilder b, String name, Object value) {
        if (value != null) {
            b.append(' ').append(name).append('=').append(value);
        }
    }
}
