package dev.uvmctl.event;

/**
 * The version of the event NDJSON. A stream may start with a header record naming it; readers
 * accept streams without one (a bpftrace script need not write it). Every uvmctl schema is named
 * {@code uvmctl.<command>/v<N>}; version 2 is version 1 under that name (the records did not
 * change), so a stream headed with version 1's name reads as before.
 */
public final class EventSchema {
    public static final String ID = "uvmctl.events/v2";
    /** The name streams written before version 2 carry: the same records. */
    static final String VERSION_1 = "uvmctl-events/1";
    static final String HEADER_TYPE = "schema";
    static final String DIAGNOSTIC_TYPE = "diagnostic";

    private EventSchema() {
    }

    /** What to say of a header naming {@code schema}: null when it is this one (or its old name). The header is not a bad line either way. */
    static String mismatch(String schema) {
        return ID.equals(schema) || VERSION_1.equals(schema) ? null
            : "schema \"" + schema + "\" is not " + ID + " (nor " + VERSION_1 + "): fields may be misread";
    }
}
