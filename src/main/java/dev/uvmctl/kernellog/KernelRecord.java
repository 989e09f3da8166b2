package dev.uvmctl.kernellog;

import dev.uvmctl.shared.PciAddress;

/**
 * One kernel-log record that concerns GPU memory, typed by what it says. Records are values:
 * they carry their origin (input, line, raw first line, boot, times) and what could be read
 * from the text; nothing here depends on how they will be rendered or modelled.
 */
public sealed interface KernelRecord permits BootStart, XidRecord, GpuInfo, GpuLostRecord, GpuFailure, DriverError,
    DriverLoad, DriverUnload, UvmLoad, UvmUnload, UvmPrint, DriverLeakReport, CallTrace, OomKill, DriverMessage, LogGap {

    RecordOrigin origin();

    /** The message as logged, prefix removed; lines of a multi-line message joined with {@code \n}. */
    String message();

    RecordKind kind();

    /** True when a person should look: everything but routine banners and discovery lines. */
    boolean needsAttention();

    /** The GPU the record names, or null. */
    default PciAddress gpu() {
        return null;
    }

    /** The process the record names, or null. */
    default Long pid() {
        return null;
    }

    default String process() {
        return null;
    }
}
