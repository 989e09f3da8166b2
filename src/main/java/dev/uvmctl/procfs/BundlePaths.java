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
    /** What kcmp(2) said about the holders' /dev/nvidia-uvm fds at capture ({@link KcmpRecordParser}). */
    public static final String KCMP = DIR + "/kcmp.txt";
    public static final String COMMANDS = DIR + "/commands";
    public static final String SMI_QUERY_GPU = COMMANDS + "/nvidia-smi-query-gpu.csv";
    public static final String SMI_QUERY_APPS = COMMANDS + "/nvidia-smi-query-compute-apps.csv";
    public static final String SMI_TABLE = COMMANDS + "/nvidia-smi.txt";
    public static final String SMI_Q = COMMANDS + "/nvidia-smi-q.txt";
    public static final String DMESG = COMMANDS + "/dmesg.txt";

    /*
     * The snapshots that shared/device/capture-real.sh takes (snapshots/NAME/ of its tarball) are
     * system roots of their own with these files at the top: the UTC time of the capture and the
     * two nvidia-smi CSV queries, under names of their own.
     */
    public static final String SNAPSHOT_CAPTURED_AT = "/captured-at";
    public static final String SNAPSHOT_SMI_QUERY_GPU = "/nvidia-smi-gpu.csv";
    public static final String SNAPSHOT_SMI_QUERY_APPS = "/nvidia-smi-apps.csv";

    private BundlePaths() {
    }
}
