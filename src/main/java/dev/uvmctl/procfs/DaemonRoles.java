package dev.uvmctl.procfs;

import java.util.Map;

/**
 * Programs that keep NVIDIA devices open by design: they are named as what they are, never as
 * leaks. Keys are kernel comm names, which are cut at 15 characters ({@code nv-fabricmanager}
 * shows as {@code nv-fabricmanage}).
 */
public final class DaemonRoles {
    private static final Map<String, String> ROLES = Map.ofEntries(
        Map.entry("nvidia-persistenced", "persistence daemon"),
        Map.entry("nvidia-persiste", "persistence daemon"),
        Map.entry("nv-fabricmanager", "fabric manager"),
        Map.entry("nv-fabricmanage", "fabric manager"),
        Map.entry("nv-hostengine", "DCGM host engine"),
        Map.entry("dcgm-exporter", "DCGM exporter"),
        Map.entry("nvidia-device-plugin", "Kubernetes device plugin"),
        Map.entry("nvidia-device-p", "Kubernetes device plugin"),
        Map.entry("Xorg", "display server"),
        Map.entry("X", "display server"),
        Map.entry("Xwayland", "display server"),
        Map.entry("gnome-shell", "display server"),
        Map.entry("kwin_wayland", "display server"),
        Map.entry("nvidia-smi", "NVML query tool"));

    private DaemonRoles() {
    }

    /** The role of a process named {@code comm}, or null when it is not a known daemon. */
    public static String of(String comm) {
        return comm == null ? null : ROLES.get(comm);
    }
}
