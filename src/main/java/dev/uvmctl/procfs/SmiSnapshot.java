package dev.uvmctl.procfs;

import dev.uvmctl.shared.PciAddress;
import dev.uvmctl.shared.Provenance;
import java.util.List;

/**
 * What one nvidia-smi output says: the format it was in, the driver version and time it printed
 * (when the format has them), its GPUs, processes and MIG devices. {@code processes} is what the output
 * listed; {@code processPanel} says how it listed it, because an empty table inside a container
 * and an explicit "No running processes found" mean different things. {@link #perProcessUsageUnknown}
 * says when the listed processes' GPU memory cannot be known (WDDM: Windows, WSL). {@code unreachable}
 * are the GPUs nvidia-smi named and could not query: their memory and processes are not in it.
 */
public record SmiSnapshot(Format format, String input, String driverVersion, String timestamp, List<SmiGpu> gpus,
                          List<SmiProcess> processes, ProcessPanel processPanel, List<SmiMigDevice> migDevices,
                          List<Unreachable> unreachable) {

    /**
     * A GPU nvidia-smi could not get a handle for, in its words: {@code Unable to determine the
     * device handle for GPU 0000:0B:00.0: Unknown Error} (older releases put a space after "GPU",
     * newer ones none), or {@code ...: GPU is lost.  Reboot the system to recover this GPU}. It
     * prints the line in place of that GPU and leaves the GPU out of what follows.
     */
    public record Unreachable(PciAddress bus, String reason, Provenance origin) {
    }

    /**
     * True when this output cannot say how much GPU memory each process uses, so that per-process
     * use must be neither summed nor set against a GPU's used memory: nvidia-smi said the WDDM
     * driver model (Windows; WSL, whose GPU the Windows driver drives) keeps it from it
     * ({@code Not available in WDDM driver model} for a process or instead of the list,
     * {@link ProcessPanel#unavailable}), it listed processes and not one with a memory value, it
     * listed memory for a process without naming its GPU or its pid, or some of its process rows
     * could not be read ({@link ProcessPanel#partly_read}).
     * Read as printed, this is no diagnostic: {@link #perProcessUsageNote} says it in words.
     */
    public boolean perProcessUsageUnknown() {
        return perProcessUsageNote() != null;
    }

    /**
     * True when this listing comes from the WDDM driver model (Windows; WSL, whose GPU the Windows
     * driver drives): it said so, or it lists Windows programs. Its pids are then partly the Windows
     * host's: a pid this system has not is out of sight, not gone.
     */
    public boolean wddm() {
        return saidWddm() || processes.stream().anyMatch(p -> SmiValues.isWindowsProgram(p.name()));
    }

    private boolean saidWddm() {
        return processPanel == ProcessPanel.unavailable || processes.stream().anyMatch(p -> SmiValues.saysWddm(p.note()));
    }

    /** Why {@link #perProcessUsageUnknown} is true, for a report; null when it is false. */
    public String perProcessUsageNote() {
        long windows = processes.stream().filter(p -> SmiValues.isWindowsProgram(p.name())).count();
        String host = windows == 0 ? "" : "; the Windows programs among them (" + windows + " of " + processes.size()
            + ") have the Windows host's pids, not this system's";
        if (saidWddm()) {
            return "nvidia-smi (" + input + "): per-process GPU memory is not available in the WDDM driver model"
                + " (Windows, WSL)" + host;
        }
        if (processPanel == ProcessPanel.partly_read) {
            return "nvidia-smi (" + input + "): some of the process rows it lists could not be read (see the diagnostics), so what "
                + "those processes use is unknown" + host;
        }
        if (!processes.isEmpty() && processes.stream().allMatch(p -> p.usedBytes() == null)) {
            return "nvidia-smi (" + input + "): none of the " + processes.size() + " processes it lists has a GPU memory value"
                + host;
        }
        // A --query-compute-apps without gpu_uuid or gpu_bus_id (or a -q excerpt without its GPU header): the memory is
        // charged to no GPU, so each GPU's use would look unattributed.
        long nowhere = processes.stream().filter(p -> p.usedBytes() != null && p.gpuBus() == null && p.gpuUuid() == null
            && p.gpuIndex() == null).count();
        if (nowhere > 0) {
            return "nvidia-smi (" + input + "): " + nowhere + " of the " + processes.size() + " processes it lists name no GPU"
                + " (no gpu_uuid or gpu_bus_id column), so their GPU memory cannot be set against a GPU" + host;
        }
        // A pid nvidia-smi could not give (N/A): the memory is a process's, but whether that process lives is unknown.
        long nobody = processes.stream().filter(p -> p.usedBytes() != null && p.pid() == null).count();
        if (nobody > 0) {
            return "nvidia-smi (" + input + "): " + nobody + " of the " + processes.size() + " processes it lists have GPU memory but no"
                + " pid, so whether that memory is still held by a live process is unknown" + host;
        }
        return null;
    }

    /** The nvidia-smi invocation the text came from. */
    public enum Format {
        /** {@code --query-gpu=... --format=csv}. */
        query_gpu_csv,
        /** {@code --query-compute-apps=... --format=csv}. */
        query_compute_apps_csv,
        /** The default table, any layout (325 through 5xx). */
        table,
        /** {@code nvidia-smi -q}. */
        query
    }

    /** How the output showed processes. */
    public enum ProcessPanel {
        /** The output has no process section at all (a GPU query, a cut excerpt). */
        absent,
        /** Rows were listed. */
        listed,
        /**
         * Rows were listed and some could not be read (a wrapped or garbled table row, a CSV row
         * whose fields do not fit its header): what those processes use is unknown.
         */
        partly_read,
        /** It said so: "No running processes found", {@code Processes : None}, or a CSV with a header and no rows. */
        none_found,
        /** A process panel with a header and no rows, not even "No running processes found": seen inside PID namespaces. */
        empty,
        /**
         * No list to trust: {@code Not available in WDDM driver model} in its place, or "None" from
         * an output whose GPU runs the WDDM driver model (under WSL nvidia-smi does not list the
         * processes that use the GPU).
         */
        unavailable
    }
}
