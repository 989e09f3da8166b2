package dev.uvmctl.kernellog;

import dev.uvmctl.shared.PciAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Counts the selected records per GPU: Xids per code with first and last time, pids and
 * processes, runs of the same Xid from the same process folded into bursts ("Xid 13 ×170 from pid
 * 1234 between t1 and t2"), and what needs attention. Memory is bounded by the number of GPUs,
 * codes and bursts kept, never by the number of records.
 */
public final class DmesgSummary implements RecordSink {
    static final int MAX_NAMES = 64;
    static final int MAX_BURSTS = 1000;
    static final int MAX_OOM = 1000;

    /** When something happened: the log, boot and times of a record. */
    public record Moment(String input, String section, int boot, Long kernelMicros, WallTime wall) {
        static Moment of(RecordOrigin o) {
            return new Moment(o.input(), o.section(), o.boot(), o.kernelMicros(), o.wall());
        }
    }

    /** All Xids of one code on one GPU. */
    public record XidCount(int code, String name, long count, Moment first, Moment last, List<Long> pids,
                           List<String> processes) {
    }

    /** Consecutive Xids of one code from one process on one GPU, in one boot. */
    public record Burst(int code, long count, Long pid, String process, Moment first, Moment last) {
    }

    /** One GPU's records. */
    public record GpuStats(PciAddress gpu, String uuid, Map<RecordKind, Long> kinds, List<XidCount> xids,
                           List<Burst> bursts, int burstsOmitted, long attention) {
    }

    /** An OOM kill and whether the process had used the GPU. */
    public record Oom(Long pid, String process, boolean gpuProcess, Moment at) {
    }

    /** The whole summary. */
    public record Result(long records, long attention, Map<RecordKind, Long> kinds, List<GpuStats> gpus,
                         List<Oom> oomKills, Long leakedBytes) {
    }

    private Tally committed = new Tally();
    private Tally pending = new Tally();

    @Override
    public void accept(KernelRecord r) {
        pending.add(r);
    }

    @Override
    public void commit() {
        committed.merge(pending);
        pending = new Tally();
    }

    @Override
    public void discard() {
        pending = new Tally();
    }

    public Result result() {
        return committed.result();
    }

    private static final class Tally {
        long records;
        long attention;
        final Map<RecordKind, Long> kinds = new EnumMap<>(RecordKind.class);
        final Map<PciAddress, GpuTally> gpus = new TreeMap<>();
        final List<Oom> ooms = new ArrayList<>();
        Long leaked;

        void add(KernelRecord r) {
            records++;
            boolean needs = r.needsAttention();
            if (needs) {
                attention++;
            }
            kinds.merge(r.kind(), 1L, Long::sum);
            if (r.gpu() != null) {
                gpus.computeIfAbsent(r.gpu(), g -> new GpuTally()).add(r, needs);
            }
            if (r instanceof GpuInfo g && g.gpu() != null && g.uuid() != null) {
                gpus.get(g.gpu()).uuid = g.uuid();
            }
            if (r instanceof XidRecord x && x.uuid() != null) {
                gpus.get(x.gpu()).uuid = x.uuid();
            }
            if (r instanceof OomKill k && ooms.size() < MAX_OOM) {
                ooms.add(new Oom(k.pid(), k.process(), k.gpuProcess(), Moment.of(k.origin())));
            }
            if (r instanceof DriverLeakReport l && l.bytes() != null) {
                leaked = (leaked == null ? 0 : leaked) + l.bytes();
            }
        }

        void merge(Tally o) {
            records += o.records;
            attention += o.attention;
            o.kinds.forEach((k, v) -> kinds.merge(k, v, Long::sum));
            o.gpus.forEach((g, t) -> gpus.computeIfAbsent(g, x -> new GpuTally()).merge(t));
            for (Oom k : o.ooms) {
                if (ooms.size() < MAX_OOM) {
                    ooms.add(k);
                }
            }
            if (o.leaked != null) {
                leaked = (leaked == null ? 0 : leaked) + o.leaked;
            }
        }

        Result result() {
            List<GpuStats> list = new ArrayList<>();
            gpus.forEach((g, t) -> list.add(t.result(g)));
            return new Result(records, attention, Collections.unmodifiableMap(new EnumMap<>(kinds)), List.copyOf(list),
                List.copyOf(ooms), leaked);
        }
    }

    private static final class GpuTally {
        String uuid;
        long attention;
        final Map<RecordKind, Long> kinds = new EnumMap<>(RecordKind.class);
        final Map<Integer, XidTally> xids = new TreeMap<>();
        final List<BurstTally> bursts = new ArrayList<>();
        int burstsOmitted;

        void add(KernelRecord r, boolean needs) {
            if (needs) {
                attention++;
            }
            kinds.merge(r.kind(), 1L, Long::sum);
            if (r instanceof XidRecord x) {
                Moment at = Moment.of(x.origin());
                xids.computeIfAbsent(x.code(), c -> new XidTally(c, x.catalog() == null ? null : x.catalog().name()))
                    .add(x, at);
                BurstTally last = bursts.isEmpty() ? null : bursts.get(bursts.size() - 1);
                if (last != null && last.continues(x)) {
                    last.count++;
                    last.last = at;
                } else {
                    addBurst(new BurstTally(x, at));
                }
            }
        }

        private void addBurst(BurstTally b) {
            if (bursts.size() < MAX_BURSTS) {
                bursts.add(b);
            } else {
                burstsOmitted++;
            }
        }

        void merge(GpuTally o) {
            if (o.uuid != null) {
                uuid = o.uuid;
            }
            attention += o.attention;
            o.kinds.forEach((k, v) -> kinds.merge(k, v, Long::sum));
            o.xids.forEach((c, t) -> xids.merge(c, t, XidTally::merge));
            for (BurstTally b : o.bursts) {
                BurstTally last = bursts.isEmpty() ? null : bursts.get(bursts.size() - 1);
                if (last != null && last.sameRun(b)) {
                    last.count += b.count;
                    last.last = b.last;
                } else {
                    addBurst(b);
                }
            }
            burstsOmitted += o.burstsOmitted;
        }

        GpuStats result(PciAddress gpu) {
            List<XidCount> x = new ArrayList<>();
            xids.values().forEach(t -> x.add(t.result()));
            List<Burst> b = new ArrayList<>();
            bursts.forEach(t -> b.add(t.result()));
            return new GpuStats(gpu, uuid, Collections.unmodifiableMap(new EnumMap<>(kinds)), List.copyOf(x), List.copyOf(b),
                burstsOmitted, attention);
        }
    }

    private static final class XidTally {
        final int code;
        final String name;
        long count;
        Moment first;
        Moment last;
        final TreeSet<Long> pids = new TreeSet<>();
        final TreeSet<String> processes = new TreeSet<>();

        XidTally(int code, String name) {
            this.code = code;
            this.name = name;
        }

        void add(XidRecord x, Moment at) {
            count++;
            if (first == null) {
                first = at;
            }
            last = at;
            if (x.pid() != null && pids.size() < MAX_NAMES) {
                pids.add(x.pid());
            }
            if (x.process() != null && processes.size() < MAX_NAMES) {
                processes.add(x.process());
            }
        }

        XidTally merge(XidTally o) {
            count += o.count;
            if (first == null) {
                first = o.first;
            }
            if (o.last != null) {
                last = o.last;
            }
            for (Long p : o.pids) {
                if (pids.size() < MAX_NAMES) {
                    pids.add(p);
                }
            }
            for (String p : o.processes) {
                if (processes.size() < MAX_NAMES) {
                    processes.add(p);
                }
            }
            return this;
        }

        XidCount result() {
            return new XidCount(code, name, count, first, last, List.copyOf(pids), List.copyOf(processes));
        }
    }

    private static final class BurstTally {
        final String stream;
        final int boot;
        final int code;
        final Long pid;
        final String process;
        long count = 1;
        final Moment first;
        Moment last;

        BurstTally(XidRecord x, Moment at) {
            this.stream = x.origin().input() + "\u0000" + x.origin().section();
            this.boot = x.origin().boot();
            this.code = x.code();
            this.pid = x.pid();
            this.process = x.process();
            this.first = at;
            this.last = at;
        }

        boolean continues(XidRecord x) {
            return code == x.code() && boot == x.origin().boot() && java.util.Objects.equals(pid, x.pid())
                && java.util.Objects.equals(process, x.process())
                && stream.equals(x.origin().input() + "\u0000" + x.origin().section());
        }

        boolean sameRun(BurstTally o) {
            return code == o.code && boot == o.boot && stream.equals(o.stream) && java.util.Objects.equals(pid, o.pid)
                && java.util.Objects.equals(process, o.process);
        }

        Burst result() {
            return new Burst(code, count, pid, process, first, last);
        }
    }
}
