package dev.uvmctl.ingest;

import dev.uvmctl.event.EventReader;
import dev.uvmctl.kernellog.KernelLogReader;
import dev.uvmctl.shared.Diagnostic;
import java.io.InputStream;
import java.util.function.Consumer;

/**
 * Kernel logs in every form {@code uvmctl dmesg} reads (dmesg, /dev/kmsg, journalctl text and
 * JSON, syslog, nvidia-bug-report.log), recognized by their first line: Xids, lost GPUs, driver
 * loads and unloads, leak reports, hung tasks and driver faults, OOM kills. Boots are named by
 * the journal's boot id when it gives one, else per input ({@code kern.log#2}).
 */
public final class KernelLogEventSource implements EventSource {

    @Override
    public String format() {
        return "kernel-log";
    }

    @Override
    public boolean recognizes(String head) {
        return KernelLogReader.recognizes(head);
    }

    @Override
    public EventReader open(InputStream in, String input, Consumer<Diagnostic> diagnostics) {
        return new KernelLogEventReader(in, input, new KernelRecordEvents(KernelRecordEvents.perInput()), diagnostics);
    }
}
