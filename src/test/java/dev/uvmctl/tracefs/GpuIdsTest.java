package dev.uvmctl.tracefs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uvmctl.params.DriverVersion;
import dev.uvmctl.source.DirectorySysRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * UVM's processor ids as migrations name them, to GPUs through {@code /proc/driver/nvidia-uvm/gpus/}
 * (uvm_gpu.c: init_procfs_dirs): the link names are the processor ids from 550.40.07
 * ({@code uvm_id_value(gpu->id)}, a GPU's sub-processors numbered {@code index * 8 + sub + 1}), the
 * global ids on 535 and 545 ({@code uvm_global_id_value(gpu->global_id)}, while {@code gpu->id} is
 * the parent's).
 */
class GpuIdsTest {
    private static final String A = "GPU-5a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9";
    private static final String B = "GPU-0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";

    private static void gpu(Path root, String link, String target, String bus, String uuid) throws IOException {
        Path gpus = root.resolve("proc/driver/nvidia-uvm/gpus");
        Files.createDirectories(gpus.resolve(target));
        Files.createSymbolicLink(gpus.resolve(link), Path.of(target));
        Path info = root.resolve("proc/driver/nvidia/gpus/" + bus + "/information");
        Files.createDirectories(info.getParent());
        Files.writeString(info, "Model: \t\t NVIDIA H100 80GB HBM3\nGPU UUID: \t " + uuid + "\nBus Location: \t " + bus + "\n");
    }

    @Test
    void onA535DriverTheLinksAreGlobalIdsAndASubProcessorIsItsParentsGpu(@TempDir Path root) throws IOException {
        gpu(root, "1", "UVM-" + A + "/0", "0000:3b:00.0", A);
        // The second GPU in MIG mode with only its sub-processor 1 registered: global id (2 - 1) * 8 + 1 + 1.
        gpu(root, "10", "UVM-" + B + "/1", "0000:86:00.0", B);
        Map<Integer, GpuIds.Gpu> ids = GpuIds.read(new DirectorySysRoot(root), DriverVersion.of("535.183.01"));
        assertThat(ids).containsOnlyKeys(1, 2);
        assertThat(ids.get(1).pci()).isEqualTo("0000:3b:00.0");
        assertThat(ids.get(2).uuid()).isEqualToIgnoringCase(B);
        assertThat(ids.get(2).pci()).isEqualTo("0000:86:00.0");
    }

    @Test
    void from550TheLinksAreTheProcessorIds(@TempDir Path root) throws IOException {
        gpu(root, "1", A + "/0", "0000:3b:00.0", A);
        gpu(root, "9", B + "/0", "0000:86:00.0", B);
        Files.createSymbolicLink(root.resolve("proc/driver/nvidia-uvm/gpus/GI-" + B.substring(4)), Path.of(B + "/0"));
        for (DriverVersion release : new DriverVersion[] {DriverVersion.of("550.40.07"), DriverVersion.of("595.45.04"), null}) {
            Map<Integer, GpuIds.Gpu> ids = GpuIds.read(new DirectorySysRoot(root), release);
            assertThat(ids).as(String.valueOf(release)).containsOnlyKeys(1, 9);
            assertThat(ids.get(9).pci()).isEqualTo("0000:86:00.0");
        }
    }
}
