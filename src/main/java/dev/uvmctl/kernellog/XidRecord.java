package dev.uvmctl.kernellog;

import dev.uvmctl.shared.PciAddress;
import java.util.List;

/**
 * An Xid line, {@code NVRM: Xid (PCI:dddd:bb:dd[ GPU-I:nn[ GPU-CI:nn]]): code, [pid=.., name=..,] text}
 * (krcReportXid_IMPL, src/nvidia/src/kernel/gpu/rc/kernel_rc.c; every form of 515.43.04..595).
 *
 * @param uuid       the GPU's UUID from an earlier {@code NVRM: GPU at PCI:} line of this boot, or null
 * @param pid        the process id when the driver printed a number, else null
 * @param pidText    the pid field as printed ({@code 13332}, {@code '<unknown>'}, {@code N/A}); null when absent
 * @param process    the process name, null when absent or printed as {@code <unknown>} or {@code N/A}
 * @param channel    the channel id from {@code Ch 0000001a}, {@code channel 0x0000000c},
 *                   {@code Channel ID 00000022} or {@code ChID 0052}, else null
 * @param text       the free text after the pid and name, without the {@code caused by} suffix
 * @param causedBy   {@code caused by previous Xid N} (570.123.01+), else null
 * @param catalog    the code's entry in the Xid catalog, null for a code the catalog does not know
 * @param details    messages that followed and belong to this Xid (GSP RPC history tables)
 */
public record XidRecord(RecordOrigin origin, String message, PciAddress gpu, String uuid, Integer gpuInstance,
                  Integer computeInstance, int code, Long pid, String pidText, String process, Long channel,
                  String text, Integer causedBy, MmuFault mmuFault, List<Esr> esr, GspRpc rpc,
                  String recoveryAction, XidCatalog.Entry catalog, List<String> details) implements KernelRecord {

    /**
     * {@code MMU Fault: ENGINE e [GPCn] client faulted @ 0xhi_lo. Fault is of type t access}: the
     * address is printed as two 32-bit halves (kgmmuPrintFaultInfo_GV100, kern_gmmu_gv100.c).
     */
    public record MmuFault(String engine, String gpc, String client, long address, String faultType, String accessType) {
    }

    /** One {@code 0xREG=0xVALUE} pair of a {@code Graphics Exception: ESR} text. */
    public record Esr(long register, long value) {
    }

    public XidRecord {
        esr = List.copyOf(esr);
        details = List.copyOf(details);
    }

    XidRecord withDetails(List<String> more) {
        return new XidRecord(origin, message, gpu, uuid, gpuInstance, computeInstance, code, pid, pidText, process,
            channel, text, causedBy, mmuFault, esr, rpc, recoveryAction, catalog, more);
    }

    XidRecord withOrigin(RecordOrigin o) {
        return new XidRecord(o, message, gpu, uuid, gpuInstance, computeInstance, code, pid, pidText, process,
            channel, text, causedBy, mmuFault, esr, rpc, recoveryAction, catalog, details);
    }

    @Override
    public RecordKind kind() {
        return RecordKind.XID;
    }

    @Override
    public boolean needsAttention() {
        return true;
    }
}
