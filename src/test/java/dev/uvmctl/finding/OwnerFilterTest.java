package dev.uvmctl.finding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uvmctl.event.EventTime;
import dev.uvmctl.event.ExitReason;
import dev.uvmctl.event.ProcState;
import dev.uvmctl.event.ProcessIdentity;
import java.nio.file.FileSystems;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Which process's identity OwnerFilter asks for: a live one's from the root, an ended one's only
 * from what its end told, never from the root under its pid (which may be another process's now).
 */
class OwnerFilterTest {
    /** Every pid the root is asked about is user 1000's, in job 42: what a reused pid would say. */
    private final List<Integer> asked = new ArrayList<>();
    private final OwnerFilter.Identities root = new OwnerFilter.Identities() {
        @Override
        public Integer uid(int pid) {
            asked.add(pid);
            return 1000;
        }

        @Override
        public String cgroup(int pid) {
            asked.add(pid);
            return "/slurm/uid_1000/job_42/step_0";
        }
    };

    private final OwnerFilter job42 = new OwnerFilter(1000, FileSystems.getDefault().getPathMatcher("glob:**/job_42{,/**}"), root);

    private static ProcessRef process(int pid, ProcState state, long exitTime, ProcessIdentity who) {
        return ProcessRef.builder().pid(pid).comm("python3").ppid(1).state(state)
            .exitReason(exitTime == EventTime.UNKNOWN ? null : ExitReason.oom_kill).exitSignal(exitTime == EventTime.UNKNOWN ? null : 9)
            .exitTime(exitTime).identity(who).build();
    }

    private static Finding owned(ProcessRef owner) {
        return Finding.builder().id("held-1").findingClass(FindingClass.held).summary("held").boot("b")
            .bytes(Map.of("0000:3b:00.0", 1L << 30)).gpus(List.of("0000:3b:00.0")).owner(owner).remediation("")
            .evidence(new EvidenceChain(List.of(), 0)).build();
    }

    @Test
    void aLiveProcessIsAskedOfTheRoot() {
        assertThat(job42.accepts(owned(process(4301, ProcState.alive, EventTime.UNKNOWN, null)))).isTrue();
        assertThat(asked).contains(4301);
    }

    @Test
    void anEndedProcessMatchesByTheIdentityItsEndToldWithoutAskingTheRoot() {
        long killed = 4_210_481_290_000L;
        assertThat(job42.accepts(owned(process(5120, ProcState.gone, killed, new ProcessIdentity(1000, "/slurm/uid_1000/job_42/step_0/task_0")))))
            .isTrue();
        assertThat(job42.accepts(owned(process(5120, ProcState.gone, killed, new ProcessIdentity(1001, "/slurm/uid_1001/job_42/step_0/task_0")))))
            .isFalse();
        assertThat(job42.accepts(owned(process(5120, ProcState.gone, killed, new ProcessIdentity(1000, "/slurm/uid_1000/job_43/step_0/task_0")))))
            .isFalse();
        // The uid alone does not say the cgroup: with --cgroup asked for, it is left out.
        assertThat(job42.accepts(owned(process(5120, ProcState.gone, killed, new ProcessIdentity(1000, null))))).isFalse();
        assertThat(new OwnerFilter(1000, null, root).accepts(owned(process(5120, ProcState.gone, killed, new ProcessIdentity(1000, null)))))
            .isTrue();
        // Nothing told: never guessed from the pid, whoever lives under it now.
        assertThat(job42.accepts(owned(process(5120, ProcState.gone, killed, ProcessIdentity.UNKNOWN)))).isFalse();
        // Seen gone by a snapshot, with no end told.
        assertThat(job42.accepts(owned(process(5120, ProcState.gone, EventTime.UNKNOWN, null)))).isFalse();
        assertThat(asked).isEmpty();
    }
}
