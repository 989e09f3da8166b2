package dev.uvmctl.procfs;

import dev.uvmctl.shared.Diagnostic;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything read from one system at one moment, before any judgement: the capture, the process
 * scan, UVM's procfs GPUs ({@code uvmLoaded} false when {@code /proc/driver/nvidia-uvm} is absent),
 * the core driver's GPUs, HMM regions ({@code null} when {@code /proc/iomem} was not read),
 * nvidia-smi outputs, the driver's own va_spaces listing when one exists, diagnostics, and what
 * could not be read ({@code missing}: non-empty means the answer is incomplete), what kcmp
 * said about the holders' open files ({@code sameFiles}), and whether the driver makes mm fds
 * ({@code vaSpaceMm}: uvm_enable_va_space_mm as the driver tests it; null when not known: a root
 * without {@code /sys/module}, a text snapshot whose capture record has no {@code va_space_mm}). Made through {@link Builder}.
 */
public record SystemSnapshot(String source, CaptureInfo capture, ProcessScan scan, boolean uvmLoaded,
                             List<UvmGpuInfo> uvmGpus, List<NvidiaGpuInformation> gpus, List<HmmRegion> hmm,
                             List<SmiSnapshot> smi, List<String> smiNotes, DriverVaSpaces driverVaSpaces,
                             List<Diagnostic> diagnostics, List<String> missing,
                             OpenFileComparisons sameFiles, Boolean vaSpaceMm) {

    /** A SystemSnapshot to fill by name. */
    static Builder builder() {
        return new Builder();
    }

    /**
     * This snapshot with whether the driver makes mm fds, read from the same root by the module
     * parameters' reader (which this package does not use), and what reading it said.
     */
    public SystemSnapshot withVaSpaceMm(Boolean enabled, List<Diagnostic> said) {
        List<Diagnostic> all = new ArrayList<>(diagnostics);
        all.addAll(said);
        return new SystemSnapshot(source, capture, scan, uvmLoaded, uvmGpus, gpus, hmm, smi, smiNotes, driverVaSpaces, List.copyOf(all),
            missing, sameFiles, enabled);
    }

    /**
     * A snapshot of an input that holds no capture and no process scan (a file that could not be
     * read, a bug report, a driver listing): no GPU and no nvidia-smi output until the caller
     * sets what it did read; it says what is missing.
     */
    static Builder withoutCapture(String source) {
        return builder()
            .source(source)
            .capture(new CaptureInfo(null, null, null, null, null, null, null, false))
            .scan(new ProcessScan(0, List.of(), List.of(), List.of(), 0, List.of(), null))
            .uvmLoaded(false)
            .uvmGpus(List.of())
            .gpus(List.of())
            .smi(List.of())
            .smiNotes(List.of())
            .sameFiles(OpenFileComparisons.NONE);
    }

    /** Names each component at the call site, where 13 positional arguments could not be read. */
    static final class Builder {
        private String source;
        private CaptureInfo capture;
        private ProcessScan scan;
        private boolean uvmLoaded;
        private List<UvmGpuInfo> uvmGpus;
        private List<NvidiaGpuInformation> gpus;
        private List<HmmRegion> hmm;
        private List<SmiSnapshot> smi;
        private List<String> smiNotes;
        private DriverVaSpaces driverVaSpaces;
        private List<Diagnostic> diagnostics;
        private List<String> missing;
        private OpenFileComparisons sameFiles;
        private Boolean vaSpaceMm;

        private Builder() {
        }

        Builder source(String v) {
            source = v;
            return this;
        }

        Builder capture(CaptureInfo v) {
            capture = v;
            return this;
        }

        Builder scan(ProcessScan v) {
            scan = v;
            return this;
        }

        Builder uvmLoaded(boolean v) {
            uvmLoaded = v;
            return this;
        }

        Builder uvmGpus(List<UvmGpuInfo> v) {
            uvmGpus = v;
            return this;
        }

        Builder gpus(List<NvidiaGpuInformation> v) {
            gpus = v;
            return this;
        }

        Builder hmm(List<HmmRegion> v) {
            hmm = v;
            return this;
        }

        Builder smi(List<SmiSnapshot> v) {
            smi = v;
            return this;
        }

        Builder smiNotes(List<String> v) {
            smiNotes = v;
            return this;
        }

        Builder driverVaSpaces(DriverVaSpaces v) {
            driverVaSpaces = v;
            return this;
        }

        Builder diagnostics(List<Diagnostic> v) {
            diagnostics = v;
            return this;
        }

        Builder missing(List<String> v) {
            missing = v;
            return this;
        }

        Builder sameFiles(OpenFileComparisons v) {
            sameFiles = v;
            return this;
        }

        /** As a text snapshot recorded it; a root's reader leaves it null, and {@link #withVaSpaceMm} adds it. */
        Builder vaSpaceMm(Boolean v) {
            vaSpaceMm = v;
            return this;
        }

        SystemSnapshot build() {
            return new SystemSnapshot(source, capture, scan, uvmLoaded, uvmGpus, gpus, hmm, smi, smiNotes,
                driverVaSpaces, diagnostics, missing, sameFiles, vaSpaceMm);
        }
    }
}
