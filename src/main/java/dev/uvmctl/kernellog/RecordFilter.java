package dev.uvmctl.kernellog;

import dev.uvmctl.shared.PciAddress;
import java.util.Set;

/**
 * The record filters of {@code uvmctl dmesg}: Xid codes (only Xid records pass), GPUs, pids and
 * a time range. Boot records pass every filter but the Xid one, so boots stay visible. Empty
 * sets and null bounds do not filter.
 */
public record RecordFilter(Set<Integer> xids, Set<PciAddress> gpus, Set<Long> pids, TimeBound since, TimeBound until) {

    public static final RecordFilter NONE = new RecordFilter(Set.of(), Set.of(), Set.of(), null, null);

    public RecordFilter {
        xids = Set.copyOf(xids);
        gpus = Set.copyOf(gpus);
        pids = Set.copyOf(pids);
    }

    /**
     * Xid codes as {@code --xid} takes them: numbers and ranges, comma-separated
     * ({@code 13,31,43-48}); null when a value is neither.
     */
    public static Set<Integer> xidCodes(java.util.List<String> values) {
        Set<Integer> codes = new java.util.TreeSet<>();
        for (String v : values) {
            String t = v.strip();
            int dash = t.indexOf('-', 1);
            Long from = LineParser.digits(dash < 0 ? t : t.substring(0, dash));
            Long to = dash < 0 ? from : LineParser.digits(t.substring(dash + 1));
            if (from == null || to == null || from > to || to > 100_000) {
                return null;
            }
            for (long c = from; c <= to; c++) {
                codes.add((int) c);
            }
        }
        return codes;
    }

    public boolean test(KernelRecord r) {
        boolean boot = r instanceof BootStart;
        if (!xids.isEmpty() && !(r instanceof XidRecord x && xids.contains(x.code()))) {
            return false;
        }
        if (!gpus.isEmpty() && !boot && (r.gpu() == null || !gpus.contains(r.gpu()))) {
            return false;
        }
        if (!pids.isEmpty() && !boot && (r.pid() == null || !pids.contains(r.pid()))) {
            return false;
        }
        if (since != null) {
            Integer c = since.compare(r.origin());
            if (c == null || c < 0) {
                return false;
            }
        }
        if (until != null) {
            Integer c = until.compare(r.origin());
            return c != null && c <= 0;
        }
        return true;
    }
}
