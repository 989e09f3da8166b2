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

    static void check(String schema) throws BadRecordException {
        if (!ID.equals(schema)) {
            throw new BadRecordException("schema \"" + schema + "\" is not " + ID + ": fields may be misread");
        }
    }
}
