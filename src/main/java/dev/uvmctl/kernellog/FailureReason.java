package dev.uvmctl.kernellog;

/** Why the driver could not bring up or keep a GPU ({@link GpuFailure}); {@link #label} is how reports spell it. */
public enum FailureReason {
    /** {@code RmInitAdapter failed! (a:b:c)} or {@code rm_init_adapter failed, device minor number N} */
    INIT_FAILED("init-failed"),
    /** {@code The NVIDIA probe routine failed for N device(s)} */
    PROBE_FAILED("probe-failed"),
    /** A GSP RPC timeout outside an Xid ({@code rpcRecvPoll timedout}) */
    GSP_TIMEOUT("gsp-timeout"),
    /** A line saying the GPU needs a reset */
    RESET_REQUIRED("reset-required");

    private final String label;

    FailureReason(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
