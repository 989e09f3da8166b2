package dev.uvmctl.cli;

import dev.uvmctl.event.DriverLeak;
import dev.uvmctl.event.Xid;
import dev.uvmctl.finding.Finding;
import dev.uvmctl.finding.LeaksReport;
import dev.uvmctl.finding.ProcessRef;
import dev.uvmctl.ingest.EventMerger;
import dev.uvmctl.params.ParamCatalog;
import dev.uvmctl.params.ParamsAnalyzer;
import dev.uvmctl.params.ParamsObservation;
import dev.uvmctl.params.ParamsReport;
import dev.uvmctl.params.ParamsSources;
import dev.uvmctl.procfs.CgroupInfo;
import dev.uvmctl.render.LeaksMetrics;
import dev.uvmctl.render.XidCounter;
import dev.uvmctl.source.SysRoot;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the metrics of {@code leaks} need besides the report: the Xids and the driver's leak
 * reports seen during the replay, and, from the system root the history ends in, the cgroups of
 * the holders (their container and pod) and the parameter checks.
 */
final class MetricsInputs {
    private final XidCounter xids;
    /** False when something else counts the Xids (serve following /dev/kmsg): the replay's are not counted. */
    private final boolean countsReplayed;
    private Long driverLeaked;

    private MetricsInputs(XidCounter xids, boolean countsReplayed) {
        this.xids = xids;
        this.countsReplayed = countsReplayed;
    }

    /** Xids counted from the replay into {@code xids}, a counter that earlier rounds may have counted into (serve, --textfile). */
    MetricsInputs(XidCounter xids) {
        this(xids, true);
    }

    /** Xids counted by someone else into {@code xids} (serve's follower of /dev/kmsg); the replay's are left alone. */
    static MetricsInputs followed(XidCounter xids) {
        return new MetricsInputs(xids, false);
    }

    /** Each replayed event. */
    void accept(EventMerger m) {
        if (m.event() instanceof Xid x) {
            if (countsReplayed) {
                xids.offer(x, m.boot(), m.time());
            }
        } else if (m.event() instanceof DriverLeak d) {
            driverLeaked = (driverLeaked == null ? 0 : driverLeaked) + d.bytes();
        }
    }

    /** The metrics of {@code report}; {@code root} is the system root read last, or null when only files were. */
    LeaksMetrics metrics(LeaksReport report, SysRoot root, int maxSeries) {
        if (countsReplayed) {
            xids.endRound();
        }
        ParamsReport params = root == null ? null : params(root);
        return LeaksMetrics.builder(report)
            .xids(xids)
            .driverLeaked(driverLeaked)
            .cgroups(root == null ? Map.of() : cgroups(root, report))
            .checks(params == null ? null : params.checks())
            .checksMissing(params == null ? List.of() : params.missing())
            .maxSeries(maxSeries)
            .build();
    }

    /** The cgroups of the holders still alive at the end, read from the root that saw them. */
    private static Map<Integer, CgroupInfo> cgroups(SysRoot root, LeaksReport report) {
        RootIdentities identities = new RootIdentities(root);
        Map<Integer, CgroupInfo> out = new HashMap<>();
        for (Finding f : report.findings()) {
            ProcessRef holder = LeaksMetrics.holderOf(f);
            if (holder != null && !out.containsKey(holder.pid())) {
                CgroupInfo cg = identities.cgroupInfo(holder.pid());
                if (cg != null) {
                    out.put(holder.pid(), cg);
                }
            }
        }
        return out;
    }

    /** The parameter checks of the root and what they could not read, or null when nvidia_uvm is not loaded there. */
    private static ParamsReport params(SysRoot root) {
        ParamsObservation o = ParamsSources.fromRoot(root);
        return o == null ? null : new ParamsAnalyzer(ParamCatalog.load()).analyze(o);
    }
}
