package dev.uvmctl.cli;

import picocli.CommandLine.Option;

/** {@code --tolerance}, the same on every command that judges GPU memory: leaks, holders, va-spaces, watch. */
public final class ToleranceOption {
    /** An idle, healthy GPU shows a few MiB in use with no process: this keeps that from counting. */
    static final String DEFAULT = "64M";

    @Option(names = "--tolerance", paramLabel = "SIZE", converter = SizeConverter.class, defaultValue = DEFAULT,
        description = "Per GPU, memory in use that no live process accounts for, or that nvidia-smi still charges to a dead pid, "
            + "before it is an 'unattributed' finding; memory in use with no nvidia-smi process list to account for it "
            + "before the answer is incomplete (default: ${DEFAULT-VALUE}).")
    long tolerance;

    public long bytes() {
        return tolerance;
    }

    /** The default in bytes, for the commands that read snapshots without judging them ({@code events}). */
    static long defaultBytes() {
        return new SizeConverter().convert(DEFAULT);
    }
}
