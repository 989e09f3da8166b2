package dev.uvmctl.event;

import java.util.HashMap;
import java.util.Map;

/**
 * The kinds of event, named as the NDJSON {@code "type"} field names them (docs/events.md).
 * The model dispatches on this rather than on instanceof chains: one switch, checked by the
 * compiler for completeness where it matters.
 */
public enum EventKind {
    va_space_created,
    va_space_destroyed,
    fd_held,
    fd_closed,
    range_created,
    range_destroyed,
    range_split,
    deferred_freed,
    zombies_cleaned,
    populated,
    migrated,
    evicted,
    process_exited,
    process_forked,
    process_state,
    task_blocked,
    gpu_memory,
    gpu_process_memory,
    gpu_retained,
    xid,
    gpu_lost,
    driver_loaded,
    driver_unloaded,
    driver_leak,
    driver_fault,
    suspended,
    resumed,
    capture,
    events_lost;

    /** By name: decoding looks up one per NDJSON line. */
    private static final Map<String, EventKind> BY_NAME = new HashMap<>();

    static {
        for (EventKind k : values()) {
            BY_NAME.put(k.name(), k);
        }
    }

    /**
     * Whether an event of this kind is one of the machine's history. {@code events_lost} is not:
     * it says what the input failed to show, so an input of such reports alone holds no events.
     */
    public boolean ofHistory() {
        return this != events_lost;
    }

    /** The kind named {@code type}, or null when there is none of that name. */
    public static EventKind named(String type) {
        return type == null ? null : BY_NAME.get(type);
    }
}
