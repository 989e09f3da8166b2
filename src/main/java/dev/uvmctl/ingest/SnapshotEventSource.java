package dev.uvmctl.ingest;

import dev.uvmctl.event.EventReader;
import dev.uvmctl.params.SystemParamsReader;
import dev.uvmctl.procfs.BundlePaths;
import dev.uvmctl.procfs.ProcessScanner;
import dev.uvmctl.procfs.SnapshotSources;
import dev.uvmctl.procfs.SystemSnapshot;
import dev.uvmctl.procfs.VaSpaceView;
import dev.uvmctl.source.CommandRunner;
import dev.uvmctl.shared.Diagnostic;
import dev.uvmctl.source.SysRoot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A system root's {@code /proc}, UVM procfs and nvidia-smi (run on the live system, read from
 * {@code uvmctl/commands/} in a bundle), read as {@code uvmctl va-spaces} reads them, as events
 * at the capture time (see {@link SnapshotEvents}).
 */
public final class SnapshotEventSource implements RootEventSource {
    private final boolean live;
    private final CommandRunner runner;
    private final Instant now;
    private final long tolerance;

    /**
     * {@code live}: the root is the running system, whose nvidia-smi {@code runner} runs at {@code now};
     * {@code tolerance}: GPU memory in use that may go unaccounted for (see {@link SnapshotGaps}).
     */
    public SnapshotEventSource(boolean live, CommandRunner runner, Instant now, long tolerance) {
        this.live = live;
        this.runner = runner;
        this.now = now;
        this.tolerance = tolerance;
    }

    @Override
    public String format() {
        return "snapshot";
    }

    /**
     * A process table ({@code /proc/PID}), or, in a snapshot of {@code capture-real.sh}, which
     * keeps only the processes that hold an NVIDIA device (none is an answer), the nvidia-smi
     * process listing it takes with them. A root with neither, only {@code proc/uptime} say,
     * shows nothing of who holds what.
     */
    @Override
    public boolean finds(SysRoot root) {
        return ProcessScanner.hasProcessTable(root) || root.exists(BundlePaths.SNAPSHOT_SMI_QUERY_APPS);
    }

    /**
     * A root with a kernel log and no process table shows nothing of who holds what either (a
     * va_space lives while an fd or a mapping holds its file, which no log line tells:
     * {@code uvm_release}, uvm.c, 580.95.05): its
     * snapshot is read all the same, so that it says so (the answer is incomplete, exit 3) as
     * {@code holders}, {@code va-spaces} and {@code watch} say it of that root, and so that the
     * history ends at the capture's time, not at the last line of the log.
     */
    @Override
    public boolean readWheneverTheRootIs() {
        return true;
    }

    /** The events of a snapshot already read and grouped, as a root's snapshot gives them. */
    public static EventReader of(VaSpaceView view, long tolerance, Consumer<Diagnostic> diagnostics) {
        return new SnapshotEventReader(() -> view, tolerance, diagnostics);
    }

    @Override
    public EventReader open(SysRoot root, Consumer<Diagnostic> diagnostics) {
        return new SnapshotEventReader(SnapshotEventReader.building(() -> read(root, root.describe(), live, runner, now)), tolerance,
            diagnostics);
    }

    /**
     * A root's snapshot as every command that judges one reads it: what {@link SnapshotSources#fromRoot}
     * reads, and whether the driver there makes mm fds (uvm_enable_va_space_mm, read once by the
     * module parameters' reader: {@link SnapshotEvents} needs it to tell the fds apart). A root
     * without {@code /sys/module} (dev/capture-real.sh's snapshots) leaves it unknown.
     */
    public static SystemSnapshot read(SysRoot root, String label, boolean live, CommandRunner runner, Instant now) {
        SystemSnapshot snapshot = SnapshotSources.fromRoot(root, label, live, runner, now);
        List<Diagnostic> said = new ArrayList<>();
        Boolean vaSpaceMm = SystemParamsReader.vaSpaceMm(root, said::add);
        return snapshot.withVaSpaceMm(vaSpaceMm, said);
    }
}
