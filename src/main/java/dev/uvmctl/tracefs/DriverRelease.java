package dev.uvmctl.tracefs;

import dev.uvmctl.params.DriverVersion;
import dev.uvmctl.source.SysRoot;
import java.io.IOException;
import java.util.Optional;

/**
 * The loaded driver's release, as its modules give it: {@code /sys/module/nvidia_uvm/version},
 * else {@code /sys/module/nvidia/version} (both written from the build's NV_VERSION_STRING).
 */
public final class DriverRelease {
    static final String UVM = "/sys/module/nvidia_uvm/version";
    static final String NVIDIA = "/sys/module/nvidia/version";

    private DriverRelease() {
    }

    public static Optional<DriverVersion> of(SysRoot root) {
        for (String path : new String[] {UVM, NVIDIA}) {
            if (!root.exists(path)) {
                continue;
            }
            try {
                Optional<DriverVersion> v = DriverVersion.parse(root.readString(path).strip());
                if (v.isPresent()) {
                    return v;
                }
            } catch (IOException e) {
                // unreadable: the other file, or unknown
            }
        }
        return Optional.empty();
    }

    /** The kernel's architecture ({@code /proc/sys/kernel/arch}), or empty when the root does not say. */
    public static Optional<String> arch(SysRoot root) {
        try {
            return root.exists("/proc/sys/kernel/arch") ? Optional.of(root.readString("/proc/sys/kernel/arch").strip()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
