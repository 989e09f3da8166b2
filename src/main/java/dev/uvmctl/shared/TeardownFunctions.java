package dev.uvmctl.shared;

import java.util.List;

/**
 * The UVM driver's teardown functions: those that release a va_space, its mm, its ranges, its
 * deferred objects, channels, external mappings and GPUs (uvm.c: uvm_release,
 * uvm_destroy_vma_managed; uvm_va_space.c: uvm_va_space_destroy; uvm_va_space_mm.c:
 * uvm_va_space_mm_unregister; uvm_va_range.c: uvm_deferred_free_object_list; 515..595). One list,
 * so that the kernel log's reading of a trace ({@code dmesg}'s "va_space teardown") and the
 * model's ({@code leaks}' stuck) agree. Matching is by prefix, so that
 * {@code uvm_va_range_destroy} covers {@code uvm_va_range_destroy_managed} and compiler clones
 * such as {@code .isra.0} or an {@code _entry} wrapper need no special case.
 */
public final class TeardownFunctions {
    private static final List<String> PREFIXES = List.of(
        "uvm_release",
        "uvm_va_space_destroy",
        "uvm_va_space_mm_shutdown",
        "uvm_va_space_mm_unregister",
        "uvm_mm_release",
        "uvm_va_space_detach_all_user_channels",
        "uvm_va_space_unregister_gpu",
        "uvm_gpu_va_space_destroy",
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

    private TeardownFunctions() {
    }

    /** True when {@code function} (a bare name, {@code uvm_release.constprop.0}) is one of them. */
    public static boolean is(String function) {
        for (String prefix : PREFIXES) {
            if (function.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
