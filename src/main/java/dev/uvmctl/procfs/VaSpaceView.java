package dev.uvmctl.procfs;

import dev.uvmctl.source.IoErrors;
import dev.uvmctl.source.RefusingSysRoot;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code uvmctl va-spaces} shows: the snapshot it was built from, the va_spaces, every
 * classified holder, NVML's processes with their class here, the GPUs, and the notes. It joins
 * what was read and judges nothing: the findings are the reclaim model's.
 */
public record VaSpaceView(SystemSnapshot snapshot, List<SnapshotVaSpace> vaSpaces, List<SnapshotHolder> holders, List<NvmlProcess> nvml,
                          List<GpuView> gpus, List<ViewNote> notes) {

    /** Why the view is incomplete, one sentence each; empty when it is complete. */
    public List<String> missing() {
        List<String> m = new ArrayList<>(snapshot.missing());
        ProcessScan scan = snapshot.scan();
        long refused = scan.unreadable().stream().filter(u -> IoErrors.refused(u.reason())).mapToInt(Unreadable::pid).distinct().count();
        if (refused > 0) {
            String reason = scan.refusalBeyondRoot();
            m.add(refused + " of " + scan.read() + " processes could not be read in full"
                + (reason == null ? " (their fds or maps need root or CAP_SYS_PTRACE): " : ": " + reason + "; ")
                + "they may hold GPU devices this view does not show");
        }
        for (Unreadable u : scan.unreadable()) {
            if (IoErrors.refused(u.reason())) {
                continue;
            }
            if (u.reason().equals(ProcessScanner.MISSING)) {
                m.add(of(u) + " is missing, though "
                    + "/proc/" + u.pid() + " is still there: what the process holds is unknown");
            } else if (u.reason().equals(RefusingSysRoot.LOST)) {
                m.add(of(u) + " is " + RefusingSysRoot.LOST
                    + ": what the process holds is unknown");
            } else {
                // Not a refusal that root would lift (a maps that is a directory, an I/O error): said as it is.
                m.add(of(u) + " could not be read ("
                    + u.reason() + "): what the process holds is unknown");
            }
        }
        return m;
    }

    /** The file that could not be read, and whose it is when the process's name was read. */
    private static String of(Unreadable u) {
        return u.path() + (u.name() == null ? "" : " of PID " + u.pid() + " (" + u.name() + ")");
    }
}
