package dev.uvmctl.kernellog;

import java.util.List;

/**
 * How reading one input went: the logs found in it (one, or one per bug-report section), or the
 * error that kept it from being read.
 */
public record InputResult(String name, String error, List<KernelLogReader.StreamStats> logs) {

    public InputResult {
        logs = List.copyOf(logs);
    }

    /** True when the input could be opened and something in it read as a kernel log. */
    public boolean readable() {
        return unreadable() == null;
    }

    /** Why the input could not be read as a kernel log ({@link KernelLogReader#unreadable}), or null. */
    public String unreadable() {
        return error != null ? error : KernelLogReader.unreadable(logs);
    }
}
