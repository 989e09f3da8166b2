package dev.uvmctl.render;

import dev.uvmctl.event.EventTime;
import dev.uvmctl.finding.Finding;
import dev.uvmctl.finding.FindingClass;
import dev.uvmctl.finding.Incidents;
import dev.uvmctl.finding.LeaksReport;
import dev.uvmctl.finding.ProcessRef;
import dev.uvmctl.params.ParamCheck;
import dev.uvmctl.procfs.CgroupInfo;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code uvmctl leaks -o prometheus|openmetrics}, {@code --textfile} and {@code serve}'s
 * {@code /metrics}: the report as Prometheus metrics (docs/metrics.md). Findings are counted per
 * class, every class always present, and so are incidents (ended processes that explain two or
 * more findings each, {@link Incidents}, 0 included); bytes are per class, memory (GPU or CPU), GPU and holder,
 * only where known (a finding of unknown size has no bytes series, never a 0). At most
 * {@code maxSeries} bytes series are kept, the largest; the rest are summed into one series per
 * class and memory whose {@code series} label is {@code other}, and {@code uvmctl_series_folded}
 * says how many were folded.
 */
public final class LeaksMetrics {
    static final String FINDINGS = "uvmctl_findings";
    static final String FINDINGS_INFERRED = "uvmctl_findings_inferred";
    static final String FINDINGS_AT_LEAST = "uvmctl_findings_bytes_at_least";
    static final String INCIDENTS = "uvmctl_incidents";
    static final String UNRELEASED_BYTES = "uvmctl_unreleased_bytes";
    static final String PARAM_CHECKS_FAILING = "uvmctl_param_checks_failing";
    static final String SERIES_FOLDED = "uvmctl_series_folded";

    private final LeaksReport report;
    private final Map<Integer, CgroupInfo> cgroups;
    private final XidCounter xids;
    private final Long driverLeaked;
    private final List<ParamCheck> checks;
    private final List<String> checksMissing;
    private final int maxSeries;
    private int folded;

    private LeaksMetrics(Builder b) {
        this.report = b.report;
        this.cgroups = b.cgroups;
        this.xids = b.xids;
        this.driverLeaked = b.driverLeaked;
        this.checks = b.checks;
        this.checksMissing = b.checksMissing;
        this.maxSeries = b.maxSeries;
    }

    public static Builder builder(LeaksReport report) {
        return new Builder(report);
    }

    /** What {@code leaks} knows besides the report: holders' cgroups, Xid counts, the driver's leak report, parameter checks. */
    public static final class Builder {
        private final LeaksReport report;
        private Map<Integer, CgroupInfo> cgroups = Map.of();
        private XidCounter xids = new XidCounter();
        private Long driverLeaked;
        private List<ParamCheck> checks;
        private List<String> checksMissing = List.of();
        private int maxSeries = Integer.MAX_VALUE;

        private Builder(LeaksReport report) {
            this.report = report;
        }

        /** The cgroups of live holders by pid, read from the system root the findings end in. */
        public Builder cgroups(Map<Integer, CgroupInfo> byPid) {
            this.cgroups = byPid;
            return this;
        }

        public Builder xids(XidCounter counter) {
            this.xids = counter;
            return this;
        }

        /** The bytes nvidia-uvm's leak checker reported, or null when it reported none. */
        public Builder driverLeaked(Long bytes) {
            this.driverLeaked = bytes;
            return this;
        }

        /** The parameter checks of the root, or null when its parameters were not read. */
        public Builder checks(List<ParamCheck> checks) {
            this.checks = checks;
            return this;
        }

        /**
         * What the parameter checks could not read (the module's parameters closed to this user, say):
         * {@code uvmctl_param_checks_failing} is then incomplete, so the scrape is.
         */
        public Builder checksMissing(List<String> missing) {
            this.checksMissing = List.copyOf(missing);
            return this;
        }

        public Builder maxSeries(int max) {
            this.maxSeries = max;
            return this;
        }

        public LeaksMetrics build() {
            return new LeaksMetrics(this);
        }
    }

    /** What the parameter checks could not read; empty when they read all they needed, or were not run. */
    public List<String> checksMissing() {
        return checksMissing;
    }

    /** How many bytes series {@code --max-series} folded into {@code other} series (known after {@link #snapshots}). */
    public int folded() {
        return folded;
    }

    public MetricSnapshots snapshots() {
        List<MetricSnapshot> all = new ArrayList<>();
        all.add(findings());
        all.add(inferred());
        all.add(perClass(FINDINGS_AT_LEAST, "Findings of uvmctl leaks by class whose bytes are a lower bound: a copy proved pages resident "
            + "where no input showed them arrive (first touches no probe sees), so their uvmctl_unreleased_bytes may be short (every class, "
            + "0 included).", f -> f.figures().bytesAtLeast()));
        all.add(MetricFamilies.gauge(INCIDENTS, "Incidents of uvmctl leaks: ended processes that explain two or more findings each "
            + "(always present, 0 included).", Incidents.of(report.findings()).size()));
        all.add(bytes());
        all.add(MetricFamilies.gauge(SERIES_FOLDED, "Series of uvmctl_unreleased_bytes that --max-series folded into its series=\"other\" series.",
            folded));
        all.addAll(xids.snapshots());
        all.addAll(MetricFamilies.driverLeaked(driverLeaked));
        if (checks != null) {
            all.add(checks());
        }
        // An absent uvmctl_param_checks_failing says no check fails: never so when they could not be run.
        all.add(MetricFamilies.incomplete(report.incomplete() || !checksMissing.isEmpty()));
        return new MetricSnapshots(all);
    }

    private MetricSnapshot findings() {
        return perClass(FINDINGS, "Findings of uvmctl leaks by class: memory that should have been released and was not (every class, "
            + "0 included).", f -> true);
    }

    private MetricSnapshot inferred() {
        return perClass(FINDINGS_INFERRED, "Findings of uvmctl leaks by class that are inferred from an incomplete history: an input "
            + "(a trace whose ring buffer filled, a kernel log that says it lost messages) lost events while what they are about existed "
            + "(every class, 0 included).",
            f -> f.evidence().inferred());
    }

    private MetricSnapshot perClass(String name, String help, java.util.function.Predicate<Finding> counted) {
        Map<FindingClass, Long> counts = new LinkedHashMap<>();
        for (FindingClass c : FindingClass.values()) {
            if (c.isFinding()) {
                counts.put(c, 0L);
            }
        }
        for (Finding f : report.findings()) {
            if (counted.test(f)) {
                counts.merge(f.findingClass(), 1L, Long::sum);
            }
        }
        GaugeSnapshot.Builder b = GaugeSnapshot.builder().name(name).help(help);
        counts.forEach((c, n) -> b.dataPoint(point(Labels.of("class", c.name()), n)));
        return b.build();
    }

    private MetricSnapshot bytes() {
        Map<Labels, Long> series = new TreeMap<>();
        for (Finding f : report.findings()) {
            if (f.bytes() == null) {
                continue;
            }
            Labels holder = holder(f);
            for (Map.Entry<String, Long> e : f.bytes().entrySet()) {
                boolean cpu = e.getKey().equals("cpu");
                // A processor the finding has nothing on (the report lists every GPU it knows) is no series.
                if (e.getValue() == 0 && (cpu || !f.gpus().contains(e.getKey()))) {
                    continue;
                }
                Labels l = cpu ? Labels.of("class", f.findingClass().name(), "memory", "cpu")
                    : Labels.of("class", f.findingClass().name(), "memory", "gpu", "gpu", e.getKey());
                series.merge(l.merge(holder), e.getValue(), LeaksJson::saturated);
            }
        }
        GaugeSnapshot.Builder b = GaugeSnapshot.builder().name(UNRELEASED_BYTES).unit(Unit.BYTES)
            .help("Bytes that should have been released and were not, by finding class, memory (gpu or cpu), GPU and holder where known.");
        List<Map.Entry<Labels, Long>> ordered = new ArrayList<>(series.entrySet());
        ordered.sort(Map.Entry.<Labels, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()));
        Map<Labels, Long> other = new TreeMap<>();
        folded = 0;
        for (int i = 0; i < ordered.size(); i++) {
            Map.Entry<Labels, Long> e = ordered.get(i);
            if (i < maxSeries) {
                b.dataPoint(point(e.getKey(), e.getValue()));
            } else {
                folded++;
                other.merge(Labels.of("class", e.getKey().get("class"), "memory", e.getKey().get("memory"), "series", "other"),
                    e.getValue(), LeaksJson::saturated);
            }
        }
        other.forEach((l, v) -> b.dataPoint(point(l, v)));
        return b.build();
    }

    /**
     * The process a finding's series is labelled with: its first holder, else its owner while
     * alive (a pinned or stuck finding's own process); null when neither.
     */
    public static ProcessRef holderOf(Finding f) {
        if (!f.holders().isEmpty()) {
            return f.holders().get(0);
        }
        ProcessRef owner = f.owner();
        return owner != null && owner.exitTime() == EventTime.UNKNOWN ? owner : null;
    }

    /** The labels of {@link #holderOf}: pid, comm, and the container and pod its cgroup names; none without one. */
    private Labels holder(Finding f) {
        ProcessRef h = holderOf(f);
        if (h == null) {
            return Labels.EMPTY;
        }
        Labels l = Labels.of("pid", Integer.toString(h.pid()));
        if (h.comm() != null) {
            l = l.add("comm", h.comm());
        }
        CgroupInfo cg = cgroups.get(h.pid());
        if (cg != null && cg.containerId() != null) {
            l = l.add("container_id", cg.containerId());
        }
        if (cg != null && cg.podUid() != null) {
            l = l.add("pod_uid", cg.podUid());
        }
        return l;
    }

    private MetricSnapshot checks() {
        Map<String, Long> failing = new TreeMap<>();
        for (ParamCheck c : checks) {
            boolean fails = switch (c.level()) {
                case warning -> true;
                case info -> false;
            };
            if (fails) {
                failing.merge(c.id(), 1L, Long::sum);
            }
        }
        GaugeSnapshot.Builder b = GaugeSnapshot.builder().name(PARAM_CHECKS_FAILING)
            .help("nvidia-uvm parameter checks that give a warning, per check id (uvmctl params; absent when none fails).");
        failing.forEach((id, n) -> b.dataPoint(point(Labels.of("id", id), n)));
        return b.build();
    }

    private static GaugeSnapshot.GaugeDataPointSnapshot point(Labels labels, double value) {
        return GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(labels).value(value).build();
    }
}
