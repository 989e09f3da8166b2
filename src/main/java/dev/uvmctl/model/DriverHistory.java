package dev.uvmctl.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What the driver itself reported in this boot: the leak checker's reports at unload, and
 * faults (oops, BUG, assert) that hit a teardown path. Both are bounded: they are per unload or
 * per crash, and a runaway log must not grow memory.
 */
public final class DriverHistory {
    static final int KEPT = 100;

    final List<Evidence> leaks = new ArrayList<>();
    final List<Evidence> teardownFaults = new ArrayList<>();
    Evidence lastUnload;

    /** Leak reports ({@code driver_leak} events), in order. */
    public List<Evidence> leaks() {
        return Collections.unmodifiableList(leaks);
    }

    /** Driver faults whose call trace runs through a teardown function, in order. */
    public List<Evidence> teardownFaults() {
        return Collections.unmodifiableList(teardownFaults);
    }

    /** The last unload of nvidia_uvm (or nvidia), or null. */
    public Evidence lastUnload() {
        return lastUnload;
    }

    static void keep(List<Evidence> list, Evidence e) {
        if (list.size() < KEPT) {
            list.add(e);
        }
    }
}
