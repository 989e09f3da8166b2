package dev.uvmctl.ingest;

import dev.uvmctl.event.EventReader;
import dev.uvmctl.kernellog.KernelLogReader;
import dev.uvmctl.shared.Diagnostic;
import java.io.InputStream;
import java.util.function.Consumer;

/**
 * Kernel logs in every form {@code uvmctl dmesg} reads (dmesg, /dev/kmsg, journalctl text and
 * JSON, syslog, nvidia-bug-report.log): Xids, lost GPUs, driver loads and unloads, leak reports,
 * hung tasks and driver faults, OOM kills. Boots are named by the journal's boot id when it gives
 * one, else per input ({@code kern.log#2}). An input is not told to be a kernel log by its first
 * line, which may be a pasted prompt or a section header: like {@code dmesg}, this source reads
 * whatever the sources before it did not recognize, and the reader says, once read, when nothing
 * in it was a kernel log ({@link KernelLogReader#unreadable}).
 */
public final class KernelLogEventSource implements EventSource {

    @Override
    public String format() {
        return "kernel-log";
    }

    /** Every input: whether it was a kernel log is known once it is read. */
    @Override
    public boolean recognizes(String head) {
        return true;
    }

    @Override
    public EventReader open(InputStream in, String input, Consumer<Diagnostic> diagnostics) {
        return new KernelLogEventReader(in, input, new KernelRecordEvents(KernelRecordEvents.perInput()), diagnostics);
    }
}
