package dev.uvmctl.procfs;

import java.util.List;

/**
 * The nvidia-smi invocations uvmctl runs on a live system (and a capture saves under
 * {@link BundlePaths#COMMANDS}). The GPU query asks for {@code memory.reserved}, which older
 * releases do not know (nvidia-smi then exits 2): the fallback asks without it.
 */
public final class SmiCommands {
    public static final String PROGRAM = "nvidia-smi";
    public static final List<String> QUERY_GPU = List.of(PROGRAM,
        "--query-gpu=index,uuid,pci.bus_id,name,memory.total,memory.reserved,memory.used,memory.free", "--format=csv");
    public static final List<String> QUERY_GPU_OLD = List.of(PROGRAM,
        "--query-gpu=index,uuid,pci.bus_id,name,memory.total,memory.used,memory.free", "--format=csv");
    public static final List<String> QUERY_APPS = List.of(PROGRAM,
        "--query-compute-apps=pid,process_name,used_memory,gpu_uuid,gpu_bus_id", "--format=csv");
    public static final List<String> TABLE = List.of(PROGRAM);
    public static final List<String> QUERY = List.of(PROGRAM, "-q");

    private SmiCommands() {
    }
}
