package dev.uvmctl.event;

/**
 * What a process's {@code /dev/nvidia-uvm} file descriptor is to a va_space: the va_space fd
 * itself, or (driver 535 and later) the separate mm fd initialised with UVM_MM_INITIALIZE, which
 * also pins the owner's mm and with it its managed ranges (uvm.c: uvm_release; uvm_va_space.c: uvm_va_space_destroy; 535..595).
 */
public enum FdKind {
    va_space, mm
}
