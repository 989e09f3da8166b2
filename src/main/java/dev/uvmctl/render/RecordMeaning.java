package dev.uvmctl.render;

import dev.uvmctl.shared.Sizes;
import dev.uvmctl.kernellog.BootStart;
import dev.uvmctl.kernellog.CallTrace;
import dev.uvmctl.kernellog.DriverError;
import dev.uvmctl.kernellog.DriverLeakReport;
import dev.uvmctl.kernellog.DriverLoad;
import dev.uvmctl.kernellog.DriverMessage;
import dev.uvmctl.kernellog.DriverUnload;
import dev.uvmctl.kernellog.GpuFailure;
import dev.uvmctl.kernellog.GpuInfo;
import dev.uvmctl.kernellog.GpuLostRecord;
import dev.uvmctl.kernellog.KernelRecord;
import dev.uvmctl.kernellog.LogGap;
import dev.uvmctl.kernellog.OomKill;
import dev.uvmctl.kernellog.TraceKind;
import dev.uvmctl.kernellog.UvmLoad;
import dev.uvmctl.kernellog.UvmPrint;
import dev.uvmctl.kernellog.UvmUnload;
import dev.uvmctl.kernellog.XidRecord;

/**
 * One line saying what a record means for GPU memory. The table shows it; JSON carries it as
 * {@code meaning}, so the table is a view of the same document.
 */
public final class RecordMeaning {
    private RecordMeaning() {
    }

    public static String of(KernelRecord r) {
        if (r instanceof LogGap g) {
            return g.why();
        }
        if (r instanceof XidRecord x) {
            return xid(x);
        }
        if (r instanceof GpuLostRecord g) {
            return "GPU fell off the bus" + (g.when().equals("probe") ? " (found at probe)" : "")
                + ": its memory is gone until the node is reset";
        }
        if (r instanceof GpuFailure f) {
            return failure(f);
        }
        if (r instanceof DriverError e) {
            return e.reason().equals("assert") ? "driver assertion failed" : "driver could not allocate host memory";
        }
        if (r instanceof CallTrace t) {
            return trace(t);
        }
        if (r instanceof OomKill k) {
            return "OOM killer ended " + name(k.process(), k.pid())
                + (k.anonRss() == null ? "" : " (anon-rss " + Sizes.iec(k.anonRss()) + ")")
                + (k.gpuProcess() ? ": a GPU process, its GPU memory must come back" : "");
        }
        if (r instanceof DriverLeakReport l) {
            return "nvidia-uvm unloaded with " + (l.bytes() == null ? "an unknown amount" : Sizes.iecAndBytes(l.bytes()))
                + " of its own kernel memory still allocated"
                + (l.allocations().isEmpty() ? "" : " (" + l.allocations().size() + " allocations listed)");
        }
        if (r instanceof UvmPrint p) {
            return "nvidia-uvm " + p.severity() + ": " + firstLine(p.text());
        }
        if (r instanceof UvmLoad u) {
            return "nvidia-uvm loaded" + (u.major() == null ? "" : " (major " + u.major() + ")");
        }
        if (r instanceof UvmUnload) {
            return "nvidia-uvm unloaded: no va_space was left";
        }
        if (r instanceof DriverLoad d) {
            return d.module() + " loaded" + (d.version() == null ? "" : " " + d.version())
                + (Boolean.TRUE.equals(d.open()) ? " (open kernel module)" : "")
                + (d.gpuId() == null ? "" : " for GPU ID " + d.gpuId());
        }
        if (r instanceof DriverUnload d) {
            return d.module() + " unloaded" + (d.gpuId() == null ? "" : " for GPU ID " + d.gpuId());
        }
        if (r instanceof GpuInfo g) {
            return g.uuid() != null ? "GPU " + g.uuid() + (g.serial() == null ? "" : ", serial " + g.serial())
                : g.minor() != null ? "nvidia-drm device minor " + g.minor() : "board serial " + g.serial();
        }
        if (r instanceof BootStart b) {
            return "boot " + b.origin().boot() + (b.kernelVersion() == null ? "" : ": Linux " + b.kernelVersion())
                + (b.reason().equals("time-reset") ? " (kernel time went back to " + LogTimes.seconds(b.origin().kernelMicros()) + " s)" : "");
        }
        DriverMessage m = (DriverMessage) r;
        return firstLine(m.message());
    }

    private static String xid(XidRecord x) {
        StringBuilder b = new StringBuilder(x.catalog() == null ? "unknown Xid" : x.catalog().name());
        if (x.mmuFault() != null) {
            b.append(": ").append(x.mmuFault().faultType()).append(x.mmuFault().accessType() == null ? "" : " " + x.mmuFault().accessType())
                .append(" by ").append(x.mmuFault().engine()).append(" at ").append(Sizes.hex(x.mmuFault().address()));
        } else if (x.rpc() != null) {
            b.append(": no answer to RPC function ").append(x.rpc().function())
                .append(x.rpc().functionName() == null ? "" : " (" + x.rpc().functionName() + ")")
                .append(x.rpc().timeoutSeconds() == null ? "" : " for " + x.rpc().timeoutSeconds() + " s");
        } else if (x.recoveryAction() != null) {
            b.append(": ").append(x.recoveryAction());
        }
        if (x.causedBy() != null) {
            b.append(" (caused by Xid ").append(x.causedBy()).append(')');
        }
        if (x.catalog() != null) {
            b.append("; ").append(x.catalog().firstAction());
        }
        return b.toString();
    }

    private static String failure(GpuFailure f) {
        return switch (f.reason()) {
            case INIT_FAILED -> "driver could not initialize the GPU" + (f.code() == null ? "" : " (RmInitAdapter " + f.code() + ")");
            case PROBE_FAILED -> "driver probe failed for " + f.devices() + " device(s)";
            case GSP_TIMEOUT -> "GSP firmware did not answer" + (f.rpc() == null || f.rpc().function() == null ? ""
                : " RPC function " + f.rpc().function());
            case RESET_REQUIRED -> "the GPU needs a reset";
        };
    }

    private static String trace(CallTrace t) {
        String who = t.process() == null ? "a task" : name(t.process(), t.pid());
        String where = t.uvmActivity() != null ? " in " + t.uvmActivity() : " in the nvidia driver";
        String what = switch (t.traceKind()) {
            case HUNG_TASK -> who + " blocked" + (t.blockedSeconds() == null ? "" : " " + t.blockedSeconds() + " s")
                + (t.state() == null ? "" : " in state " + t.state()) + where;
            case SOFT_LOCKUP -> who + " stuck on a CPU" + where;
            case WARNING -> "kernel warning" + where;
            case TRACE -> "call trace" + (t.process() == null ? "" : " of " + who) + where;
            case BUG, GPF, OOPS, STALL -> "kernel " + t.traceKind().label() + (t.process() == null ? "" : " in " + who) + where;
        };
        if ("va_space teardown".equals(t.uvmActivity())) {
            what += t.traceKind() == TraceKind.HUNG_TASK || t.traceKind() == TraceKind.SOFT_LOCKUP
                ? ": its GPU memory stays held until the teardown finishes"
                : ": the va_space's memory may never be freed";
        }
        return what;
    }

    private static String name(String process, Long pid) {
        return (process == null ? "process" : process) + (pid == null ? "" : " (pid " + pid + ")");
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl) + " …";
    }
}
