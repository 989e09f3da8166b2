package dev.uvmctl.render;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.List;
import java.util.Map;

/**
 * The metric families that {@code leaks} and {@code dmesg} both expose, built in one place so
 * that their names, types, units and help cannot differ between the two (docs/metrics.md).
 */
final class MetricFamilies {
    static final String XID_EVENTS = "uvmctl_xid_events";
    static final String RECORDS_LOST = "uvmctl_kernel_log_records_lost";
    static final String DRIVER_LEAKED_BYTES = "uvmctl_driver_leaked_bytes";
    static final String SCRAPE_INCOMPLETE = "uvmctl_scrape_incomplete";

    private MetricFamilies() {
    }

    /** One Xid count: how many Xids of {@code code} the core driver reported for {@code gpu}. */
    record XidKey(String gpu, int code) implements Comparable<XidKey> {
        @Override
        public int compareTo(XidKey o) {
            int c = gpu.compareTo(o.gpu);
            return c != 0 ? c : Integer.compare(code, o.code);
        }
    }

    /** {@code uvmctl_xid_events_total{gpu,code}}: a counter, so a restart of its count is a reset, not a fall. */
    static MetricSnapshot xids(Map<XidKey, Long> counts) {
        CounterSnapshot.Builder b = CounterSnapshot.builder().name(XID_EVENTS)
            .help("Xid errors the NVIDIA driver reported, per GPU (PCI bus id) and Xid code, counted from the kernel log.");
        for (Map.Entry<XidKey, Long> e : counts.entrySet()) {
            b.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder()
                .labels(Labels.of("gpu", e.getKey().gpu(), "code", Integer.toString(e.getKey().code())))
                .value(e.getValue()).build());
        }
        return b.build();
    }

    /** {@code uvmctl_kernel_log_records_lost_total}: serve's follower of /dev/kmsg fell behind; a counter for the server's life. */
    static MetricSnapshot recordsLost(long n) {
        return CounterSnapshot.builder().name(RECORDS_LOST)
            .help("Kernel log records that serve's follower of /dev/kmsg found overwritten before it read them (their numbers jumped): "
                + "Xids among them are missing from uvmctl_xid_events_total.")
            .dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().value(n).build()).build();
    }

    /** {@code uvmctl_driver_leaked_bytes}: what nvidia-uvm's leak checker reported; null (no report) gives none. */
    static List<MetricSnapshot> driverLeaked(Long bytes) {
        if (bytes == null) {
            return List.of();
        }
        return List.of(GaugeSnapshot.builder().name(DRIVER_LEAKED_BYTES).unit(Unit.BYTES)
            .help("Bytes of its own allocations the nvidia-uvm leak checker reported not freed at unload, summed over its reports in the input.")
            .dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().value(bytes).build()).build());
    }

    /** {@code uvmctl_scrape_incomplete}: 1 when an input could not be read, so "could not see" is never "clean". */
    static MetricSnapshot incomplete(boolean incomplete) {
        return gauge(SCRAPE_INCOMPLETE, "1 when an input could not be read (the other metrics are then incomplete), else 0.",
            incomplete ? 1 : 0);
    }

    static MetricSnapshot gauge(String name, String help, double value) {
        return GaugeSnapshot.builder().name(name).help(help)
            .dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().value(value).build()).build();
    }
}
