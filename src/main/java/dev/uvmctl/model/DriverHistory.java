package dev.uvmctl.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What the driver itself reported in this boot, and what the kernel reported of tasks inside it:
 * the leak checker's reports at unload, the faults (oops, BUG, WARN, assert) in its code, and the
 * tasks the kernel saw blocked in it (hung tasks, soft lockups, call traces), the first report of
 * each. All are bounded: they are per unload, per crash or per task, and a runaway log must not
 * grow memory (one past the bound is a diagnostic, not a silent loss).
 */
public final class DriverHistory {
    static final int KEPT = 100;

    final List<Evidence> leaks = new ArrayList<>();
    final List<Evidence> faults = new ArrayList<>();
    final List<Evidence> blocked = new ArrayList<>();
    /** The tasks {@link #blocked} already has a report of. */
    final Set<Integer> blockedPids = new HashSet<>();
    Evidence lastUnload;

    /** Leak reports ({@code driver_leak} events), in order. */
    public List<Evidence> leaks() {
        return Collections.unmodifiableList(leaks);
    }

    /** Driver faults ({@code driver_fault} events), in order; a finding tells whether one hit a teardown ({@link Teardown}). */
    public List<Evidence> faults() {
        return Collections.unmodifiableList(faults);
    }

    /**
     * The kernel's reports of a task blocked in the driver ({@code task_blocked} but for a
     * snapshot's {@code uninterruptible}), the first of each task, and each report that names
     * no task, in order; an unload of the driver since ends them (see {@link GpuReplay}).
     */
    public List<Evidence> blocked() {
        return Collections.unmodifiableList(blocked);
    }

    /** The last unload of nvidia_uvm (or nvidia), or null. */
    public Evidence lastUnload() {
        return lastUnload;
    }

    /** Keeps {@code e} in {@code list}; false when the list is full. */
    static boolean keep(List<Evidence> list, Evidence e) {
        if (list.size() < KEPT) {
            list.add(e);
            return true;
        }
        return false;
    }
}
