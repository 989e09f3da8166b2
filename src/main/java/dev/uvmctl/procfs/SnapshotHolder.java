package dev.uvmctl.procfs;

import java.util.List;

/**
 * A classified holder of NVIDIA devices: the process read ({@code process}), its class, the daemon
 * role when it is one, whether it was reparented to init after its parent died (its group or
 * session leader is another process), the driver frame it waits in, the process that should reap
 * it (zombies), the va_space it belongs to ({@code vaSpace}, the owner's pid) and what NVML
 * attributes to it ({@code nvmlUsedBytes}, null when NVML does not list it). {@code notes} explain
 * the classification in words.
 */
public record SnapshotHolder(HolderProcess process, HolderState state, String role, boolean reparented, String driverFrame,
                     Integer reaperPid, String reaperName, Integer vaSpace, Long nvmlUsedBytes, List<String> notes) {
    public int pid() {
        return process.pid();
    }
}
