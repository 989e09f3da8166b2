package dev.uvmctl.procfs;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An NVIDIA device node as a process's fd link or mapping names it. The kernel appends
 * {@code " (deleted)"} when the node was removed after the open; that does not change what is held.
 */
public record DeviceFile(Kind kind, String path, Integer minor) {
    /** What the node gives access to. */
    public enum Kind {
        /** {@code /dev/nvidia-uvm}: a va_space fd or (535+) its mm fd. */
        uvm,
        /** {@code /dev/nvidia-uvm-tools}: the UVM tools (event) interface. */
        uvm_tools,
        /** {@code /dev/nvidiactl}: the RM control node every CUDA and NVML client opens. */
        ctl,
        /** {@code /dev/nvidiaN}: one GPU. */
        gpu,
        /** {@code /dev/nvidia-modeset}. */
        modeset,
        /** {@code /dev/nvidia-caps/...}: MIG and other capabilities. */
        caps,
        /** {@code /dev/nvidia-nvswitchN}, {@code nvidia-nvswitchctl}, {@code nvidia-nvlink}. */
        fabric
    }

    private static final Pattern GPU = Pattern.compile("/dev/nvidia(\\d+)");
    private static final String DELETED = " (deleted)";

    /** The device {@code target} names, or null when it is not an NVIDIA device node. */
    public static DeviceFile of(String target) {
        if (target == null || !target.startsWith("/dev/nvidia")) {
            return null;
        }
        String path = target.endsWith(DELETED) ? target.substring(0, target.length() - DELETED.length()) : target;
        switch (path) {
            case "/dev/nvidia-uvm":
                return new DeviceFile(Kind.uvm, path, null);
            case "/dev/nvidia-uvm-tools":
                return new DeviceFile(Kind.uvm_tools, path, null);
            case "/dev/nvidiactl":
                return new DeviceFile(Kind.ctl, path, null);
            case "/dev/nvidia-modeset":
                return new DeviceFile(Kind.modeset, path, null);
            case "/dev/nvidia-nvlink":
            case "/dev/nvidia-nvswitchctl":
                return new DeviceFile(Kind.fabric, path, null);
            default:
                break;
        }
        Matcher m = GPU.matcher(path);
        if (m.matches() && m.group(1).length() <= 3) {
            return new DeviceFile(Kind.gpu, path, Integer.parseInt(m.group(1)));
        }
        if (path.startsWith("/dev/nvidia-caps/")) {
            return new DeviceFile(Kind.caps, path, null);
        }
        if (path.startsWith("/dev/nvidia-nvswitch")) {
            return new DeviceFile(Kind.fabric, path, null);
        }
        return null;
    }
}
