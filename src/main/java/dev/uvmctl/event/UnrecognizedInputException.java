package dev.uvmctl.event;

/** No event source reads the input: it is in no format uvmctl knows. */
public final class UnrecognizedInputException extends Exception {
    private static final long serialVersionUID = 1L;

    public UnrecognizedInputException(String message) {
        super(message, null, false, false);
    }
}
