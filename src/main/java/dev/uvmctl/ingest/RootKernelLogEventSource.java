package dev.uvmctl.ingest;

import dev.uvmctl.event.BootIds;
import dev.uvmctl.event.EventReader;
import dev.uvmctl.procfs.BundlePaths;
import dev.uvmctl.procfs.SystemReader;
import dev.uvmctl.shared.Diagnostic;
import dev.uvmctl.source.LiveKernelLog;
import dev.uvmctl.source.SysRoot;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * A system root's kernel log: the running kernel's ({@code /dev/kmsg}, else journalctl or dmesg,
 * see {@link LiveKernelLog}), a fixture's {@code dev/kmsg}, or the {@code dmesg} output a capture
 * bundle keeps. Its boot is the root's, so that its events and the root's snapshot are one
 * history (see {@link KernelRecordEvents#ofRoot}).
 */
public final class RootKernelLogEventSource implements RootEventSource {
    private final boolean live;
    private final LiveKernelLog.Commands commands;

    /** {@code live}: the root is the running system, whose journalctl or dmesg {@code commands} may run. */
    public RootKernelLogEventSource(boolean live, LiveKernelLog.Commands commands) {
        this.live = live;
        this.commands = commands;
    }

    @Override
    public String format() {
        return "kernel-log";
    }

    @Override
    public boolean finds(SysRoot root) {
        return live || root.exists(LiveKernelLog.KMSG) || root.exists(BundlePaths.DMESG);
    }

    /**
     * @throws LiveKernelLog.Unavailable when no form of the log can be read, with what to do
     */
    @Override
    public EventReader open(SysRoot root, Consumer<Diagnostic> diagnostics) throws IOException {
        String boot = SystemReader.bootId(root);
        KernelRecordEvents mapping = new KernelRecordEvents(KernelRecordEvents.ofRoot(boot == null ? null : BootIds.normalize(boot)));
        if (!live && !root.exists(LiveKernelLog.KMSG)) {
            return new KernelLogEventReader(root.open(BundlePaths.DMESG), root.display(BundlePaths.DMESG), mapping, diagnostics);
        }
        LiveKernelLog.Source log = LiveKernelLog.open(root, live, commands);
        return new KernelLogEventReader(log.in(), log.name(), mapping, diagnostics);
    }
}
