package dev.uvmctl.procfs;

import dev.uvmctl.shared.Provenance;

/**
 * One line of {@code /proc/PID/maps}. For a {@code /dev/nvidia-uvm} mapping the driver requires
 * the offset to equal the start address (uvm.c: uvm_mmap, 515.43.04..595), so such a line is a managed range.
 */
public record MapsRange(long start, long end, String perms, long offset, String device, long inode, String path,
                        Provenance origin) {
    public long size() {
        return end - start;
    }

    public boolean shared() {
        return perms.length() == 4 && perms.charAt(3) == 's';
    }

    /** True for a UVM managed (or semaphore-pool) range: {@code /dev/nvidia-uvm}, shared, offset = start. */
    public boolean uvmManaged() {
        DeviceFile d = DeviceFile.of(path);
        return d != null && d.kind() == DeviceFile.Kind.uvm && shared() && offset == start;
    }
}
