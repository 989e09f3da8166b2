package dev.uvmctl.cli;

import dev.uvmctl.ingest.SnapshotEventSource;
import dev.uvmctl.procfs.SnapshotSources;
import dev.uvmctl.procfs.SystemSnapshot;
import dev.uvmctl.source.InputFile;
import dev.uvmctl.source.SysRoot;
import dev.uvmctl.source.SystemRoots;
import java.nio.file.Files;

/** Opens the input of the live-system views: the system root, a bundle (directory or .tar.gz), or a saved snapshot. */
final class LiveInputs {
    private LiveInputs() {
    }

    /**
     * A snapshot read, with the root it was read from ({@code root} null for a snapshot file, which
     * has no kernel log beside it) and the name {@code leaks} gives that input.
     */
    record Opened(SystemSnapshot snapshot, SysRoot root, boolean live, String name) {
    }

    static Opened open(CliContext c, String input) {
        if (input == null) {
            SysRoot root = c.sysRoot();
            boolean live = c.live();
            return new Opened(SnapshotEventSource.read(root, c.rootLabel(), live, c.commandRunner(), c.clock().instant()), root, live,
                live ? "the live system" : c.rootArgument().toString());
        }
        InputFile file = c.input(input);
        if (!file.isStdin() && !Files.exists(file.path())) {
            throw UvmctlException.incomplete(input + ": no such file or directory");
        }
        if (SystemRoots.isRoot(file)) {
            SysRoot root = c.rootAt(file.path());
            return new Opened(SnapshotEventSource.read(root, CliContext.rootLabel(file.path(), input), false, c.commandRunner(),
                c.clock().instant()), root, false, file.name());
        }
        // A pipe (<(cat snapshot.txt)) is read once, as standard input is: a look at its start would eat it.
        if (!file.isStream() && SnapshotSources.isBugReport(file)) {
            // The bug-report section reader belongs to the kernel-log work: BugReportSnapshot.read takes its sections.
            throw UvmctlException.incomplete(input + " is an nvidia-bug-report log: this build cannot split it into sections yet; "
                + "capture the node with 'uvmctl capture' instead");
        }
        return new Opened(SnapshotSources.fromFile(file), null, false, file.name());
    }
}
