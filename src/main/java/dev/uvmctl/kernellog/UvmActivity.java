package dev.uvmctl.kernellog;

import dev.uvmctl.kernellog.CallTrace.Frame;
import dev.uvmctl.shared.TeardownFunctions;
import java.util.List;

/**
 * Names what the nvidia_uvm frames of a trace were doing, from the driver's function names
 * (kernel-open/nvidia-uvm). A task stuck or crashed in va_space teardown still holds the
 * va_space's memory: that is the case the reclaim model most needs to know.
 */
final class UvmActivity {
    static final String TEARDOWN = "va_space teardown";

    /** After the teardown ({@link TeardownFunctions}, the one list {@code leaks} judges by too), in this order. */
    private static final String[][] RULES = {
        {"suspend/resume", "uvm_suspend", "uvm_resume", "nv_uvm_suspend", "nv_uvm_resume"},
        {"GPU fault servicing", "service_replayable_faults", "service_non_replayable_fault", "uvm_va_block_service",
            "replayable_faults_isr_bottom_half", "non_replayable_faults_isr_bottom_half", "uvm_gpu_service"},
        {"eviction", "uvm_pmm_gpu_pma_evict", "evict_root_chunk", "pick_and_evict_root_chunk", "uvm_pmm_gpu_evict"},
        {"migration", "uvm_migrate", "uvm_api_migrate", "uvm_va_block_migrate", "uvm_va_block_make_resident"},
        {"GPU registration", "uvm_va_space_unregister_gpu", "uvm_va_space_register_gpu", "uvm_gpu_release",
            "uvm_gpu_retain", "remove_gpu", "add_gpu"},
        {"CPU fault / mmap", "uvm_vm_fault", "uvm_mmap", "uvm_vm_open_managed", "uvm_cpu_fault"},
        {"ioctl", "uvm_unlocked_ioctl", "uvm_ioctl"},
    };

    private UvmActivity() {
    }

    /** The first rule any nvidia_uvm frame matches, the teardown first, then in the order above; null when none. */
    static String of(Frame ip, List<Frame> frames) {
        if (ip != null && teardown(ip) || frames.stream().anyMatch(UvmActivity::teardown)) {
            return TEARDOWN;
        }
        for (String[] rule : RULES) {
            if (ip != null && matches(ip, rule)) {
                return rule[0];
            }
            for (Frame f : frames) {
                if (matches(f, rule)) {
                    return rule[0];
                }
            }
        }
        return null;
    }

    private static boolean teardown(Frame f) {
        return uvm(f) && TeardownFunctions.is(f.function());
    }

    private static boolean uvm(Frame f) {
        return "nvidia_uvm".equals(f.module()) || f.function().startsWith("nv_uvm_");
    }

    private static boolean matches(Frame f, String[] rule) {
        if (!uvm(f)) {
            return false;
        }
        for (int i = 1; i < rule.length; i++) {
            if (f.function().startsWith(rule[i]) || f.function().contains(rule[i])) {
                return true;
            }
        }
        return false;
    }
}
