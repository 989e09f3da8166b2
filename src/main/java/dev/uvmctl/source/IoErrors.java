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

    /** What {@link #describe} says of a read the kernel refused (EACCES, EPERM): the one reason running as root cures. */
    public static final String PERMISSION_DENIED = "permission denied (run as root)";

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
