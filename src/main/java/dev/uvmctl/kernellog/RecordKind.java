package dev.uvmctl.kernellog;

/** The kinds of kernel-log records, by the name used in JSON ({@code "type"}) and tables. */
public enum RecordKind {
    BOOT("boot"),
    XID("xid"),
    GPU_INFO("gpu-info"),
    GPU_LOST("gpu-lost"),
    GPU_FAILURE("gpu-failure"),
    DRIVER_ERROR("driver-error"),
    DRIVER_LOAD("driver-load"),
    DRIVER_UNLOAD("driver-unload"),
    UVM_LOAD("uvm-load"),
    UVM_UNLOAD("uvm-unload"),
    UVM_PRINT("uvm-print"),
    DRIVER_LEAK("driver-leak"),
    CALL_TRACE("call-trace"),
    OOM_KILL("oom-kill"),
    DRIVER_MESSAGE("driver-message"),
    LOG_GAP("log-gap");

    private final String label;

    RecordKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
