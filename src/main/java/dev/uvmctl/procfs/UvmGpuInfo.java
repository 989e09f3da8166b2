package dev.uvmctl.procfs;

import dev.uvmctl.shared.Provenance;
import java.util.Map;

/**
 * {@code /proc/driver/nvidia-uvm/gpus/<PARENT>/<SUB>/info} (uvm_procfs.c, uvm_gpu.c; 515.43.04..595): UVM's id for the GPU,
 * its RM name (515-545 only), the GPU and MIG GPU-instance UUIDs ({@code UVM-} prefixes removed),
 * and {@code retained_count}: how many va_spaces, channels, external mappings and peers still
 * retain the GPU. The directory exists only while that count is above 0. {@code other} keeps the
 * remaining key/value lines (debug procfs adds many).
 */
public record UvmGpuInfo(String directory, Integer uvmId, String name, String gpuUuid, String instanceUuid,
                         Long retainedCount, Provenance retainedOrigin, String ecc, String numaNode,
                         Map<String, String> other, Provenance origin) {
}
