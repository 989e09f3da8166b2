package dev.uvmctl.procfs;

import java.util.List;

/**
 * What one nvidia-smi output says: the format it was in, the driver version and time it printed
 * (when the format has them), its GPUs, processes and MIG devices. {@code processes} is what the output
 * listed; {@code processPanel} says how it listed it, because an empty table inside a container
 * and an explicit "No running processes found" mean different things.
 */
public record SmiSnapshot(Format format, String input, String driverVersion, String timestamp, List<SmiGpu> gpus,
                          List<SmiProcess> processes, ProcessPanel processPanel, List<SmiMigDevice> migDevices) {

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
        /** It said so: "No running processes found", {@code Processes : None}, or a CSV with a header and no rows. */
        none_found,
        /** A process panel with a header and no rows, not even "No running processes found": seen inside PID namespaces. */
        empty
    }
}
