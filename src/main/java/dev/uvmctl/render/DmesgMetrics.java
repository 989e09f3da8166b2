package dev.uvmctl.render;

import dev.uvmctl.kernellog.DmesgSummary;
import dev.uvmctl.kernellog.InputResult;
import dev.uvmctl.kernellog.KernelRecord;
import dev.uvmctl.render.MetricFamilies.XidKey;
import dev.uvmctl.shared.Diagnostic;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code uvmctl dmesg -o prometheus|openmetrics}: the summary of the kernel log as metrics (Xids
 * per GPU and code as counters, the driver's leak report, records needing attention, and whether
 * an input was unreadable); records are not printed one by one (docs/metrics.md).
 */
final class DmesgMetrics implements DmesgRenderer {
    static final String ATTENTION = "uvmctl_kernel_log_attention_records";

    private final PrintWriter out;
    private final PrintWriter notices;
    private final Style errStyle;
    private final boolean openMetrics;
    private Diagnostic firstDiagnostic;
    private long diagnostics;

    DmesgMetrics(PrintWriter out, PrintWriter notices, Style errStyle, boolean openMetrics) {
        this.out = out;
        this.notices = notices;
        this.errStyle = errStyle;
        this.openMetrics = openMetrics;
    }

    static MetricSnapshots snapshots(DmesgSummary.Result summary, List<InputResult> inputs) {
        Map<XidKey, Long> xids = new TreeMap<>();
        for (DmesgSummary.GpuStats g : summary.gpus()) {
            for (DmesgSummary.XidCount x : g.xids()) {
                xids.merge(new XidKey(g.gpu().toString(), x.code()), x.count(), Long::sum);
            }
        }
        List<MetricSnapshot> all = new ArrayList<>();
        all.add(MetricFamilies.xids(xids));
        all.addAll(MetricFamilies.driverLeaked(summary.leakedBytes()));
        all.add(MetricFamilies.gauge(ATTENTION,
            "Kernel-log records about the GPUs that need attention (Xids, lost GPUs, driver errors, traces through nvidia; uvmctl dmesg).",
            summary.attention()));
        all.add(MetricFamilies.incomplete(inputs.stream().anyMatch(r -> !r.readable())));
        return new MetricSnapshots(all);
    }

    @Override
    public void accept(KernelRecord record) {
    }

    @Override
    public void commit() {
    }

    @Override
    public void discard() {
    }

    @Override
    public void diagnostic(Diagnostic diagnostic) {
        if (firstDiagnostic == null) {
            firstDiagnostic = diagnostic;
        }
        diagnostics++;
    }

    @Override
    public void finish(DmesgSummary.Result summary, List<InputResult> inputs) {
        Exposition.print(out, snapshots(summary, inputs), openMetrics);
        DiagnosticSummary.print(notices, firstDiagnostic, diagnostics, errStyle);
    }

    @Override
    public void close() {
        out.flush();
    }
}
