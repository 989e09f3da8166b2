package dev.uvmctl.finding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.uvmctl.event.Event;
import dev.uvmctl.event.EventTime;
import dev.uvmctl.event.ExitReason;
import dev.uvmctl.event.FdKind;
import dev.uvmctl.event.ProcState;
import dev.uvmctl.event.Xid;
import dev.uvmctl.shared.Provenance;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Grouping findings by the ended process that explains them. */
class IncidentsTest {
    private static final long S = 1_000_000_000L;
    private static final String GPU = "0000:3b:00.0";
    private static final String OTHER_GPU = "0000:86:00.0";

    @Test
    void anOomKillThatLeavesAHeldVaSpaceARetainedGpuAndAChargeIsOneIncident() {
        ProcessRef killed = ended(5120, "python3", ExitReason.oom_kill, 4_210_481_290_000L);
        ProcessRef worker = ProcessRef.builder().pid(5133).comm("pt_data_worker").ppid(1).state(ProcState.alive).fd(FdKind.va_space)
            .inheritedFrom(5120).build();
        Xid xid = new Xid(new EventTime("b", 4205 * S, EventTime.UNKNOWN), new Provenance("dmesg", 7, "NVRM: Xid 31"), GPU, 31, 5120,
            "python3", "MMU Fault");
        Finding held = finding("held-1", killed, List.of(worker), GPU, 2L << 30, List.of(xid));
        Finding charged = finding("unattributed-1", null, List.of(killed), GPU, 3L << 30, List.of());
        Finding retained = finding("leaked-1", null, List.of(), GPU, null, List.of());

        List<Incident> incidents = Incidents.of(List.of(held, charged, retained));

        assertEquals(1, incidents.size());
        Incident i = incidents.get(0);
        assertEquals(List.of("held-1", "unattributed-1", "leaked-1"), i.findings());
        assertEquals(5120, i.process().pid());
        assertEquals(List.of(GPU), i.gpus());
        assertEquals(3L << 30, i.bytes().get(GPU), "the largest figure for the GPU, not a sum of views of the same memory");
        assertEquals(List.of(5133), i.holders().stream().map(ProcessRef::pid).toList());
        assertEquals(List.of(31), i.xids().stream().map(Xid::code).toList());
        assertTrue(i.id().startsWith("incident-"));
        assertEquals(i.id(), Incidents.of(List.of(held, charged, retained)).get(0).id(), "the same history gives the same id");
        String line = Incidents.line(i);
        // As dmesg prints it ([ 4210.481290]), so that the line can be found there: six decimals, none dropped.
        assertTrue(line.startsWith("5120 (python3) was killed by the OOM killer at [4210.481290]"), line);
        assertTrue(line.contains("after Xid 31 on " + GPU + " at [4205.000000]"), line);
        String heading = Incidents.heading(i);
        assertTrue(heading.contains("5120 (python3)") && heading.contains("3 findings") && !heading.contains("OOM"),
            "the heading over the findings names who, not the whole line again: " + heading);
        assertTrue(line.contains("3 GiB on " + GPU) && line.contains("held by 5133 (pt_data_worker)"), line);
        assertEquals(Map.of("held-1", i.id(), "unattributed-1", i.id(), "leaked-1", i.id()), Incidents.byFinding(incidents));
    }

    @Test
    void twoUnrelatedFindingsAreNoIncident() {
        Finding a = finding("held-a", ended(100, "a", ExitReason.exit, 10 * S), List.of(), GPU, 1L << 30, List.of());
        Finding b = finding("unattributed-b", null, List.of(ended(200, "b", ExitReason.signal, 20 * S)), OTHER_GPU, 1L << 30, List.of());
        assertEquals(List.of(), Incidents.of(List.of(a, b)));
    }

    @Test
    void aRetainedGpuThatTwoEndedProcessesCouldExplainJoinsNeither() {
        ProcessRef one = ended(100, "a", ExitReason.oom_kill, 10 * S);
        ProcessRef two = ended(200, "b", ExitReason.oom_kill, 20 * S);
        Finding a1 = finding("held-a", one, List.of(), GPU, 1L << 30, List.of());
        Finding a2 = finding("pinned-a", one, List.of(), GPU, 1L << 20, List.of());
        Finding b = finding("held-b", two, List.of(), GPU, 1L << 30, List.of());
        Finding retained = finding("leaked-r", null, List.of(), GPU, null, List.of());
        List<Incident> incidents = Incidents.of(List.of(a1, a2, b, retained));
        assertEquals(1, incidents.size());
        assertEquals(List.of("held-a", "pinned-a"), incidents.get(0).findings());
    }

    @Test
    void theSamePidEndingTwiceIsTwoProcesses() {
        Finding early = finding("held-1", ended(300, "x", ExitReason.exit, 10 * S), List.of(), GPU, 1L << 30, List.of());
        Finding late = finding("held-2", ended(300, "x", ExitReason.exit, 900 * S), List.of(), GPU, 1L << 30, List.of());
        assertEquals(List.of(), Incidents.of(List.of(early, late)));
    }

    private static ProcessRef ended(int pid, String comm, ExitReason how, long at) {
        return ProcessRef.builder().pid(pid).comm(comm).ppid(1).state(ProcState.gone).exitReason(how)
            .exitSignal(how == ExitReason.exit ? null : 9).exitTime(at).build();
    }

    private static Finding finding(String id, ProcessRef owner, List<ProcessRef> holders, String gpu, Long gpuBytes, List<Event> evidence) {
        FindingClass c = FindingClass.valueOf(id.substring(0, id.indexOf('-')));
        return Finding.builder().id(id).findingClass(c).summary(id).boot("b").bytes(gpuBytes == null ? null : Map.of(gpu, gpuBytes))
            .gpus(List.of(gpu)).owner(owner).holders(holders).remediation("").evidence(new EvidenceChain(evidence, evidence.size())).build();
    }
}
