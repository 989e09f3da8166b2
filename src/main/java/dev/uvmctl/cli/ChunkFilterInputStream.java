package dev.uvmctl.cli;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** A filter that does its work in {@link #read(byte[], int, int)}; a single byte is read through it. */
abstract class ChunkFilterInputStream extends FilterInputStream {
    ChunkFilterInputStream(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public abstract int read(byte[] b, int off, int len) throws IOException;
}
