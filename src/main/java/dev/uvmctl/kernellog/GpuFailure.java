package dev.uvmctl.kernellog;

import dev.uvmctl.shared.PciAddress;
import java.util.List;

/**
 * A GPU the driver could not bring up or keep working: {@code RmInitAdapter failed! (a:b:c)},
 * {@code rm_init_adapter failed, device minor number N}, {@code The NVIDIA probe routine failed
 * for N device(s)}, a GSP RPC timeout outside an Xid ({@code rpcRecvPoll timedout}), or a line
 * saying the GPU needs a reset.
 *
 * @param reason  which of those it is
 * @param code    the RmInitAdapter status triple as printed ({@code 0x22:0x56:894}), else null
 * @param minor   the device minor number, else null
 * @param devices the device count of a probe failure, else null
 * @param details the driver's lines that explain it (printed just before, same time)
 */
public record GpuFailure(RecordOrigin origin, String message, PciAddress gpu, FailureReason reason, String code, Integer minor,
                         Integer devices, GspRpc rpc, List<String> details) implements KernelRecord {

    public GpuFailure {
        details = List.copyOf(details);
    }

    GpuFailure withMinor(Integer m, long lastLine) {
        return new GpuFailure(origin.withLastLine(lastLine), message, gpu, reason, code, m, devices, rpc, details);
    }

    @Override
    public RecordKind kind() {
        return RecordKind.GPU_FAILURE;
    }

    @Override
    public boolean needsAttention() {
        return true;
    }
}
