package dev.uvmctl.kernellog;

/**
 * What a GSP RPC timeout names: {@code Timeout after 45s of waiting for RPC response from GPU3
 * GSP! Expected function 76 (GSP_RM_CONTROL) sequence 4128 (...)} in an Xid 119, or
 * {@code rpcRecvPoll timedout for fn 76 sequence 4127!} (src/nvidia/src/kernel/gpu/gsp/kernel_gsp.c).
 * Fields the line does not print are null.
 */
public record GspRpc(Integer timeoutSeconds, Integer function, String functionName, Long sequence) {
}
