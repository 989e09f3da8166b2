package dev.uvmctl.source;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.BooleanSupplier;

/**
 * An input that ends as soon as {@code stop} says so, for a stream that never ends by itself
 * ({@code dmesg -w | uvmctl dmesg - | head -1}): once nobody reads uvmctl's output, reading on
 * would only keep the pipeline alive.
 */
public final class UntilInputStream extends FilterInputStream {
    private final BooleanSupplier stop;

    public UntilInputStream(InputStream in, BooleanSupplier stop) {
        super(in);
        this.stop = stop;
    }

    @Override
    public int read() throws IOException {
        return stop.getAsBoolean() ? -1 : super.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        return stop.getAsBoolean() ? -1 : super.read(b, off, len);
    }

    @Override
    public int available() throws IOException {
        return stop.getAsBoolean() ? 0 : super.available();
    }
}
