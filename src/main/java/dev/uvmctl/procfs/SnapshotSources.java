package dev.uvmctl.procfs;

import dev.uvmctl.source.CommandRunner;
import dev.uvmctl.shared.Diagnostic;
import dev.uvmctl.source.InputFile;
import dev.uvmctl.source.IoErrors;
import dev.uvmctl.source.SysRoot;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;

/** Where a {@link SystemSnapshot} comes from: a system root (live, bundle, fixture) or a saved text snapshot. */
public final class SnapshotSources {
    private SnapshotSources() {
    }

    /**
     * Reads a root; {@code live} runs nvidia-smi through {@code runner} and stamps the snapshot with {@code now}.
     * Whether the driver makes mm fds is a module parameter, not this package's to read: the
     * commands read a root through {@code ingest.SnapshotEventSource.read}, which adds it.
     */
    public static SystemSnapshot fromRoot(SysRoot root, String label, boolean live, CommandRunner runner, Instant now) {
        return SystemReader.read(root, label, live, runner, now);
    }

    /** True when the file starts like an nvidia-bug-report.log (gzip or not). */
    public static boolean isBugReport(InputFile file) {
        try (InputStream in = file.open()) {
            return BugReportSnapshot.looksLikeBugReport(new String(in.readNBytes(4096), java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            return false;
        }
    }

    /** Reads a va-spaces text snapshot (what {@code uvmctl capture} writes at {@link BundlePaths#VA_SPACES}), gzip or not. */
    public static SystemSnapshot fromFile(InputFile file) {
        try (InputStream in = file.open()) {
            return SnapshotTextParser.parse(in, file.name());
        } catch (IOException e) {
            return SystemSnapshot.withoutCapture("the file " + file.name())
                .diagnostics(List.of(Diagnostic.of(file.name(), IoErrors.describe(e))))
                .missing(List.of(file.name() + " could not be read (" + IoErrors.describe(e) + ")"))
                .build();
        }
    }
}
