package dev.uvmctl.kernellog;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects nvidia-uvm's leak-checker report (uvm_kvmalloc_exit, uvm_kvmalloc.c): banner, total,
 * banner, then one line per allocation at {@code uvm_leak_checker=2}.
 */
final class LeakAssembly {
    private final Message first;
    private Long bytes;
    private final List<DriverLeakReport.Allocation> allocations = new ArrayList<>();
    private long lastLine;
    private final StringBuilder text = new StringBuilder();

    LeakAssembly(Message first) {
        this.first = first;
        offer(first);
    }

    boolean offer(Message m) {
        String t = m.text();
        String module = DriverLines.module(t);
        if (module == null || !DriverLines.isUvm(module)) {
            return false;
        }
        String body = t.substring(module.length() + 1);
        int part = DriverLines.leakPart(body);
        if (part < 0 || part == 1 && bytes != null) {
            return false;
        }
        if (part == 1) {
            bytes = DriverLines.leakTotal(body);
        } else if (part == 2) {
            DriverLeakReport.Allocation a = DriverLines.leakAllocation(body);
            if (a != null && allocations.size() < 4096) {
                allocations.add(a);
            }
        }
        if (text.length() < 64 * 1024) {
            if (text.length() > 0) {
                text.append('\n');
            }
            text.append(t);
        }
        lastLine = m.lastLine;
        return true;
    }

    Message first() {
        return first;
    }

    /** The report, or a plain UVM print when the lines were only banners. */
    KernelRecord finish(RecordOrigin origin) {
        if (bytes == null && allocations.isEmpty()) {
            String t = first.text();
            String module = DriverLines.module(t);
            return DriverLines.uvm(origin, t, module, t.substring(module.length() + 1));
        }
        return new DriverLeakReport(origin.withLastLine(lastLine), text.toString(), bytes, allocations);
    }
}
