package dev.uvmctl.procfs;

import dev.uvmctl.shared.Provenance;
import java.util.List;

/**
 * One thread of a process: its state letter and name, and where it waits ({@code wchan}, and the
 * kernel stack's function names when root could read {@code stack}). A {@code [defunct]} leader
 * can have threads still blocked in the driver's teardown.
 */
public record TaskState(int pid, int tid, String name, String state, String wchan, List<String> stack, Provenance origin) {

    /** True when the wait channel or a stack frame is in the NVIDIA drivers (uvm_*, nv_*, os_*, _nv*). */
    public boolean inNvidiaDriver() {
        if (driverSymbol(wchan)) {
            return true;
        }
        return stack.stream().anyMatch(TaskState::driverSymbol);
    }

    /** The first driver symbol on the stack (innermost first) or the wait channel. */
    public String driverFrame() {
        for (String f : stack) {
            if (driverSymbol(f)) {
                return f;
            }
        }
        return driverSymbol(wchan) ? wchan : null;
    }

    /**
     * The first frame (innermost first), or the wait channel, in nvidia-uvm's own code, or null:
     * every function of nvidia-uvm.ko is named {@code uvm_*} (the core driver's are {@code nv_*},
     * {@code os_*}, {@code rm_*}, {@code _nv*}).
     */
    public String uvmFrame() {
        for (String f : stack) {
            if (f.startsWith("uvm_")) {
                return f;
            }
        }
        return wchan != null && wchan.startsWith("uvm_") ? wchan : null;
    }

    static boolean driverSymbol(String s) {
        return s != null && (s.startsWith("uvm_") || s.startsWith("nv_") || s.startsWith("_nv") || s.startsWith("nvidia_")
            || s.startsWith("os_") || s.startsWith("rm_"));
    }
}
