package dev.uvmctl.model;

import java.util.List;

/**
 * Recognizes the driver's teardown in a call trace: the functions that release a va_space, its
 * ranges, its deferred objects and its GPUs (uvm_va_space.c: uvm_va_space_destroy; uvm_va_range.c: uvm_deferred_free_object_list; 535..595). Matching is by prefix, so
 * that {@code uvm_va_range_destroy} covers {@code uvm_va_range_destroy_managed} and compiler
 * clones such as {@code .isra.0} need no special case.
 */
public final class Teardown {
    private static final List<String> FUNCTIONS = List.of(
        "uvm_release",
        "uvm_va_space_destroy",
        "uvm_va_space_mm_shutdown",
        "uvm_va_space_mm_unregister",
        "uvm_va_space_detach_all_user_channels",
        "uvm_va_space_unregister_gpu",
        "uvm_va_range_destroy",
        "uvm_va_block_kill",
        "uvm_deferred_free_object_list",
        "uvm_user_channel_detach",
        "uvm_ext_gpu_map_destroy",
        "uvm_ext_gpu_map_free",
        "uvm_gpu_release",
        "uvm_hmm_va_space_destroy",
        "uvm_hmm_unregister_gpu",
        "uvm_vm_close_managed",
        "uvm_destroy_vma_managed");

    private Teardown() {
    }

    /** The first frame (innermost) that is a teardown function, or null. */
    public static String frame(List<String> frames) {
        for (String frame : frames) {
            String function = function(frame);
            for (String f : FUNCTIONS) {
                if (function.startsWith(f)) {
                    return function;
                }
            }
        }
        return null;
    }

    /**
     * The function of the first (innermost) frame in an nvidia module ({@code [nvidia]},
     * {@code [nvidia_uvm]}, ...), or of the first frame when none names its module (an assert
     * names only its function); null when there is no frame.
     */
    public static String driverFrame(List<String> frames) {
        for (String frame : frames) {
            if (frame.contains(" [nvidia")) {
                return function(frame);
            }
        }
        return frames.isEmpty() || frames.get(0).contains(" [") ? null : function(frames.get(0));
    }

    /** {@code "? uvm_va_space_destroy+0x2a1/0x500 [nvidia_uvm]"} → {@code uvm_va_space_destroy}. */
    static String function(String frame) {
        String s = frame.strip();
        if (s.startsWith("? ")) {
            s = s.substring(2).strip();
        }
        int end = 0;
        while (end < s.length() && s.charAt(end) != '+' && s.charAt(end) != ' ') {
            end++;
        }
        return s.substring(0, end);
    }
}
