package dev.uvmctl.event;

/** A record an input should have had right and did not; its message becomes a diagnostic. */
public final class BadRecordException extends Exception {
    private static final long serialVersionUID = 1L;

    public BadRecordException(String message) {
        super(message, null, false, false);
    }
}
