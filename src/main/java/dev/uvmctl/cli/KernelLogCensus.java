package dev.uvmctl.cli;

import dev.uvmctl.kernellog.BootSelection;
import dev.uvmctl.kernellog.InputResult;
import dev.uvmctl.kernellog.KernelLogReader;
import dev.uvmctl.kernellog.KernelRecord;
import dev.uvmctl.kernellog.RecordSink;
import dev.uvmctl.shared.PciAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What kernel logs hold before any selection: the GPUs their records name, and (from how reading
 * went) the boots of each log. {@code dmesg} takes it before reading for output, so that a
 * {@code --gpu} no input mentions or a {@code --boot} no log has is a usage error naming what
 * there is, rather than an empty answer that reads as "nothing happened".
 */
final class KernelLogCensus implements RecordSink {
    private final Set<PciAddress> gpus = new TreeSet<>();

    @Override
    public void accept(KernelRecord record) {
        if (record.gpu() != null) {
            gpus.add(record.gpu());
        }
    }

    @Override
    public void commit() {
    }

    @Override
    public void discard() {
    }

    /** Refuses {@code wanted} GPUs no record named, and a boot {@code selection} no log of {@code read} has. */
    void check(Set<PciAddress> wanted, BootSelection selection, List<InputResult> read) {
        List<String> unknown = new ArrayList<>();
        for (PciAddress g : new TreeSet<>(wanted)) {
            if (!gpus.contains(g)) {
                unknown.add(g.toString());
            }
        }
        if (!unknown.isEmpty()) {
            throw GpuConverter.notMentioned(unknown, gpus.stream().map(PciAddress::toString).toList());
        }
        if (selection == null || selection.mode() != BootSelection.Mode.INDEX) {
            return;
        }
        List<String> logs = new ArrayList<>();
        for (InputResult r : read) {
            for (KernelLogReader.StreamStats s : r.logs()) {
                if (s.boots() >= selection.index()) {
                    return;
                }
                logs.add(s.input() + (s.section() == null ? "" : " [" + s.section() + "]") + ": "
                    + (s.boots() == 1 ? "1 boot" : s.boots() + " boots (1 to " + s.boots() + ")"));
            }
        }
        if (!logs.isEmpty()) {
            throw UvmctlException.usage("--boot " + selection + ": no log has a boot " + selection + "; " + String.join("; ", logs));
        }
    }
}
