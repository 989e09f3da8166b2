package dev.uvmctl.procfs;

import java.util.List;

/**
 * One UVM va_space as userspace can see it (uvm.c: uvm_mmap, uvm_open, uvm_release; 535..595): the process whose mm it belongs to
 * ({@code ownerPid}; its {@code /dev/nvidia-uvm} mappings are the managed ranges) and every process
 * holding a {@code /dev/nvidia-uvm} fd on it, linked parent to child when a child inherited the fd.
 * {@code ownerMaps} is false when no member has mappings: the va_space is held by fds alone.
 */
public record SnapshotVaSpace(int ownerPid, List<Member> members, List<MapsRange> ranges, boolean ownerMaps, String state) {

    /** A process holding this va_space: how ({@code owner}, {@code inherited}, {@code inherited?};
     * {@code sibling}: forked beside the owner from one process, one open file with it as kcmp proved, {@code sibling?} as the
     * heuristic infers) and with which fds. */
    public record Member(int pid, Integer parentPid, String relation, List<Integer> fds) {
    }

    public long bytes() {
        return ranges.stream().mapToLong(MapsRange::size).sum();
    }
}
