package dev.uvmctl.cli;

/**
 * A failure that ends a command with a known exit status and a one-line message for the user.
 * The message is printed after {@code uvmctl: } and should say what was wrong and what to do.
 */
public final class UvmctlException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    private UvmctlException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public static UvmctlException usage(String message) {
        return new UvmctlException(ExitCode.USAGE, message, null);
    }

    public static UvmctlException incomplete(String message) {
        return new UvmctlException(ExitCode.INCOMPLETE, message, null);
    }

    public static UvmctlException incomplete(String message, Throwable cause) {
        return new UvmctlException(ExitCode.INCOMPLETE, message, cause);
    }

    public int exitCode() {
        return exitCode;
    }
}
