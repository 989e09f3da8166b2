package dev.uvmctl.procfs;

import dev.uvmctl.source.SubtreeSysRoot;
import dev.uvmctl.source.SysRoot;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What {@code dev/capture-real.sh} writes (a directory, or the {@code .tar.gz} of one), read as the
 * run it records: no process table at its top, but snapshots under {@code snapshots/NAME/}, each a
 * system root of the processes holding an NVIDIA device at one moment ({@link BundlePaths}); its
 * kernel log at the top ({@code dmesg.txt}, {@code journal-k.json}); the driver's own files under
 * {@code root/}; and, where the probes could be set, the trace taken around the program
 * ({@code uvm.trace} from {@code uvmctl trace record}, or {@code trace.txt}, the tracefs
 * {@code trace} file the first version of the script kept).
 *
 * @param snapshots the snapshots' directories ({@code /snapshots/NAME}), in the order they were taken:
 *                  by {@code captured-at}, then by name
 * @param trace     the trace's path, or null when the run kept none
 * @param bootId    the run's boot: {@code root/proc/sys/kernel/random/boot_id}, else the first snapshot's; null when none says
 */
public record CaptureRun(List<String> snapshots, String trace, String bootId) {
    public static final String SNAPSHOTS = "/snapshots";
    /** Where the run keeps the driver's files, as a system root of their own. */
    public static final String DRIVER_ROOT = "/root";
    /** The trace, in the order looked at. */
    public static final List<String> TRACES = List.of("/uvm.trace", "/trace.txt");

    /** The run {@code root} holds, or null when it is no such directory (it has a {@code /proc}, or no snapshot). */
    public static CaptureRun of(SysRoot root) {
        if (root.isDirectory("/proc") || !root.isDirectory(SNAPSHOTS)) {
            return null;
        }
        record Taken(String dir, String at) {
        }
        List<Taken> taken = new ArrayList<>();
        try {
            for (String name : root.list(SNAPSHOTS)) {
                String dir = SNAPSHOTS + "/" + name;
                if (root.isDirectory(dir) && (root.exists(dir + BundlePaths.SNAPSHOT_CAPTURED_AT) || root.isDirectory(dir + "/proc"))) {
                    taken.add(new Taken(dir, capturedAt(root, dir)));
                }
            }
        } catch (IOException e) {
            return null;
        }
        if (taken.isEmpty()) {
            return null;
        }
        // captured-at is `date -u +%Y-%m-%dT%H:%M:%S.%NZ`: one width, so its text sorts as its time does.
        taken.sort(Comparator.comparing(Taken::at).thenComparing(Taken::dir));
        List<String> dirs = taken.stream().map(Taken::dir).toList();
        String trace = TRACES.stream().filter(root::exists).findFirst().orElse(null);
        String boot = SystemReader.bootId(new SubtreeSysRoot(root, DRIVER_ROOT, DRIVER_ROOT));
        for (int i = 0; boot == null && i < dirs.size(); i++) {
            boot = SystemReader.bootId(new SubtreeSysRoot(root, dirs.get(i), dirs.get(i)));
        }
        return new CaptureRun(dirs, trace, boot);
    }

    /**
     * Where {@code root}'s driver files are: a capture run's {@code root/} (the module parameters,
     * the driver's procfs and version files, modprobe.d) as a root of its own, else {@code root}.
     */
    public static SysRoot driverFiles(SysRoot root) {
        return of(root) != null && root.isDirectory(DRIVER_ROOT)
            ? new SubtreeSysRoot(root, DRIVER_ROOT, root.describe().replaceFirst("^the (system root|capture bundle) ", "") + DRIVER_ROOT)
            : root;
    }

    /** The snapshot's {@code captured-at}, stripped; "~" (after every time) when it has none. */
    private static String capturedAt(SysRoot root, String dir) {
        try {
            String at = root.exists(dir + BundlePaths.SNAPSHOT_CAPTURED_AT) ? root.readString(dir + BundlePaths.SNAPSHOT_CAPTURED_AT).strip() : "";
            return at.isEmpty() ? "~" : at;
        } catch (IOException e) {
            return "~";
        }
    }
}
