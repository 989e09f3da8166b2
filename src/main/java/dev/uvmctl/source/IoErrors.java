package dev.uvmctl.source;

import java.io.EOFException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.zip.ZipException;

/** Turns an {@link IOException} into the few words a user needs after a file name. */
public final class IoErrors {
    private IoErrors() {
    }

    /** The words every reason of a read the kernel refused (EACCES, EPERM) starts with. */
    public static final String PERMISSION_DENIED_WORDS = "permission denied";

    /** What {@link #describe} says of a read the kernel refused: the one reason running as root cures. */
    public static final String PERMISSION_DENIED = PERMISSION_DENIED_WORDS + " (run as root)";

    /** True when {@code reason} (of {@link #describe}, or a refusal said with what lifts it) says the kernel refused the read. */
    public static boolean refused(String reason) {
        return reason.startsWith(PERMISSION_DENIED_WORDS);
    }

    public static String describe(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return PERMISSION_DENIED;
        }
        if (e instanceof NotDirectoryException) {
            return "not a directory";
        }
        if (e instanceof EOFException && "Unexpected end of ZLIB input stream".equals(e.getMessage())) {
            return "the gzip data ends too soon (the file is cut off)";
        }
        if (e instanceof ZipException) {
            return "damaged gzip data (" + e.getMessage() + ")";
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
