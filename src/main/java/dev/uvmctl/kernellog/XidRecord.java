package dev.uvmctl.kernellog;

import dev.uvmctl.shared.PciAddress;
import java.util.List;

/**
 * An Xid line, {@code NVRM: Xid (PCI:dddd:bb:dd[ GPU-I:nn[ GPU-CI:nn]]): code, [pid=.., name=..,] text}
 * (krcReportXid_IMPL, src/nvidia/src/kernel/gpu/rc/kernel_rc.c; every form of 515.43.04..595).
 * Made through {@link Builder}, whose setters document the components.
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
        return toBuilder().details(more).build();
    }

    XidRecord withOrigin(RecordOrigin o) {
        return toBuilder().origin(o).build();
    }

    @Override
    public RecordKind kind() {
        return RecordKind.XID;
    }

    @Override
    public boolean needsAttention() {
        return true;
    }

    /** An XidRecord to fill by name. */
    static Builder builder() {
        return new Builder();
    }

    private Builder toBuilder() {
        return new Builder()
            .origin(origin)
            .message(message)
            .gpu(gpu)
            .uuid(uuid)
            .gpuInstance(gpuInstance)
            .computeInstance(computeInstance)
            .code(code)
            .pid(pid)
            .pidText(pidText)
            .process(process)
            .channel(channel)
            .text(text)
            .causedBy(causedBy)
            .mmuFault(mmuFault)
            .esr(esr)
            .rpc(rpc)
            .recoveryAction(recoveryAction)
            .catalog(catalog)
            .details(details);
    }

    /** Names each component at the call site, where 19 positional arguments could not be read. */
    static final class Builder {
        private RecordOrigin origin;
        private String message;
        private PciAddress gpu;
        private String uuid;
        private Integer gpuInstance;
        private Integer computeInstance;
        private int code;
        private Long pid;
        private String pidText;
        private String process;
        private Long channel;
        private String text;
        private Integer causedBy;
        private MmuFault mmuFault;
        private List<Esr> esr;
        private GspRpc rpc;
        private String recoveryAction;
        private XidCatalog.Entry catalog;
        private List<String> details;

        private Builder() {
        }

        Builder origin(RecordOrigin v) {
            origin = v;
            return this;
        }

        Builder message(String v) {
            message = v;
            return this;
        }

        Builder gpu(PciAddress v) {
            gpu = v;
            return this;
        }

        /** The GPU's UUID from an earlier {@code NVRM: GPU at PCI:} line of this boot, or null. */
        Builder uuid(String v) {
            uuid = v;
            return this;
        }

        Builder gpuInstance(Integer v) {
            gpuInstance = v;
            return this;
        }

        Builder computeInstance(Integer v) {
            computeInstance = v;
            return this;
        }

        Builder code(int v) {
            code = v;
            return this;
        }

        /** The process id when the driver printed a number, else null. */
        Builder pid(Long v) {
            pid = v;
            return this;
        }

        /** The pid field as printed ({@code 13332}, {@code '<unknown>'}, {@code N/A}); null when absent. */
        Builder pidText(String v) {
            pidText = v;
            return this;
        }

        /** The process name, null when absent or printed as {@code <unknown>} or {@code N/A}. */
        Builder process(String v) {
            process = v;
            return this;
        }

        /**
         * The channel id from {@code Ch 0000001a}, {@code channel 0x0000000c},
         * {@code Channel ID 00000022} or {@code ChID 0052}, else null.
         */
        Builder channel(Long v) {
            channel = v;
            return this;
        }

        /** The free text after the pid and name, without the {@code caused by} suffix. */
        Builder text(String v) {
            text = v;
            return this;
        }

        /** {@code caused by previous Xid N} (570.123.01+), else null. */
        Builder causedBy(Integer v) {
            causedBy = v;
            return this;
        }

        Builder mmuFault(MmuFault v) {
            mmuFault = v;
            return this;
        }

        Builder esr(List<Esr> v) {
            esr = v;
            return this;
        }

        Builder rpc(GspRpc v) {
            rpc = v;
            return this;
        }

        Builder recoveryAction(String v) {
            recoveryAction = v;
            return this;
        }

        /** The code's entry in the Xid catalog, null for a code the catalog does not know. */
        Builder catalog(XidCatalog.Entry v) {
            catalog = v;
            return this;
        }

        /** Messages that followed and belong to this Xid (GSP RPC history tables). */
        Builder details(List<String> v) {
            details = v;
            return this;
        }

        XidRecord build() {
            return new XidRecord(origin, message, gpu, uuid, gpuInstance, computeInstance, code, pid, pidText,
                process, channel, text, causedBy, mmuFault, esr, rpc, recoveryAction, catalog, details);
        }
    }
}
