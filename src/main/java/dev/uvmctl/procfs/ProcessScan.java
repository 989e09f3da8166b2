package dev.uvmctl.procfs;

import dev.uvmctl.shared.Diagnostic;
import dev.uvmctl.source.IoErrors;
import java.util.List;

/**
 * The result of reading every {@code /proc/PID}: how many processes were read, their status (for
 * parents, reapers and NVML pids; read back from a text snapshot, only the ones the view needs),
 * the device holders, the processes that could not be read and the ones that exited while the scan
 * ran ({@code vanished}; {@code vanishedPids} names them when the reader knows them: a text snapshot
 * keeps the count only). {@code failure} says why {@code /proc} itself could not be listed, else null.
 */
public record ProcessScan(int read, List<ProcessStatus> processes, List<HolderProcess> holders, List<Unreadable> unreadable,
                          int vanished, List<Diagnostic> diagnostics, String failure, List<Integer> vanishedPids) {

    /** A scan whose vanished processes are counted, not named. */
    public ProcessScan(int read, List<ProcessStatus> processes, List<HolderProcess> holders, List<Unreadable> unreadable,
                       int vanished, List<Diagnostic> diagnostics, String failure) {
        this(read, processes, holders, unreadable, vanished, diagnostics, failure, List.of());
    }

    public ProcessStatus process(int pid) {
        int lo = 0;
        int hi = processes.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int p = processes.get(mid).pid();
            if (p == pid) {
                return processes.get(mid);
            }
            if (p < pid) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return null;
    }

    /**
     * What the first read the kernel refused says would lift the refusal, when it says more than
     * "run as root" (a root without CAP_SYS_PTRACE, a root refused all the same: {@link ReaderAccess});
     * null when no read was refused or that is all it says.
     */
    public String refusalBeyondRoot() {
        return unreadable.stream().map(Unreadable::reason).filter(IoErrors::refused).findFirst()
            .filter(reason -> !reason.equals(IoErrors.PERMISSION_DENIED)).orElse(null);
    }

    /** Distinct processes with at least one unreadable file. */
    public long unreadableProcesses() {
        return unreadable.stream().mapToInt(Unreadable::pid).distinct().count();
    }
}
