package dev.uvmctl.finding;

import dev.uvmctl.event.EventTime;

import java.util.List;
import java.util.Map;

/**
 * One conclusion of {@code uvmctl leaks}: memory that should have been released and was not,
 * with why, who holds it, since when, what to do and the events that prove it. Fields that do
 * not apply to the class are null (docs/leaks.md lists them per class). Made through
 * {@link Builder}, whose setters document the components.
 */
public record Finding(String id, FindingClass findingClass, String summary, String boot, String vaSpace, Boolean sharing,
                      List<FindingRange> ranges, Map<String, Long> bytes, List<String> gpus, ProcessRef owner,
                      List<ProcessRef> holders, Eviction eviction, long since, long age, String remediation,
                      EvidenceChain evidence, Figures figures) {

    /**
     * How much, by source (docs/leaks.md, "How much"): where {@code bytes} came from (null when
     * they are unknown), an upper bound of the managed part that the va_space's
     * {@code /dev/nvidia-uvm} mappings in {@code /proc/PID/maps} span (null when no maps showed any),
     * and whether the replayed {@code bytes} are a lower bound ({@link dev.uvmctl.model.VaRange#bytesAtLeast}).
     */
    public record Figures(BytesSource bytesSource, Long managedBytesMax, boolean bytesAtLeast) {
        static Figures of(Map<String, Long> bytes, BytesSource source) {
            return new Figures(bytes == null ? null : source, null, false);
        }

        /** The replayed bytes of {@code ranges}: a lower bound when any of them is one. */
        static Figures replayed(Map<String, Long> bytes, Iterable<dev.uvmctl.model.VaRange> ranges) {
            boolean atLeast = false;
            for (dev.uvmctl.model.VaRange r : ranges) {
                atLeast |= r.bytesAtLeast();
            }
            return new Figures(bytes == null ? null : BytesSource.replay, null, atLeast && bytes != null);
        }
    }

    /** The same finding, with no date: no input told since when. */
    Finding undated() {
        return toBuilder().since(EventTime.UNKNOWN).age(EventTime.UNKNOWN).build();
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

    /** A Finding to fill by name. */
    static Builder builder() {
        return new Builder();
    }

    /** A builder holding this finding, to copy it with some components changed. */
    Builder toBuilder() {
        return new Builder()
            .id(id)
            .findingClass(findingClass)
            .summary(summary)
            .boot(boot)
            .vaSpace(vaSpace)
            .sharing(sharing)
            .ranges(ranges)
            .bytes(bytes)
            .gpus(gpus)
            .owner(owner)
            .holders(holders)
            .eviction(eviction)
            .since(since)
            .age(age)
            .remediation(remediation)
            .evidence(evidence)
            .figures(figures);
    }

    /** Names each component at the call site, where 17 positional arguments could not be read. */
    static final class Builder {
        private String id;
        private FindingClass findingClass;
        private String summary;
        private String boot;
        private String vaSpace;
        private Boolean sharing;
        private List<FindingRange> ranges = List.of();
        private Map<String, Long> bytes;
        private List<String> gpus = List.of();
        private ProcessRef owner;
        private List<ProcessRef> holders = List.of();
        private Eviction eviction;
        private long since = EventTime.UNKNOWN;
        private long age = EventTime.UNKNOWN;
        private String remediation;
        private EvidenceChain evidence;
        private Figures figures;

        private Builder() {
        }

        /**
         * Stable across runs over the same history: derived from the class, boot,
         * va_space or GPU, holders and first range, so alerts can deduplicate.
         */
        Builder id(String v) {
            id = v;
            return this;
        }

        Builder findingClass(FindingClass v) {
            findingClass = v;
            return this;
        }

        Builder summary(String v) {
            summary = v;
            return this;
        }

        Builder boot(String v) {
            boot = v;
            return this;
        }

        Builder vaSpace(String v) {
            vaSpace = v;
            return this;
        }

        Builder sharing(Boolean v) {
            sharing = v;
            return this;
        }

        Builder ranges(List<FindingRange> v) {
            ranges = v;
            return this;
        }

        /** Bytes per processor ({@code cpu}, GPUs by PCI bus id), or null when unknown. */
        Builder bytes(Map<String, Long> v) {
            bytes = v;
            return this;
        }

        /** The GPUs the finding has memory on (or is about). */
        Builder gpus(List<String> v) {
            gpus = v;
            return this;
        }

        Builder owner(ProcessRef v) {
            owner = v;
            return this;
        }

        Builder holders(List<ProcessRef> v) {
            holders = v;
            return this;
        }

        Builder eviction(Eviction v) {
            eviction = v;
            return this;
        }

        /** Kernel time (ns) the condition began, or {@code EventTime.UNKNOWN}. */
        Builder since(long v) {
            since = v;
            return this;
        }

        /** Nanoseconds from {@code since} to the end of the input, or {@code EventTime.UNKNOWN}. */
        Builder age(long v) {
            age = v;
            return this;
        }

        Builder remediation(String v) {
            remediation = v;
            return this;
        }

        Builder evidence(EvidenceChain v) {
            evidence = v;
            return this;
        }

        /**
         * Where {@code bytes} came from, and the other figures of how much; unless set, the
         * replayed residency of UVM's events when {@code bytes} are known.
         */
        Builder figures(Figures v) {
            figures = v;
            return this;
        }

        Finding build() {
            return new Finding(id, findingClass, summary, boot, vaSpace, sharing, ranges, bytes, gpus, owner,
                holders, eviction, since, age, remediation, evidence,
                figures != null ? figures : Figures.of(bytes, BytesSource.replay));
        }
    }
}
