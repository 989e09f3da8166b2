package dev.uvmctl.procfs;

import dev.uvmctl.source.BundleManifest;
import dev.uvmctl.source.CommandRunner;
import dev.uvmctl.shared.Diagnostic;
import dev.uvmctl.source.IoErrors;
import dev.uvmctl.source.SysRoot;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads a system root into a {@link SystemSnapshot}: the process scan, the UVM and core-driver
 * procfs GPUs, {@code /proc/iomem}, a driver {@code va_spaces} file when one exists, and
 * nvidia-smi (run when {@code live}, else the outputs the root keeps).
 */
public final class SystemReader {
    public static final String UVM_DIR = "/proc/driver/nvidia-uvm";
    public static final String UVM_GPUS = UVM_DIR + "/gpus";
    public static final String VA_SPACES = UVM_DIR + "/va_spaces";
    public static final String NVIDIA_GPUS = "/proc/driver/nvidia/gpus";
    public static final String IOMEM = "/proc/iomem";
    static final String HOSTNAME = "/proc/sys/kernel/hostname";
    static final String OSRELEASE = "/proc/sys/kernel/osrelease";
    static final String UPTIME = "/proc/uptime";
    static final String BOOT_ID = "/proc/sys/kernel/random/boot_id";
    static final String OWN_PID_NS = "/proc/self/ns/pid";
    static final String MOUNTINFO = "/proc/self/mountinfo";

    private final SysRoot root;
    private final List<Diagnostic> diagnostics = new ArrayList<>();
    private final List<String> missing = new ArrayList<>();

    private SystemReader(SysRoot root) {
        this.root = root;
    }

    /**
     * {@code label} names the root in output; {@code live}: the root is the running system, {@code now} its clock and
     * {@code runner} runs its nvidia-smi.
     */
    public static SystemSnapshot read(SysRoot root, String label, boolean live, CommandRunner runner, Instant now) {
        SystemReader r = new SystemReader(root);
        BundleManifest manifest = live ? null : BundleManifest.read(root);
        CaptureInfo capture = r.capture(live, now, manifest);
        ProcessScan scan = ProcessScanner.scan(root, manifest == null ? Set.of() : Set.copyOf(manifest.exitedDuringCapture()));
        r.diagnostics.addAll(scan.diagnostics());
        if (scan.failure() != null) {
            r.missing.add(scan.failure());
        }
        r.hiddenProcesses();
        boolean uvmLoaded = root.isDirectory(UVM_DIR);
        List<UvmGpuInfo> uvm = uvmLoaded ? r.uvmGpus() : List.of();
        List<NvidiaGpuInformation> gpus = r.nvidiaGpus();
        List<HmmRegion> hmm = r.hmm();
        DriverVaSpaces driver = null;
        if (root.exists(VA_SPACES)) {
            String text = r.readOrNote(VA_SPACES);
            driver = text == null ? null : DriverVaSpacesParser.parse(text, root.display(VA_SPACES));
        }
        List<String> smiNotes = new ArrayList<>();
        List<SmiReader.Output> outputs;
        if (live) {
            outputs = SmiReader.run(runner, smiNotes);
        } else {
            outputs = SmiReader.fromRoot(root, manifest, r.diagnostics);
            smiNotes.addAll(manifest == null ? List.of() : manifest.smiNotes());
        }
        List<SmiSnapshot> smi = SmiReader.parse(outputs, r.diagnostics);
        // A bundle reads as the system it was taken from: the same name, so the same report.
        String source = manifest != null && manifest.fields().get("source") != null ? manifest.fields().get("source") : label;
        return SystemSnapshot.builder()
            .source(source)
            .capture(capture)
            .scan(scan)
            .uvmLoaded(uvmLoaded)
            .uvmGpus(uvm)
            .gpus(gpus)
            .hmm(hmm)
            .smi(smi)
            .smiNotes(List.copyOf(smiNotes))
            .driverVaSpaces(driver)
            .diagnostics(List.copyOf(r.diagnostics))
            .missing(List.copyOf(r.missing))
            .sameFiles(OpenFileComparisons.read(root, scan.holders(), r.diagnostics))
            .build();
    }

    private CaptureInfo capture(boolean live, Instant now, BundleManifest manifest) {
        String capturedAt = live ? now.truncatedTo(ChronoUnit.SECONDS).toString() : capturedAt(manifest, firstLine(BundlePaths.SNAPSHOT_CAPTURED_AT));
        String host = firstLine(HOSTNAME);
        String kernel = firstLine(OSRELEASE);
        Double uptime = null;
        String up = firstLine(UPTIME);
        if (up != null) {
            try {
                uptime = Double.valueOf(up.split("\\s+")[0]);
            } catch (NumberFormatException e) {
                diagnostics.add(Diagnostic.at(root.display(UPTIME), 1, "not seconds since boot: '" + up + "'"));
            }
        }
        String ns = null;
        try {
            ns = root.readLink(OWN_PID_NS).orElse(null);
        } catch (IOException e) {
            ns = null;
        }
        boolean wasLive = live || (manifest != null && "true".equals(manifest.fields().get("live")));
        return new CaptureInfo(capturedAt, host, kernel, uptime, bootId(root), ns, containerEvidence(), wasLive);
    }

    /** When a capture was taken: its manifest says, or else the first line of a snapshot's {@code captured-at} file. */
    public static String capturedAt(BundleManifest manifest, String capturedAtLine) {
        return manifest != null ? manifest.fields().get("captured_at") : capturedAtLine;
    }

    /**
     * The root's boot id ({@code /proc/sys/kernel/random/boot_id}, world-readable), which names
     * the boot the snapshot and the kernel log of the root belong to; null when absent.
     */
    public static String bootId(SysRoot root) {
        try {
            String text = root.exists(BOOT_ID) ? root.readString(BOOT_ID) : null;
            String id = text == null ? "" : text.strip();
            return id.isEmpty() ? null : id;
        } catch (IOException e) {
            return null;
        }
    }

    /** Why the reader seems to run inside a container, whose PID namespace hides the host's processes. */
    private String containerEvidence() {
        if (root.exists("/.dockerenv")) {
            return "/.dockerenv exists";
        }
        if (root.exists("/run/.containerenv")) {
            return "/run/.containerenv exists";
        }
        String cgroup = readQuietly("/proc/1/cgroup");
        if (cgroup != null) {
            CgroupInfo info = CgroupParser.parse(cgroup, root.display("/proc/1/cgroup"), new ArrayList<>());
            if (info != null && (info.containerId() != null || info.podUid() != null)) {
                return "PID 1 is in the cgroup " + info.path();
            }
        }
        return null;
    }

    /**
     * procfs mounted with {@code hidepid} hides other users' processes from the listing itself:
     * they are not unreadable, they are absent, and the view must not look complete.
     */
    private void hiddenProcesses() {
        String mountinfo = readQuietly(MOUNTINFO);
        if (mountinfo == null) {
            return;
        }
        for (String line : mountinfo.split("\n")) {
            String[] f = line.split(" ");
            int dash = java.util.Arrays.asList(f).indexOf("-");
            if (f.length < 5 || dash < 0 || dash + 3 >= f.length || !f[4].equals("/proc") || !f[dash + 1].equals("proc")) {
                continue;
            }
            for (String option : f[dash + 3].split(",")) {
                if (option.startsWith("hidepid=") && !option.equals("hidepid=0") && !option.equals("hidepid=off")) {
                    missing.add("/proc is mounted with " + option + ": other users' processes are not listed at all (run as root, "
                        + "or as a member of the proc gid= group)");
                    return;
                }
            }
        }
    }

    private List<UvmGpuInfo> uvmGpus() {
        List<UvmGpuInfo> out = new ArrayList<>();
        List<String> entries = listOrNote(UVM_GPUS);
        for (String entry : entries) {
            String parent = UVM_GPUS + "/" + entry;
            if (isLink(parent) || !root.isDirectory(parent)) {
                continue; // the gpu-id and GI-uuid names are links to the same directories
            }
            if (root.exists(parent + "/info")) {
                info(parent, out);
            }
            for (String sub : listOrNote(parent)) {
                String dir = parent + "/" + sub;
                if (!sub.isEmpty() && sub.chars().allMatch(Character::isDigit) && root.isDirectory(dir)) {
                    info(dir, out);
                }
            }
        }
        return out;
    }

    private void info(String dir, List<UvmGpuInfo> out) {
        String text = readOrNote(dir + "/info");
        if (text != null) {
            out.add(UvmGpuInfoParser.parse(text, root.display(dir), root.display(dir + "/info"), diagnostics));
        }
    }

    private boolean isLink(String path) {
        try {
            return root.readLink(path).isPresent();
        } catch (IOException e) {
            return false;
        }
    }

    private List<NvidiaGpuInformation> nvidiaGpus() {
        List<NvidiaGpuInformation> out = new ArrayList<>();
        if (!root.isDirectory(NVIDIA_GPUS)) {
            return out;
        }
        for (String bus : listOrNote(NVIDIA_GPUS)) {
            String path = NVIDIA_GPUS + "/" + bus + "/information";
            if (!root.exists(path)) {
                continue;
            }
            String text = readOrNote(path);
            if (text != null) {
                out.add(NvidiaGpuInformationParser.parse(text, bus, root.display(path), diagnostics));
            }
        }
        return out;
    }

    private List<HmmRegion> hmm() {
        if (!root.exists(IOMEM)) {
            return null;
        }
        String text = readOrNote(IOMEM);
        return text == null ? null : IomemParser.hmmRegions(text, root.display(IOMEM), diagnostics);
    }

    private List<String> listOrNote(String dir) {
        try {
            return root.list(dir);
        } catch (IOException e) {
            diagnostics.add(Diagnostic.of(root.display(dir), IoErrors.describe(e)));
            missing.add(root.display(dir) + " could not be listed (" + IoErrors.describe(e) + ")");
            return List.of();
        }
    }

    private String readOrNote(String path) {
        try {
            return root.readString(path);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            diagnostics.add(Diagnostic.of(root.display(path), IoErrors.describe(e)));
            missing.add(root.display(path) + " could not be read (" + IoErrors.describe(e) + ")");
            return null;
        }
    }

    private String readQuietly(String path) {
        try {
            return root.exists(path) ? root.readString(path) : null;
        } catch (IOException e) {
            return null;
        }
    }

    private String firstLine(String path) {
        String text = readQuietly(path);
        return text == null ? null : text.lines().findFirst().map(String::strip).orElse(null);
    }
}
