package dev.uvmctl.ingest;

import dev.uvmctl.event.EventReader;
import dev.uvmctl.procfs.SnapshotSources;
import dev.uvmctl.procfs.VaSpaceView;
import dev.uvmctl.source.CommandRunner;
import dev.uvmctl.shared.Diagnostic;
import dev.uvmctl.source.SysRoot;
import java.time.Instant;
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

    @Override
    public boolean finds(SysRoot root) {
        return root.isDirectory("/proc");
    }

    /** The events of a snapshot already read and grouped, as a root's snapshot gives them. */
    public static EventReader of(VaSpaceView view, long tolerance, Consumer<Diagnostic> diagnostics) {
        return new SnapshotEventReader(() -> view, tolerance, diagnostics);
    }

    @Override
    public EventReader open(SysRoot root, Consumer<Diagnostic> diagnostics) {
        return new SnapshotEventReader(
            SnapshotEventReader.building(() -> SnapshotSources.fromRoot(root, root.describe(), live, runner, now)), tolerance, diagnostics);
    }
}
