package dev.uvmctl.procfs;

/**
 * Where a capture bundle keeps what is not a file of the captured system (docs/capture.md): the
 * manifest, the va_spaces snapshot and the outputs of commands. A fixture root may hold the same
 * files; the live system never does.
 */
public final class BundlePaths {
    public static final String DIR = "/uvmctl";
    public static final String MANIFEST = DIR + "/manifest.json";
    public static final String VA_SPACES = DIR + "/va-spaces.txt";
    public static final String COMMANDS = DIR + "/commands";
    public static final String SMI_QUERY_GPU = COMMANDS + "/nvidia-smi-query-gpu.csv";
    public static final String SMI_QUERY_APPS = COMMANDS + "/nvidia-smi-query-compute-apps.csv";
    public static final String SMI_TABLE = COMMANDS + "/nvidia-smi.txt";
    public static final String SMI_Q = COMMANDS + "/nvidia-smi-q.txt";
    public static final String DMESG = COMMANDS + "/dmesg.txt";

    private BundlePaths() {
    }
}
