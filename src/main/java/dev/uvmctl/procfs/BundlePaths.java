package dev.uvmctl.procfs;

import java.util.List;

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

    /**
     * Where a root that is not the live system keeps its kernel log, in the order they are looked
     * at: a fixture's {@code dev/kmsg} file, a capture bundle's {@code dmesg} output, and the
     * {@code dmesg} and {@code journalctl -k -o json} outputs that dev/capture-real.sh leaves at
     * the top of its tarball. One list for the reader of a root's log and for {@code capture},
     * which copies every one there, so that a bundle reads as its root did.
     */
    public static final List<String> KERNEL_LOGS = List.of("/dev/kmsg", DMESG, "/dmesg.txt", "/journal-k.json");

    /*
     * The snapshots that dev/capture-real.sh takes (snapshots/NAME/ of its tarball) are
     * system roots of their own with these files at the top: the UTC time of the capture and the
     * two nvidia-smi CSV queries, under names of their own.
     */
    public static final String SNAPSHOT_CAPTURED_AT = "/captured-at";
    public static final String SNAPSHOT_SMI_QUERY_GPU = "/nvidia-smi-gpu.csv";
    public static final String SNAPSHOT_SMI_QUERY_APPS = "/nvidia-smi-apps.csv";

    private BundlePaths() {
    }
}
