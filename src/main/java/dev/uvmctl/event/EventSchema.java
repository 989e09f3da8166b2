package dev.uvmctl.event;

/**
 * The version of the event NDJSON. A stream may start with a header record naming it; readers
 * accept streams without one (a bpftrace script need not write it).
 */
public final class EventSchema {
    public static final String ID = "uvmctl-events/1";
    static final String HEADER_TYPE = "schema";
    static final String DIAGNOSTIC_TYPE = "diagnostic";

    private EventSchema() {
    }

    /** What to say of a header naming {@code schema}: null when it is this one. The header is not a bad line either way. */
    static String mismatch(String schema) {
        return ID.equals(schema) ? null : "schema \"" + schema + "\" is not " + ID + ": fields may be misread";
    }
}
