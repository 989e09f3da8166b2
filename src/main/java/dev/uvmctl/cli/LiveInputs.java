package dev.uvmctl.cli;

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

    static SystemSnapshot snapshot(CliContext c, String input) {
        if (input == null) {
            SysRoot root = c.sysRoot();
            boolean live = c.live();
            String label = live ? "the live system" : "the system root " + c.rootArgument();
            return SnapshotSources.fromRoot(root, label, live, c.commandRunner(), c.clock().instant());
        }
        InputFile file = c.input(input);
        if (!file.isStdin() && !Files.exists(file.path())) {
            throw UvmctlException.incomplete(input + ": no such file or directory");
        }
        if (SystemRoots.isRoot(file)) {
            return SnapshotSources.fromRoot(c.rootAt(file.path()), "the bundle " + input, false, c.commandRunner(), c.clock().instant());
        }
        if (!file.isStdin() && SnapshotSources.isBugReport(file)) {
            // The bug-report section reader belongs to the kernel-log work: BugReportSnapshot.read takes its sections.
            throw UvmctlException.incomplete(input + " is an nvidia-bug-report log: this build cannot split it into sections yet; "
                + "capture the node with 'uvmctl capture' instead");
        }
        return SnapshotSources.fromFile(file);
    }
}
