package dev.uvmctl.procfs;

import dev.uvmctl.shared.Provenance;
import java.util.List;

/**
 * {@code /proc/driver/nvidia-uvm/va_spaces}, which no released driver (515-595) creates
 * (no release 515.43.04..595 has one: kernel-open/nvidia-uvm creates no such procfs file): read when a future or custom driver has it. Its format is unknown, so only
 * what the tolerant reader recognises is kept: lines naming a va_space (with a pid when given)
 * and address ranges under them; {@code unrecognised} counts the rest.
 */
public record DriverVaSpaces(String input, List<Entry> vaSpaces, long unrecognised) {

    /** One va_space the file lists: its label as printed, the pid when the line has one, its ranges. */
    public record Entry(String label, Integer pid, List<Range> ranges, Provenance origin) {
    }

    /** One {@code start-end} address range under a va_space. */
    public record Range(long start, long end, Provenance origin) {
    }
}
