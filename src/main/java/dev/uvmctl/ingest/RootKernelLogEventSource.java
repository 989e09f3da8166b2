package dev.uvmctl.ingest;

import dev.uvmctl.event.BootIds;
import dev.uvmctl.event.EventReader;
import dev.uvmctl.procfs.BundlePaths;
import dev.uvmctl.procfs.SystemReader;
import dev.uvmctl.shared.Diagnostic;
import dev.uvmctl.source.InputFile;
import dev.uvmctl.source.IoErrors;
import dev.uvmctl.source.LiveKernelLog;
import dev.uvmctl.source.SysRoot;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.file.AccessDeniedException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A system root's kernel log, found in one place for every command that reads one ({@code dmesg},
 * {@code leaks}, {@code events}, {@code watch}, and {@code dmesg} inside {@code shell}): see
 * {@link #openLog}. Its boot is the root's, so that its events and the root's snapshot are one
 * history (see {@link KernelRecordEvents#ofRoot}).
 */
public final class RootKernelLogEventSource implements RootEventSource {
    /** Where a root that is not the live system keeps its kernel log, in the order they are looked at: {@link BundlePaths#KERNEL_LOGS}. */
    public static final List<String> PLACES = BundlePaths.KERNEL_LOGS;

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
        return live || PLACES.stream().anyMatch(root::exists);
    }

    /**
     * @throws LiveKernelLog.Unavailable when no form of the log can be read, with what to do
     */
    @Override
    public EventReader open(SysRoot root, Consumer<Diagnostic> diagnostics) throws IOException {
        return open(root, SystemReader.bootId(root), diagnostics);
    }

    /**
     * The root's kernel log, of the boot {@code boot} (null: unknown) rather than the one the root
     * names: a capture run's log is of the boot its snapshots name ({@link dev.uvmctl.procfs.CaptureRun}).
     *
     * @throws LiveKernelLog.Unavailable when no form of the log can be read, with what to do
     */
    public EventReader open(SysRoot root, String boot, Consumer<Diagnostic> diagnostics) throws IOException {
        KernelRecordEvents mapping = new KernelRecordEvents(KernelRecordEvents.ofRoot(boot == null ? null : BootIds.normalize(boot)));
        LiveKernelLog.Source log = openLog(root, live, commands);
        return new KernelLogEventReader(log.in(), log.name(), mapping, diagnostics);
    }

    /**
     * Opens the kernel log of {@code root}: on the live system ({@code live}) {@code /dev/kmsg},
     * else {@code journalctl -k}, else {@code dmesg} (see {@link LiveKernelLog}); in any other
     * root the first of {@link #PLACES} that is there and not empty, or, when every one there is
     * empty, the first of those (read, it says it is empty). A place that cannot be read (a
     * bundle's refusal, a closed {@code dev/kmsg}) gives way to the next; when none can be read,
     * the message names each.
     *
     * @throws LiveKernelLog.Unavailable when no form of the log can be read, with what to do
     */
    public static LiveKernelLog.Source openLog(SysRoot root, boolean live, LiveKernelLog.Commands commands)
        throws LiveKernelLog.Unavailable {
        if (live) {
            return LiveKernelLog.open(root, true, commands);
        }
        List<String> failed = new ArrayList<>();
        boolean denied = false;
        String empty = null;
        for (String place : PLACES) {
            if (!root.exists(place)) {
                continue;
            }
            LiveKernelLog.Source log;
            try {
                log = place.equals(LiveKernelLog.KMSG) ? LiveKernelLog.kmsg(root)
                    : new LiveKernelLog.Source(root.display(place), InputFile.text(root.open(place), root.display(place)));
            } catch (LiveKernelLog.Unavailable e) {
                denied |= e.denied();
                failed.add(e.getMessage() + (e.denied() ? " (kernel.dmesg_restrict?)" : ""));
                continue;
            } catch (IOException e) {
                denied |= e instanceof AccessDeniedException;
                failed.add(root.display(place) + ": " + IoErrors.describe(e));
                continue;
            }
            PushbackInputStream in = new PushbackInputStream(log.in(), 1);
            try {
                int first = in.read();
                if (first >= 0) {
                    in.unread(first);
                    return new LiveKernelLog.Source(log.name(), in);
                }
                if (empty == null) {
                    empty = log.name();
                }
            } catch (IOException e) {
                failed.add(log.name() + ": " + IoErrors.describe(e));
            }
            closeUnread(in);
        }
        if (empty != null && failed.isEmpty()) {
            return new LiveKernelLog.Source(empty, InputStream.nullInputStream());
        }
        if (empty != null) {
            failed.add(empty + ": is empty");
        }
        if (failed.isEmpty()) {
            throw new LiveKernelLog.Unavailable("no kernel log is there (none of "
                + String.join(", ", PLACES.stream().map(p -> p.substring(1)).toList()) + "): give a log file, or a root that holds one", false);
        }
        throw new LiveKernelLog.Unavailable("cannot read the kernel log: " + String.join("; ", failed)
            + (denied ? ": " + LiveKernelLog.ADVICE : ": give a log file, or a root that holds one"), denied);
    }

    /** Closes a log nothing more will be read from; failing to close it changes nothing read. */
    private static void closeUnread(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // nothing of it is used
        }
    }
}
