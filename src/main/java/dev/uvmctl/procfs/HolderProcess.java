package dev.uvmctl.procfs;

import java.util.List;

/**
 * A process that holds NVIDIA device files (an fd or a mapping), or that waits inside the driver:
 * everything read about it. {@code deviceFds} and {@code deviceRanges} are only the NVIDIA device
 * ones; {@code tasks} are the leader and the threads worth showing (in the driver, uninterruptible,
 * or alive under a defunct leader); {@code threadsRead} counts every thread looked at.
 * {@code unreadable} names what could not be read (permission) about this process. Null fields
 * were not readable or not present.
 */
public record HolderProcess(int pid, ProcessStatus status, ProcessStat stat, String cmdline, CgroupInfo cgroup,
                            String pidNamespace, List<FdLink> deviceFds, List<MapsRange> deviceRanges,
                            List<TaskState> tasks, int threadsRead, List<String> unreadable) {

    public boolean holdsUvm() {
        return deviceFds.stream().anyMatch(f -> f.device().kind() == DeviceFile.Kind.uvm)
            || deviceRanges.stream().anyMatch(r -> DeviceFile.of(r.path()) != null && DeviceFile.of(r.path()).kind() == DeviceFile.Kind.uvm);
    }

    /** The managed ranges: {@code /dev/nvidia-uvm} mappings whose offset is their start address. */
    public List<MapsRange> uvmRanges() {
        return deviceRanges.stream().filter(MapsRange::uvmManaged).toList();
    }

    public List<FdLink> fds(DeviceFile.Kind kind) {
        return deviceFds.stream().filter(f -> f.device().kind() == kind).toList();
    }
}
