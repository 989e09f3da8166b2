package dev.uvmctl.tracefs;

import java.util.List;

/**
 * One probe of {@code uvmctl trace}: a {@code kprobe_events} definition (with its filter) or a
 * tracepoint to enable, the event kinds it gives the model, and where its facts come from.
 *
 * @param name       the event name, as trace lines print it ({@code uvm_migrate})
 * @param definition for a kprobe, the line appended to {@code kprobe_events}; for a tracepoint, {@code SYSTEM/NAME}
 * @param filter     the event filter, or null
 * @param feeds      the event kinds it gives the model (empty when it only helps to join others)
 * @param about      the fields it fills, the checks its values get, and the driver source it follows
 * @param hmmOnly    its function is built only with HMM ({@code UVM_IS_CONFIG_HMM()}, uvm_linux.h; uvm_hmm.h has
 *                   static inline stubs otherwise), so its absence from the kernel's symbols means a driver with no
 *                   HMM memory, nothing for the probe to see
 */
public record Probe(String name, Kind kind, String definition, String filter, List<String> feeds, String about, boolean hmmOnly) {

    /** How the probe is set up. */
    public enum Kind {
        /** Defined in {@code kprobe_events} under uvmctl's group, then enabled. */
        kprobe,
        /** The kernel's or the driver's own tracepoint, only enabled. */
        tracepoint
    }

    /** The function a kprobe is placed on, with its module: {@code nvidia_uvm:uvm_va_space_create}; null for a tracepoint. */
    public String symbol() {
        if (kind == Kind.tracepoint) {
            return null;
        }
        String[] words = definition.split(" ");
        return words.length > 1 ? words[1] : null;
    }

    /** The tracefs directory of its event, under an {@code events/} directory: {@code uvmctl/uvm_migrate}, {@code sched/sched_process_exit}. */
    public String eventDirectory() {
        return kind == Kind.tracepoint ? definition : ProbeTable.GROUP + "/" + name;
    }
}
