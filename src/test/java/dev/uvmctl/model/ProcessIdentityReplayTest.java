package dev.uvmctl.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uvmctl.event.EventTime;
import dev.uvmctl.event.ExitReason;
import dev.uvmctl.event.ProcState;
import dev.uvmctl.event.ProcessExited;
import dev.uvmctl.event.ProcessIdentity;
import dev.uvmctl.event.ProcessState;
import dev.uvmctl.shared.Provenance;
import org.junit.jupiter.api.Test;

/**
 * Whose an ended process was: what its end told (the OOM killer's lines, mm/oom_kill.c), else what
 * a snapshot read of it while its pid was its own (kernel/exit.c: release_task frees the pid only
 * at the reap), never what a later process under the same pid says.
 */
class ProcessIdentityReplayTest {
    private static final ProcessIdentity JOB_42 = new ProcessIdentity(1000, "/system.slice/slurmstepd.scope/job_42/step_0/user/task_0");
    private static final ProcessIdentity JOB_43 = new ProcessIdentity(1001, "/slurm/uid_1001/job_43/step_0/task_0");

    private long second;

    private EventTime t() {
        return new EventTime("b", ++second * 1_000_000_000L, EventTime.UNKNOWN);
    }

    private static Provenance src() {
        return new Provenance("h", 1, "line");
    }

    private ProcessState seen(int pid, ProcState state, String comm, ProcessIdentity who) {
        return new ProcessState(t(), src(), pid, state, 1, comm, who);
    }

    private ProcessExited killed(int pid, String comm, ProcessIdentity who) {
        return new ProcessExited(t(), src(), pid, comm, ExitReason.oom_kill, 9, null, who);
    }

    @Test
    void aProcessASnapshotReadAliveKeepsThatIdentityWhenSeenGone() {
        ReclaimModel m = new History().add(seen(5120, ProcState.alive, "python3", JOB_42)).add(seen(5120, ProcState.gone, null, null)).replay();
        assertThat(m.process(5120).holdsFiles()).isFalse();
        assertThat(m.process(5120).identity()).isEqualTo(JOB_42);
    }

    @Test
    void anEndThatTellsNoIdentityKeepsTheSnapshotsOfTheSameCommand() {
        ReclaimModel m = new History().add(seen(5120, ProcState.alive, "python3", JOB_42))
            .add(killed(5120, "python3", ProcessIdentity.UNKNOWN)).replay();
        assertThat(m.process(5120).identity()).isEqualTo(JOB_42);
    }

    @Test
    void anEndThatTellsItsIdentityWins() {
        ReclaimModel m = new History().add(seen(5120, ProcState.alive, "python3", JOB_42)).add(killed(5120, "python3", JOB_43)).replay();
        assertThat(m.process(5120).identity()).isEqualTo(JOB_43);
    }

    @Test
    void anEndUnderAnotherCommandIsAnotherProcessWhoseOwnerIsUnknown() {
        // The pid was reaped and taken again between the snapshot and the kill, with nothing seen.
        ReclaimModel m = new History().add(seen(5120, ProcState.alive, "python3", JOB_42))
            .add(killed(5120, "torchrun", ProcessIdentity.UNKNOWN)).replay();
        assertThat(m.process(5120).identity()).isEqualTo(ProcessIdentity.UNKNOWN);
    }

    @Test
    void aPidSeenAliveAfterItEndedIsANewProcessWithItsOwnIdentity() {
        ReclaimModel m = new History().add(killed(5120, "python3", JOB_42)).add(seen(5120, ProcState.alive, "bash", JOB_43)).replay();
        assertThat(m.process(5120).identity()).isEqualTo(JOB_43);
        ReclaimModel unknown = new History().add(killed(5120, "python3", JOB_42))
            .add(seen(5120, ProcState.alive, "bash", ProcessIdentity.UNKNOWN)).replay();
        assertThat(unknown.process(5120).identity()).isEqualTo(ProcessIdentity.UNKNOWN);
    }
}
