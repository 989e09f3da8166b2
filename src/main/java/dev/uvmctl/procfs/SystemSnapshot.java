package dev.uvmctl.procfs;

import dev.uvmctl.shared.Diagnostic;
import java.util.List;

/**
 * Everything read from one system at one moment, before any judgement: the capture, the process
 * scan, UVM's procfs GPUs ({@code uvmLoaded} false when {@code /proc/driver/nvidia-uvm} is absent),
 * the core driver's GPUs, HMM regions ({@code null} when {@code /proc/iomem} was not read),
 * nvidia-smi outputs, the driver's own va_spaces listing when one exists, diagnostics, and what
 * could not be read ({@code missing}: non-empty means the answer is incomplete), and what kcmp
 * said about the holders' open files ({@code sameFiles}).
 */
public record SystemSnapshot(String source, CaptureInfo capture, ProcessScan scan, boolean uvmLoaded,
                             List<UvmGpuInfo> uvmGpus, List<NvidiaGpuInformation> gpus, List<HmmRegion> hmm,
                             List<SmiSnapshot> smi, List<String> smiNotes, DriverVaSpaces driverVaSpaces,
                             List<Diagnostic> diagnostics, List<String> missing,
                             OpenFileComparisons sameFiles) {
}
