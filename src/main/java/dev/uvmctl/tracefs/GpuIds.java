package dev.uvmctl.tracefs;

import dev.uvmctl.params.DriverVersion;
import dev.uvmctl.procfs.NvidiaGpuInformation;
import dev.uvmctl.procfs.NvidiaGpuInformationParser;
import dev.uvmctl.shared.GpuKey;
import dev.uvmctl.source.SysRoot;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which GPU each UVM processor id is, as migrations name them ({@code uvm_processor_id_t}, 0 the
 * CPU): UVM's procfs has a link per GPU, {@code /proc/driver/nvidia-uvm/gpus/<N>}, to
 * {@code GPU-<uuid>/<sub>} (uvm_gpu.c: init_procfs_dirs). From 550.40.07 N is the processor id;
 * on 535 and 545 it is the global id, {@code (id - 1) * 8 + 1 + sub} for sub-processor {@code sub} of
 * the GPU, whose processor id is its parent's ({@code alloc_gpu}: {@code gpu->id = parent_gpu->id},
 * uvm_gpu.c, 535.43.02) and whose link names its parent's UUID ({@code uvm_gpu_uuid}, uvm_gpu.h).
 * The UUID's PCI bus id comes from {@code /proc/driver/nvidia/gpus/<bus>/information}.
 */
public final class GpuIds {
    static final String UVM_GPUS = "/proc/driver/nvidia-uvm/gpus";
    static final String NVIDIA_GPUS = "/proc/driver/nvidia/gpus";
    private static final DriverVersion PROCESSOR_IDS = DriverVersion.of("550.40.07");
    private static final Pattern TARGET = Pattern.compile("(?:.*/)?(?:UVM-)?(GPU-[0-9a-fA-F-]{36})/(\\d+)");

    /** A GPU of the trace: its processor id, UUID and PCI bus id (null when not found). */
    public record Gpu(int id, String uuid, String pci) {
    }

    private GpuIds() {
    }

    /** The GPUs UVM has registered, by processor id; a release that is not known is taken to name them by processor id. */
    public static Map<Integer, Gpu> read(SysRoot root, DriverVersion release) {
        Map<Integer, Gpu> out = new TreeMap<>();
        if (!root.isDirectory(UVM_GPUS)) {
            return out;
        }
        Map<String, String> pciOfUuid = pciByUuid(root);
        boolean global = release != null && release.isBefore(PROCESSOR_IDS);
        try {
            for (String name : root.list(UVM_GPUS)) {
                if (name.isEmpty() || !name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                Matcher m = TARGET.matcher(root.readLink(UVM_GPUS + "/" + name).orElse(""));
                if (!m.matches()) {
                    continue;
                }
                int n = Integer.parseInt(name);
                // A MIG sub-processor on 535/545, whichever index find_unused_global_gpu_id gave it (the first free one,
                // uvm_gpu.c, 535.43.02): its link names its parent's UUID, and migrations its parent's id.
                int id = global ? (n - 1) / 8 + 1 : n;
                String uuid = GpuKey.normalize(m.group(1));
                out.put(id, new Gpu(id, uuid, pciOfUuid.get(uuid)));
            }
        } catch (IOException e) {
            // an unreadable procfs: the GPUs stay named by their ids
        }
        return out;
    }

    private static Map<String, String> pciByUuid(SysRoot root) {
        Map<String, String> out = new HashMap<>();
        if (!root.isDirectory(NVIDIA_GPUS)) {
            return out;
        }
        try {
            for (String bus : root.list(NVIDIA_GPUS)) {
                String path = NVIDIA_GPUS + "/" + bus + "/information";
                if (!root.exists(path)) {
                    continue;
                }
                NvidiaGpuInformation info = NvidiaGpuInformationParser.parse(root.readString(path), bus, path, new ArrayList<>());
                if (info.uuid() != null && info.bus() != null) {
                    out.put(GpuKey.normalize(info.uuid()), GpuKey.of(info.bus()));
                }
            }
        } catch (IOException e) {
            // the UUIDs stay without a PCI bus id
        }
        return out;
    }
}
