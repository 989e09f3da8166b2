package dev.uvmctl.kernellog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uvmctl.shared.PciAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Boot selection, filters and the per-GPU summary with its bursts. */
class SelectionAndSummaryTest {
    private static final String LOG = String.join("\n",
        "[    0.000000] Linux version 6.8.0-49-generic (b@h) #49-Ubuntu SMP",
        "[   10.000000] NVRM: Xid (PCI:0000:3b:00): 13, pid=1, name=a, Graphics Exception",
        "[   11.000000] NVRM: Xid (PCI:0000:3b:00): 13, pid=1, name=a, Graphics Exception",
        "[   12.000000] NVRM: Xid (PCI:0000:3b:00): 13, pid=1, name=a, Graphics Exception",
        "[   13.000000] NVRM: Xid (PCI:0000:3b:00): 31, pid=1, name=a, Ch 00000001",
        "[   14.000000] NVRM: Xid (PCI:0000:3b:00): 13, pid=2, name=b, Graphics Exception",
        "[   15.000000] NVRM: Xid (PCI:0000:5e:00): 79, pid='<unknown>', name=<unknown>, GPU has fallen off the bus.",
        "[    0.000000] Linux version 6.8.0-50-generic (b@h) #50-Ubuntu SMP",
        "[   20.000000] NVRM: Xid (PCI:0000:3b:00): 13, pid=3, name=c, Graphics Exception",
        "[   21.000000] nvidia-uvm: Loaded the UVM driver, major device number 508.", "");

    /** Records the window lets through, with commits and discards spelled out. */
    private static final class Log implements RecordSink {
        final List<String> events = new ArrayList<>();

        @Override
        public void accept(KernelRecord r) {
            events.add("+" + r.kind().label() + "@" + r.origin().line());
        }

        @Override
        public void commit() {
            events.add("commit");
        }

        @Override
        public void discard() {
            events.add("discard");
        }
    }

    private static DmesgSummary.Result run(BootSelection selection, RecordFilter filter, RecordSink also) {
        DmesgSummary summary = new DmesgSummary();
        BootWindow w = new BootWindow(selection, filter, RecordSink.both(summary, also), d -> { }, s -> { });
        try {
            new KernelLogReader(XidCatalog.builtIn()).read("t", new java.io.ByteArrayInputStream(LOG.getBytes()), false, w);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return summary.result();
    }

    @Test
    void lastHoldsEachBootBackUntilTheNextOneOrTheEnd() {
        Log log = new Log();
        DmesgSummary.Result s = run(BootSelection.LAST, RecordFilter.NONE, log);
        assertThat(log.events).containsExactly("discard", "+boot@1", "+xid@2", "+xid@3", "+xid@4", "+xid@5", "+xid@6",
            "+xid@7", "discard", "+boot@8", "+xid@9", "+uvm-load@10", "commit");
        assertThat(s.records()).isEqualTo(3);
        assertThat(s.attention()).isEqualTo(1);
    }

    @Test
    void allAndANumberedBootCommitEveryRecord() {
        Log all = new Log();
        assertThat(run(BootSelection.ALL, RecordFilter.NONE, all).records()).isEqualTo(10);
        assertThat(all.events).filteredOn(e -> e.equals("commit")).hasSize(11);
        assertThat(run(BootSelection.parse("1"), RecordFilter.NONE, new Log()).records()).isEqualTo(7);
        assertThat(run(BootSelection.parse("3"), RecordFilter.NONE, new Log()).records()).isZero();
    }

    @Test
    void theSummaryFoldsBurstsPerGpu() {
        DmesgSummary.Result s = run(BootSelection.ALL, RecordFilter.NONE, new Log());
        assertThat(s.gpus()).extracting(g -> g.gpu().toString()).containsExactly("0000:3b:00.0", "0000:5e:00.0");
        DmesgSummary.GpuStats gpu = s.gpus().get(0);
        assertThat(gpu.bursts()).extracting(b -> b.code() + "x" + b.count() + " pid " + b.pid() + " boot " + b.first().boot()
            + " " + b.first().kernelMicros() / 1_000_000 + ".." + b.last().kernelMicros() / 1_000_000)
            .containsExactly("13x3 pid 1 boot 1 10..12", "31x1 pid 1 boot 1 13..13", "13x1 pid 2 boot 1 14..14",
                "13x1 pid 3 boot 2 20..20");
        assertThat(gpu.xids()).extracting(x -> x.code() + ":" + x.count() + " " + x.pids() + " " + x.processes())
            .containsExactly("13:5 [1, 2, 3] [a, b, c]", "31:1 [1] [a]");
        assertThat(gpu.attention()).isEqualTo(6);
        assertThat(s.kinds()).containsEntry(RecordKind.XID, 7L).containsEntry(RecordKind.BOOT, 2L).containsEntry(RecordKind.UVM_LOAD, 1L);
    }

    @Test
    void filtersSelectRecordsButBootsStayVisible() {
        RecordFilter gpu = new RecordFilter(Set.of(), Set.of(PciAddress.parse("5e:00").orElseThrow()), Set.of(), null, null);
        assertThat(run(BootSelection.ALL, gpu, new Log()).kinds()).containsOnlyKeys(RecordKind.XID, RecordKind.BOOT)
            .containsEntry(RecordKind.XID, 1L);
        RecordFilter xid = new RecordFilter(RecordFilter.xidCodes(List.of("30-31")), Set.of(), Set.of(), null, null);
        assertThat(run(BootSelection.ALL, xid, new Log()).records()).isEqualTo(1);
        RecordFilter pid = new RecordFilter(Set.of(), Set.of(), Set.of(2L, 3L), null, null);
        assertThat(run(BootSelection.ALL, pid, new Log()).kinds()).containsEntry(RecordKind.XID, 2L);
        RecordFilter time = new RecordFilter(Set.of(), Set.of(), Set.of(), TimeBound.parse("11"), TimeBound.parse("13.5"));
        assertThat(run(BootSelection.ALL, time, new Log()).kinds()).containsOnlyKeys(RecordKind.XID).containsEntry(RecordKind.XID, 3L);
    }

    @Test
    void optionValues() {
        assertThat(RecordFilter.xidCodes(List.of("13", " 43-45"))).containsExactly(13, 43, 44, 45);
        assertThat(RecordFilter.xidCodes(List.of("45-43"))).isNull();
        assertThat(RecordFilter.xidCodes(List.of("x"))).isNull();
        assertThat(BootSelection.parse("LAST")).isEqualTo(BootSelection.LAST);
        assertThat(BootSelection.parse("0")).isNull();
        assertThat(BootSelection.parse("-1")).isNull();
        assertThat(TimeBound.parse("1843.3")).isEqualTo(new TimeBound(1_843_300_000L, null));
        assertThat(TimeBound.parse("2026-11-27T12:00").wall()).hasToString("2026-11-27T12:00:00");
        assertThat(TimeBound.parse("11-27 12:00:30").wall()).hasToString("--11-27T12:00:30");
        assertThat(TimeBound.parse("27/11/2026")).isNull();
        assertThat(TimeBound.parse("13-01")).isNull();
    }

    @Test
    void wallTimesWithoutAYearCompareWithAnyYear() {
        WallTime noYear = new WallTime(null, 11, 27, 12, 0, 0, 0, null);
        WallTime full = new WallTime(2026, 11, 27, 12, 0, 0, 0, 60);
        assertThat(noYear.compareTo(full)).isZero();
        assertThat(new WallTime(2025, 12, 31, 23, 59, 59, 0, null).compareTo(full)).isNegative();
        assertThat(full).hasToString("2026-11-27T12:00:00+01:00");
    }
}
