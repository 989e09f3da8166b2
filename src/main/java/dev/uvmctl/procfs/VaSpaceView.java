package dev.uvmctl.procfs;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@code uvmctl va-spaces} shows: the snapshot it was built from, the va_spaces, every
 * classified holder, NVML's processes with their class here, the GPUs, and the signals.
 */
public record VaSpaceView(SystemSnapshot snapshot, List<SnapshotVaSpace> vaSpaces, List<SnapshotHolder> holders, List<NvmlProcess> nvml,
                          List<GpuView> gpus, List<Signal> signals) {

    public boolean hasLeakSignals() {
        return signals.stream().anyMatch(s -> s.level() == Signal.Level.leak);
    }

    /** Why the view is incomplete, one sentence each; empty when it is complete. */
    public List<String> missing() {
        List<String> m = new ArrayList<>(snapshot.missing());
        long n = snapshot.scan().unreadableProcesses();
        if (n > 0) {
            m.add(n + " of " + snapshot.scan().read() + " processes could not be read in full (their fds or maps need root or "
                + "CAP_SYS_PTRACE): they may hold GPU devices this view does not show");
        }
        return m;
    }
}
