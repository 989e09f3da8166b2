package dev.uvmctl.finding;

import dev.uvmctl.shared.Sizes;
import dev.uvmctl.event.BlockReason;
import dev.uvmctl.event.FaultKind;
import dev.uvmctl.event.FdKind;
import dev.uvmctl.event.RangeType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The sentences of a finding: what was found, and what to do about it. Every class has a
 * remediation: which process to end, whether a GPU reset or a reboot is needed, which module
 * parameter helps.
 */
final class FindingText {
    private FindingText() {
    }

    // ---- what was found ----

    static String vaSpace(FindingClass c, String vaSpace, boolean seenCreated, List<FindingRange> ranges, Map<String, Long> bytes,
                          ProcessRef owner, List<ProcessRef> liveHolders, ProcessRef stuck) {
        String what = capitalized(subject(vaSpace, ranges, bytes)) + (ranges.size() > 1 ? " are" : " is");
        String ownerText = owner != null ? "its owner " + ProcessRefs.name(owner) + " " + ProcessRefs.fate(owner)
            : seenCreated ? "its owner is unknown" : "its owner is unknown (the input began after the va_space was created)";
        return switch (c) {
            case leaked -> what + " still live, although every process that held it is gone: " + ownerText + ".";
            case held -> what + " still live: " + ownerText + ", but " + names(liveHolders)
                + (liveHolders.size() == 1 ? " still holds" : " still hold") + " the va_space.";
            case stuck -> stuckWho(stuck) + " blocked in the driver's teardown (" + stuck.blockedIn() + "), so "
                + subject(vaSpace, ranges, bytes) + " cannot be released.";
            case deferred -> "The release of va_space " + vaSpace + " (" + amount(bytes)
                + ") was deferred because the system was suspending, and has not run.";
            case live -> what + " live: " + ownerText + ".";
            case pinned, unattributed, driver -> throw new IllegalStateException(c + " is no class of a va_space's lifetime");
        };
    }

    /** Who is blocked: the process, or the thread of a killed process that is still exiting. */
    private static String stuckWho(ProcessRef stuck) {
        if (stuck.exitReason() == null) {
            return ProcessRefs.name(stuck) + " is";
        }
        String killed = ProcessRefs.name(stuck) + " " + ProcessRefs.fate(stuck) + " but has not finished exiting: ";
        ProcessRef.BlockedThread t = stuck.blockedThread();
        if (t == null) {
            return killed + "it is";
        }
        return killed + "its thread " + t.tid() + (t.inferred()
            ? " (tied to it from the kernel log alone: the one killed process of that name, with a lower pid; likely, not proven) is"
            : " is");
    }

    static String deferredList(String vaSpace, List<FindingRange> ranges, Map<String, Long> bytes) {
        return capitalized(subject(vaSpace, ranges, bytes)) + (ranges.size() == 1 ? " was" : " were")
            + " destroyed onto the deferred free list and never freed.";
    }

    static String pinned(String vaSpace, FindingRange range, Map<String, Long> bytes, Finding.Eviction ev) {
        return "Eviction from " + range.type() + " range " + span(range) + " of va_space " + vaSpace + " (" + amount(bytes)
            + ") failed " + ev.failures() + " times in a row (last: " + ev.lastStatus() + (ev.lastError() == null ? "" : ", " + ev.lastError()) + ").";
    }

    static String pinnedGpu(String gpu, Finding.Eviction ev) {
        return "Evictions on " + gpu + " failed " + ev.failures() + " times in a row (last: " + ev.lastStatus()
            + (ev.lastError() == null ? "" : ", " + ev.lastError()) + ", " + Sizes.iec(ev.lastBytes()) + "), with no range to tie them to.";
    }

    static String unattributed(String gpu, long excess, long inUse, Long reserved, long processes, long ranges, Map<ProcessRef, Long> ended) {
        return Sizes.iec(excess) + " of GPU " + gpu + " is in use with no live process to account for it: " + Sizes.iec(inUse) + " in use"
            + (reserved == null ? " (reserved memory not reported)" : " besides " + Sizes.iec(reserved) + " the driver reserves") + ", "
            + Sizes.iec(processes) + " of it used by live processes, " + Sizes.iec(ranges) + " resident in live UVM ranges"
            + (ended.isEmpty() ? "." : "; nvidia-smi still lists " + ended(ended) + ".");
    }

    /** nvidia-smi charges more than the tolerance to ended processes, though the GPU's use beyond the live ones is within it. */
    static String chargedToEnded(String gpu, long charged, long inUse, long processes, long ranges, Map<ProcessRef, Long> ended) {
        return "nvidia-smi still charges " + Sizes.iec(charged) + " of GPU " + gpu + " to processes that ended: " + ended(ended)
            + "; the GPU shows " + Sizes.iec(inUse) + " in use, " + Sizes.iec(processes) + " of it used by live processes, "
            + Sizes.iec(ranges) + " resident in live UVM ranges.";
    }

    /** {@code 9999 (python3), which is gone, with 2 GiB and ...}: the ended processes nvidia-smi still charges, and how much. */
    private static String ended(Map<ProcessRef, Long> ended) {
        List<String> listed = new ArrayList<>();
        for (Map.Entry<ProcessRef, Long> e : ended.entrySet()) {
            listed.add(ProcessRefs.name(e.getKey()) + ", which " + ProcessRefs.fate(e.getKey()) + ", with " + Sizes.iec(e.getValue()));
        }
        return String.join(" and ", listed);
    }

    static String retained(String gpu, long count) {
        return "UVM still retains GPU " + gpu + " (retained_count " + count + ") although no live process holds a va_space: "
            + "whatever retains it (a va_space, a channel, an external mapping) outlived every process that could release it.";
    }

    /** What UVM still retains while the killed process that could release it is still exiting, blocked in the teardown. */
    static String retainedWhileExiting(String gpu, long count, ProcessRef exiting) {
        return "UVM still retains GPU " + gpu + " (retained_count " + count + "), and no live process holds a va_space: "
            + stuckWho(exiting) + " blocked in the driver's teardown (" + exiting.blockedIn() + "), which releases it: the release is "
            + "still running, not lost.";
    }

    /** Appended to a finding whose memory the still-exiting killed process's teardown is releasing. */
    static String stillReleasing(ProcessRef exiting) {
        return "Not lost: " + ProcessRefs.name(exiting) + " " + ProcessRefs.fate(exiting) + " but has not finished exiting ("
            + (exiting.blockedThread() == null ? "it is" : "its thread " + exiting.blockedThread().tid() + " is") + " blocked in the "
            + "driver's teardown, " + exiting.blockedIn() + "), and its release is still running.";
    }

    static String driverLeak(long bytes) {
        return "The nvidia-uvm leak checker reported " + Sizes.iecAndBytes(bytes) + " of the driver's own memory not freed at unload.";
    }

    static String driverFault(String fault, ProcessRef process, String frame, String message) {
        return "A driver " + fault + (process == null ? "" : " in " + ProcessRefs.name(process)) + " aborted a teardown in " + frame
            + (message == null || message.isEmpty() ? "." : ": " + message);
    }

    static String driverFaultElsewhere(String fault, ProcessRef process, String frame, String message) {
        return "A driver " + fault + (process == null ? "" : " in " + ProcessRefs.name(process)) + " in " + (frame == null ? "the nvidia driver" : frame)
            + ", outside a teardown" + (message == null || message.isEmpty() ? "." : ": " + message);
    }

    /**
     * A task reported blocked in a teardown function: of {@code vaSpace}, when the report names it (a trace's
     * entry of uvm_va_space_destroy, where the model has it destroyed from that entry on), else of one no input names.
     */
    static String stuckTask(ProcessRef task, String in, BlockReason reason, String vaSpace) {
        String what = vaSpace != null
            ? ": va_space " + vaSpace + ", whose destroy it entered, keeps what it still holds until the teardown finishes."
            : ": the va_space it is tearing down, which no input names, keeps its memory until the teardown finishes.";
        if (task != null && task.exitReason() != null) {
            // Ended, and its last thread's release (do_exit → task_work_run → __fput → uvm_release) has not returned.
            return stuckWho(task) + " blocked in the driver's teardown (" + in + "), as " + switch (reason) {
                case hung_task -> "a hung-task warning says";
                case soft_lockup -> "a soft-lockup warning says";
                case call_trace -> "a call trace of it shows";
                case uninterruptible -> "its state says";
                case traced -> "the trace shows (entered, and not returned 120 s or more later)";
            } + what;
        }
        return reported(task, reason, "the driver's teardown (" + in + ")") + what;
    }

    /** A task the kernel reported blocked in the driver, outside a teardown. */
    static String driverBlocked(ProcessRef task, String in, BlockReason reason) {
        return reported(task, reason, "the nvidia driver (" + (in == null ? "no function named" : in) + "), outside a teardown")
            + ": what it holds is not released while it stays there.";
    }

    /** {@code 4242 (python) is blocked in WHERE, as a hung-task warning says}, by what reported it. */
    private static String reported(ProcessRef task, BlockReason reason, String where) {
        String who = task == null ? "A task the report does not name" : ProcessRefs.name(task);
        return who + switch (reason) {
            case hung_task -> " is blocked in " + where + ", as a hung-task warning says";
            case soft_lockup -> " is stuck on a CPU in " + where + ", as a soft-lockup warning says";
            case call_trace -> " was in " + where + " when the kernel printed a call trace of it";
            case uninterruptible -> " sleeps uninterruptibly in " + where;
            case traced -> " entered " + where + " and had not returned 120 s or more later, as the trace shows";
        };
    }

    // ---- what to do ----

    static String leakedRemedy() {
        return "No process is left that can free it: the driver should have destroyed the va_space when its last file reference closed. "
            + "Only a reboot is sure to return the memory (a GPU reset or unloading nvidia_uvm fails while the driver still holds it). "
            + "Look in the kernel log around the owner's end for an Xid, oops or hung task, and report the driver bug to NVIDIA.";
    }

    static String retainedRemedy() {
        return "Look for a holder this view could not see (fuser -v /dev/nvidia-uvm as root, or a process in another PID namespace). "
            + "If there is none, nothing is left that can release it: only a reboot is sure to (unloading nvidia_uvm or resetting the GPU "
            + "fails while the driver still retains it). Look in the kernel log for an Xid, oops or hung task around the last GPU "
            + "process's end, and report it to NVIDIA.";
    }

    static String heldRemedy(List<ProcessRef> liveHolders) {
        List<String> pids = new ArrayList<>();
        boolean mm = false;
        for (ProcessRef h : liveHolders) {
            pids.add(Integer.toString(h.pid()));
            mm |= h.fd() == FdKind.mm;
        }
        boolean one = liveHolders.size() == 1;
        return "End the holder" + (one ? " " : "s ") + names(liveHolders) + " with kill " + String.join(" ", pids) + ", or make "
            + (one ? "it" : "them") + " close /dev/nvidia-uvm: the driver frees the va_space and its memory when the last holder lets go."
            + (mm ? " An inherited mm fd also keeps the dead owner's mm, and with it its managed ranges, alive (driver 535 and later)." : "")
            + " To stop it recurring, close /dev/nvidia* fds in forked workers, or start workers with spawn instead of fork.";
    }

    static String stuckRemedy(ProcessRef stuck) {
        return "PID " + stuck.pid() + (stuck.blockedThread() == null ? "" : " (thread " + stuck.blockedThread().tid() + ")")
            + " sleeps uninterruptibly inside the driver and cannot be killed: reboot the node to release the memory "
            + "(a GPU reset cannot run while the driver is busy). Look in the kernel log for an Xid before the hang "
            + "(79 fallen off the bus, 119 GSP timeout, 31 MMU fault) and report the call trace to NVIDIA.";
    }

    static String pinnedRemedy(RangeType type, ProcessRef owner) {
        return "The GPU could not give these pages back while its memory was oversubscribed. Reduce the oversubscription "
            + "(a smaller working set, or prefetch or advise the data to the CPU)"
            + (owner == null ? "" : ", or end the owner " + ProcessRefs.name(owner))
            + ". Check that uvm_perf_thrashing_pin is not 0, which keeps thrashing pages pinned for good."
            + (type == RangeType.hmm ? " Evictions of HMM memory that never succeed are a known driver problem: uvm_disable_hmm=1 avoids it." : "");
    }

    static String pinnedGpuRemedy() {
        return "Reduce the GPU's memory oversubscription or end the processes that use it; with uvm_debug_prints=1 the kernel log "
            + "says which root chunk stays pinned ('Stuck waiting for root chunk').";
    }

    static String deferredListRemedy() {
        return "The deferred free list is processed as soon as the va_space lock drops, so objects left on it mean that step never ran: "
            + "the teardown is stuck or aborted. Look for hung tasks and driver faults in the kernel log; if the owner cannot exit, reboot.";
    }

    static String deferredReleaseRemedy() {
        return "The driver queued this release because the system was suspending; it runs after resume, and the input shows no resume. "
            + "Resume the system; if the memory stays allocated after that, reboot.";
    }

    static String unattributedRemedy(String gpu) {
        return "Find who still holds the GPU: fuser -v /dev/nvidia* (as root), or uvmctl leaks with the kernel log and a capture of the node. "
            + "End leftover processes; if nothing holds it, reset the GPU (nvidia-smi --gpu-reset -i " + gpu + ") or reboot. "
            + "--tolerance sets how much unexplained use per GPU is ignored.";
    }

    static String driverLeakRemedy() {
        return "The leak is in the driver's own kernel allocations, not GPU memory, and stays allocated until reboot. "
            + "Load nvidia_uvm with uvm_leak_checker=2 to log where each allocation came from, and report it to NVIDIA.";
    }

    static String stuckTaskRemedy(ProcessRef task) {
        return task != null ? stuckRemedy(task)
            : "The task sleeps inside the driver and cannot be killed: reboot the node to release the memory. Look in the kernel log for an "
                + "Xid before the hang (79 fallen off the bus, 119 GSP timeout, 31 MMU fault) and report the call trace to NVIDIA.";
    }

    static String driverBlockedRemedy() {
        return "If it does not get on, only a reboot releases what it holds (it cannot be killed while it sleeps in the driver, and a GPU reset "
            + "cannot run meanwhile). Look in the kernel log for an Xid before it and report the call trace to NVIDIA.";
    }

    static String driverFaultElsewhereRemedy(FaultKind fault) {
        return switch (fault) {
            case oops, bug -> "The task that hit it was killed inside the driver, with what it held and the locks it had: that may never be "
                + "released, and other tasks may hang on those locks. Reboot if GPU memory stays in use or tasks hang, and report the fault "
                + "with its call trace to NVIDIA.";
            case warning, assert_failed -> "The driver found a state it did not expect and went on: watch for GPU memory that stays in use "
                + "or tasks that hang after it, and report it with its call trace to NVIDIA (uvm_release_asserts_dump_stack=1 adds a stack "
                + "to assert lines).";
        };
    }

    static String driverFaultRemedy() {
        return "The teardown stopped half way: what it was freeing stays allocated until reboot. Reboot, and report the fault with its "
            + "call trace to NVIDIA; uvm_release_asserts_dump_stack=1 adds a stack to assert lines.";
    }

    static String liveRemedy(boolean ownerKnown) {
        return ownerKnown
            ? "Nothing to do: its owner is alive and holds the va_space."
            : "No input says which process holds this va_space: give fd_held events or a /proc snapshot to judge it.";
    }

    static String gpuLost(String gpu) {
        return " GPU " + gpu + " fell off the bus: only a reboot recovers it.";
    }

    // ---- pieces ----

    /** Said of bytes replayed from copies that proved more than the events had put anywhere ({@link Finding.Figures#bytesAtLeast}). */
    /** {@link #atLeast()} when {@code f}'s bytes are a lower bound, else nothing. */
    static String atLeast(Finding.Figures f) {
        return f.bytesAtLeast() ? atLeast() : "";
    }

    static String atLeast() {
        return " These bytes are a lower bound: a copy proved pages resident where no input showed them arrive (a first touch: on "
            + "the CPU a page fault, on a GPU a zero-fill with no copy, which no probe or record shows), so more may be resident.";
    }

    /** The upper bound of a snapshot's va_space's managed memory, from its mappings' extent. */
    static String mappedAtMost(long bytes, Integer owner) {
        return " Its /dev/nvidia-uvm mappings in /proc/" + (owner == null ? "PID" : owner) + "/maps span " + Sizes.iec(bytes)
            + ": at most that much of it is managed memory (external and HMM memory are not mapped there).";
    }

    /** What nvidia-smi charges to the processes of a va_space (its owner and holders). */
    static String charged(Map<String, Long> bytes, List<ProcessRef> processes) {
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, Long> e : bytes.entrySet()) {
            parts.add(Sizes.iec(e.getValue()) + " on " + e.getKey());
        }
        return " nvidia-smi charges " + names(processes) + " " + String.join(", ", parts) + " in all.";
    }

    static String amount(Map<String, Long> bytes) {
        if (bytes == null) {
            return "residency unknown";
        }
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, Long> e : bytes.entrySet()) {
            if (e.getValue() > 0) {
                parts.add(Sizes.iec(e.getValue()) + " on " + e.getKey());
            }
        }
        return parts.isEmpty() ? "nothing resident" : String.join(", ", parts);
    }

    private static String capitalized(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** {@code the managed range [0x7f.., 0x7f..] of va_space X (2 GiB on 0000:3b:00.0)}. */
    private static String subject(String vaSpace, List<FindingRange> ranges, Map<String, Long> bytes) {
        if (ranges.isEmpty()) {
            // No bytes at all: a snapshot saw the va_space, and what it holds is unknown.
            return "the va_space " + vaSpace + (bytes == null ? " (no managed range in any maps; what it holds is unknown)" : " (no ranges left)");
        }
        String which = ranges.size() == 1 ? "the " + ranges.get(0).type() + " range " + span(ranges.get(0)) : ranges.size() + " ranges";
        return which + " of va_space " + vaSpace + " (" + amount(bytes) + ")";
    }

    static String span(FindingRange r) {
        return "[" + Sizes.hex(r.start()) + ", " + Sizes.hex(r.end()) + "]";
    }

    private static String names(List<ProcessRef> processes) {
        List<String> names = new ArrayList<>();
        for (ProcessRef p : processes) {
            names.add(ProcessRefs.name(p));
        }
        return String.join(", ", names);
    }
}
