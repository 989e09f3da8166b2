package dev.uvmctl.tracefs;

import dev.uvmctl.params.SystemParamsReader;
import dev.uvmctl.source.SysRoot;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code # uvmctl-trace:} lines a recording starts with, so that a saved trace is read later
 * as it was recorded: the driver release and migration layout, the trace clock, the boot it
 * belongs to ({@code /proc/sys/kernel/random/boot_id}, so that it merges with that boot's kernel
 * log and snapshots), whether the driver makes mm fds ({@code uvm_enable_va_space_mm}), which GPU
 * each UVM processor id is, and the probes that could not be set.
 */
public final class TraceHeader {
    static final String BOOT_ID = "/proc/sys/kernel/random/boot_id";
    /**
     * The header key that says whether {@code UVM_MM_INITIALIZE} made mm fds on the traced system:
     * {@code uvm_enable_va_space_mm} as the driver tests it (see {@link SystemParamsReader#vaSpaceMm}).
     */
    public static final String VA_SPACE_MM = "va_space_mm";
    /**
     * The header key that says {@code uvm_va_space_destroy}'s return probe was set ({@code 1}), so
     * that a teardown whose return never came is one that did not return, not one whose return
     * was not recorded (traces recorded before the probe existed have no key).
     */
    public static final String DESTROY_RETURNS = "destroy_returns";
    /** The return probe {@link #DESTROY_RETURNS} is about. */
    public static final String DESTROY_RETURN_PROBE = "uvm_vas_destroy_r";

    private TraceHeader() {
    }

    /** The header; {@code gpus}: {@link #gpus} as read for this run, one line each. */
    public static List<String> lines(SysRoot root, Tracefs.Setup setup, Instant started, Map<Integer, GpuIds.Gpu> gpus) {
        List<String> out = new ArrayList<>();
        ProbeTable.Selection s = setup.selection();
        String boot = read(root, BOOT_ID);
        String clock = read(root, setup.tracefs() + "/instances/" + Tracefs.INSTANCE + "/trace_clock");
        // Unreadable or garbled, the key is left out: the reader then assumes the default, as without it.
        Boolean vaSpaceMm = SystemParamsReader.vaSpaceMm(root, d -> { });
        out.add("# uvmctl-trace: version=1 release=" + (s.release() == null ? "unknown" : s.release()) + " arch=" + s.arch()
            + " clock=" + clockName(clock) + (boot == null ? "" : " boot=" + boot) + " layout=" + (s.releaseKnown() ? s.layout() : "unknown")
            + (vaSpaceMm == null ? "" : " " + VA_SPACE_MM + "=" + (vaSpaceMm ? 1 : 0))
            + (setup.installed().stream().anyMatch(p -> p.name().equals(DESTROY_RETURN_PROBE)) ? " " + DESTROY_RETURNS + "=1" : "")
            + " instance=" + Tracefs.INSTANCE + " started=" + started);
        for (GpuIds.Gpu g : gpus.values()) {
            out.add(gpuLine(g));
        }
        for (Tracefs.Result r : setup.notInstalled()) {
            out.add("# uvmctl-trace: missing=" + r.probe().name() + " why=\"" + r.why().replace('"', '\'') + "\" kinds="
                + String.join(",", r.misses()));
        }
        return out;
    }

    /**
     * The GPUs UVM's procfs names now, by processor id. A GPU is there only while UVM retains it (its procfs
     * directory is made with the GPU, when a va_space first registers it, and removed when its retained_count
     * drops to 0: uvm_gpu.c, uvm_gpu_release_locked), so a run begun on an idle node finds none, and a live run
     * looks again as it goes ({@code LiveTrace}).
     */
    public static Map<Integer, GpuIds.Gpu> gpus(SysRoot root, Tracefs.Setup setup) {
        ProbeTable.Selection s = setup.selection();
        return GpuIds.read(root, s.releaseKnown() ? s.release() : null);
    }

    /** The line that names UVM's processor id {@code g.id()}: {@code # uvmctl-trace: gpu=N uuid=GPU-... pci=...}. */
    public static String gpuLine(GpuIds.Gpu g) {
        return "# uvmctl-trace: gpu=" + g.id() + " uuid=" + g.uuid() + (g.pci() == null ? "" : " pci=" + g.pci());
    }

    /** {@code trace_clock} lists the clocks with the one in use in brackets: {@code [local] global counter ...}. */
    static String clockName(String text) {
        if (text == null) {
            return "local";
        }
        int open = text.indexOf('[');
        int close = text.indexOf(']', open + 1);
        return open >= 0 && close > open ? text.substring(open + 1, close) : text.strip();
    }

    private static String read(SysRoot root, String path) {
        try {
            return root.exists(path) ? root.readString(path).strip() : null;
        } catch (IOException e) {
            return null;
        }
    }
}
