package dev.uvmctl.source;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * An input whose read failure ends it instead of throwing, so that a reader above that reads many
 * times per call ({@link java.io.BufferedInputStream} reads on while {@code available()} says
 * more is there, as a {@link java.util.zip.GZIPInputStream} always does) keeps the bytes that
 * came before the failure: a cut-off {@code .gz} gives its lines up to the cut. The reader must
 * ask {@link #failure()} at the end and report it: the input was not read to its end.
 */
public final class FailureAtEndInputStream extends FilterInputStream {
    private IOException failure;

    public FailureAtEndInputStream(InputStream in) {
        super(in);
    }

    /** Why the input ended before its end, or null when it was read to its end (or not yet failed). */
    public IOException failure() {
        return failure;
    }

    @Override
    public int read() throws IOException {
        if (failure != null) {
            return -1;
        }
        try {
            return super.read();
        } catch (IOException e) {
            failure = e;
            return -1;
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (failure != null) {
            return -1;
        }
        try {
            return super.read(b, off, len);
        } catch (IOException e) {
            failure = e;
            return -1;
        }
    }

    @Override
    public int available() throws IOException {
        if (failure != null) {
            return 0;
        }
        try {
            return super.available();
        } catch (IOException e) {
            failure = e;
            return 0;
        }
    }
}
