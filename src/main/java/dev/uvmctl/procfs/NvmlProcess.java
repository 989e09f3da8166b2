package dev.uvmctl.procfs;

/**
 * A process NVML (nvidia-smi) lists, with what this system says about its pid: its class, its
 * name here and the holder it matches (null when it holds no device file this scan could see).
 */
public record NvmlProcess(SmiProcess listed, HolderState state, String localName, SnapshotHolder holder) {
}
