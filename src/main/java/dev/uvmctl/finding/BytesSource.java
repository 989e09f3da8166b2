package dev.uvmctl.finding;

/**
 * Where a finding's {@code bytes} come from (docs/leaks.md, "How much"), written in JSON as
 * {@code bytes_source}.
 */
public enum BytesSource {
    /** The replayed UVM events (populated, migrated, evicted): residency per processor. */
    replay,
    /** nvidia-smi: a GPU's memory in use, or what it charges to a process. */
    nvidia_smi,
    /** The kernel log: the nvidia-uvm leak checker's report at unload. */
    kernel_log;

    /** The name JSON writes. */
    public String key() {
        return switch (this) {
            case replay -> "replay";
            case nvidia_smi -> "nvidia-smi";
            case kernel_log -> "kernel-log";
        };
    }
}
