package dev.uvmctl.finding;

import dev.uvmctl.event.ProcessExited;
import dev.uvmctl.event.TaskBlocked;
import dev.uvmctl.model.Holder;
import dev.uvmctl.model.ProcessInfo;
import dev.uvmctl.model.Teardown;

/** Turns the model's processes into the {@link ProcessRef}s findings show. */
final class ProcessRefs {
    private ProcessRefs() {
    }

    static ProcessRef of(ProcessInfo p, Holder h) {
        ProcessExited x = p.exit();
        TaskBlocked b = p.blocked();
        ProcessRef.Builder ref = ProcessRef.builder()
            .pid(p.pid())
            .comm(p.comm())
            .ppid(p.ppid())
            .state(p.state())
            .exitTime(p.goneAt())
            .identity(p.identity());
        if (x != null) {
            ref.exitReason(x.reason()).exitSignal(x.signal()).exitCode(x.code());
        }
        if (h != null) {
            ref.fd(h.fd()).inheritedFrom(h.inheritedFrom());
        }
        if (b != null) {
            ref.blockedReason(b.reason()).blockedIn(Teardown.frame(b.frames())).blockedSince(p.blockedSince());
            if (p.blockedThread() != null) {
                ref.blockedThread(new ProcessRef.BlockedThread(p.blockedThread(), p.threadInferred()));
            }
        }
        return ref.build();
    }

    /** {@code 4242 (python)}, or the pid alone when no input named the command. */
    static String name(ProcessRef p) {
        return p.comm() == null ? Integer.toString(p.pid()) : p.pid() + " (" + p.comm() + ")";
    }

    /** How the process ended, as a verb phrase: {@code was killed by the OOM killer}. */
    static String fate(ProcessRef p) {
        if (p.exitReason() != null) {
            return switch (p.exitReason()) {
                case oom_kill -> "was killed by the OOM killer";
                case signal -> p.exitSignal() == null ? "was killed by a signal" : "was killed by signal " + p.exitSignal();
                case exit -> p.exitCode() == null ? "exited" : "exited with code " + p.exitCode();
            };
        }
        if (p.state() == null) {
            return "is taken to be alive (no input said otherwise)";
        }
        return switch (p.state()) {
            case zombie -> "is a zombie";
            case gone -> "is gone";
            case uninterruptible -> "is in uninterruptible sleep";
            case alive -> "is alive";
        };
    }
}
