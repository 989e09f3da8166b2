package dev.uvmctl.kernellog;

import dev.uvmctl.shared.PciAddress;

/**
 * Any other nvidia-uvm line (the print macros of kernel-open/nvidia-uvm/uvm_common.h, 580.95.05):
 * <ul>
 * <li>{@code long}: {@code nvidia-uvm: file.c:123 function[pid:4711] text}, the prefix of
 *     UVM_ERR_PRINT, UVM_DBG_PRINT, old UVM_INFO_PRINT and asserts (all releases);</li>
 * <li>{@code info}: {@code nvidia-uvm:  text} (two spaces), UVM_INFO_PRINT of 570.123.07+ and
 *     570.133.07..595;</li>
 * <li>{@code plain}: {@code nvidia-uvm: text}, pr_info() lines.</li>
 * </ul>
 *
 * @param severity {@code assert}, {@code error}, {@code info} or {@code debug}: the printk level
 *                 when the input tells it, else read from the text (error words, a kernel call's
 *                 errno such as {@code request_free_mem_region() err -34})
 * @param status   an {@code NV_ERR_...} / {@code NV_WARN_...} status named in the text, else null
 */
public record UvmPrint(RecordOrigin origin, String message, String form, String severity, String file, Integer sourceLine,
                       String function, Long pid, String text, PciAddress gpu, String status) implements KernelRecord {
    @Override
    public RecordKind kind() {
        return RecordKind.UVM_PRINT;
    }

    @Override
    public boolean needsAttention() {
        return severity.equals("error") || severity.equals("assert");
    }
}
