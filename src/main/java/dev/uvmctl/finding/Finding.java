package dev.uvmctl.finding;

import dev.uvmctl.event.EventTime;

import java.util.List;
import java.util.Map;

/**
 * One conclusion of {@code uvmctl leaks}: memory that should have been released and was not,
 * with why, who holds it, since when, what to do and the events that prove it. Fields that do
 * not apply to the class are null (docs/leaks.md lists them per class).
 *
 * @param id          stable across runs over the same history: derived from the class, boot,
 *                    va_space or GPU, holders and first range, so alerts can deduplicate
 * @param bytes       bytes per processor ({@code cpu}, GPUs by PCI bus id), or null when unknown
 * @param gpus        the GPUs the finding has memory on (or is about)
 * @param since       kernel time (ns) the condition began, or {@code EventTime.UNKNOWN}
 * @param age         nanoseconds from {@code since} to the end of the input, or {@code EventTime.UNKNOWN}
 * @param figures     where {@code bytes} came from, and the other figures of how much
 */
public record Finding(String id, FindingClass findingClass, String summary, String boot, String vaSpace, Boolean sharing,
                      List<FindingRange> ranges, Map<String, Long> bytes, List<String> gpus, ProcessRef owner,
                      List<ProcessRef> holders, Eviction eviction, long since, long age, String remediation,
                      EvidenceChain evidence, Figures figures) {

    /** A finding whose {@code bytes}, when known, are the replayed residency of UVM's events. */
    public Finding(String id, FindingClass findingClass, String summary, String boot, String vaSpace, Boolean sharing,
                   List<FindingRange> ranges, Map<String, Long> bytes, List<String> gpus, ProcessRef owner,
                   List<ProcessRef> holders, Eviction eviction, long since, long age, String remediation, EvidenceChain evidence) {
        this(id, findingClass, summary, boot, vaSpace, sharing, ranges, bytes, gpus, owner, holders, eviction, since, age, remediation,
            evidence, Figures.of(bytes, BytesSource.replay));
    }

    /**
     * How much, by source (docs/leaks.md, "How much"): where {@code bytes} came from (null when
     * they are unknown), and an upper bound of the managed part that the va_space's
     * {@code /dev/nvidia-uvm} mappings in {@code /proc/PID/maps} span (null when no maps showed any).
     */
    public record Figures(BytesSource bytesSource, Long managedBytesMax) {
        static Figures of(Map<String, Long> bytes, BytesSource source) {
            return new Figures(bytes == null ? null : source, null);
        }
    }

    /** The same finding, with no date: no input told since when. */
    Finding undated() {
        return new Finding(id, findingClass, summary, boot, vaSpace, sharing, ranges, bytes, gpus, owner, holders, eviction,
            EventTime.UNKNOWN, EventTime.UNKNOWN, remediation, evidence, figures);
    }

    /** Failed evictions behind a {@code pinned} finding. */
    public record Eviction(int failures, String lastStatus, String lastError, long lastBytes) {
    }

    /** True when the finding names {@code pid}: as the owner, or as one of the holders (for {@code unattributed}: a dead pid still charged). */
    public boolean names(int pid) {
        if (owner != null && owner.pid() == pid) {
            return true;
        }
        return holders.stream().anyMatch(h -> h.pid() == pid);
    }

    /** The sum of {@link #bytes}, or null when unknown. */
    public Long totalBytes() {
        if (bytes == null) {
            return null;
        }
        long sum = 0;
        for (long b : bytes.values()) {
            sum += b;
            if (sum < 0) {
                return Long.MAX_VALUE;
            }
        }
        return sum;
    }

    /** Bytes on GPUs (every processor but the CPU), or null when unknown. */
    public Long gpuBytes() {
        if (bytes == null) {
            return null;
        }
        long sum = 0;
        for (Map.Entry<String, Long> e : bytes.entrySet()) {
            if (!e.getKey().equals("cpu")) {
                sum += e.getValue();
                if (sum < 0) {
                    return Long.MAX_VALUE;
                }
            }
        }
        return sum;
    }
}
