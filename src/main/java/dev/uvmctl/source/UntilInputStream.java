package dev.uvmctl.source;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.BooleanSupplier;

/**
 * An input that ends as soon as {@code stop} says so, for a stream that never ends by itself
 * ({@code dmesg -w | uvmctl dmesg - | head -1}): once nobody reads uvmctl's output, reading on
 * would only keep the pipeline alive. An input ended that way ends wherever the reading was, in
 * the middle of a line as likely as not: {@link #stopped()} tells a reader that such a last line
 * is not the input's own.
 */
public final class UntilInputStream extends FilterInputStream {
    private final BooleanSupplier stop;
    private volatile boolean stopped;

    public UntilInputStream(InputStream in, BooleanSupplier stop) {
        super(in);
        this.stop = stop;
    }

    /**
     * True once this stream has ended because {@code stop} said so, not because its input ended
     * (an input below that ended for the same reason counts as this one).
     */
    public boolean stopped() {
        return stopped;
    }

    @Override
    public int read() throws IOException {
        return stopNow() ? -1 : ended(super.read());
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        return stopNow() ? -1 : ended(super.read(b, off, len));
    }

    @Override
    public int available() throws IOException {
        return stop.getAsBoolean() ? 0 : super.available();
    }

    private boolean stopNow() {
        if (stop.getAsBoolean()) {
            stopped = true;
        }
        return stopped;
    }

    /** The end of the input below while {@code stop} says so is the stop's doing (an inner stream that stopped too). */
    private int ended(int n) {
        if (n < 0 && stop.getAsBoolean()) {
            stopped = true;
        }
        return n;
    }
}
