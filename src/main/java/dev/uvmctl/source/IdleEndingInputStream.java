package dev.uvmctl.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Ends a stream that never ends: {@code /dev/kmsg} blocks once every buffered record has been
 * read, and Java cannot open it non-blocking. A daemon thread reads it; the reader sees the end
 * of the stream when no data has come for the idle time. Closing this stream closes the source,
 * which frees its file descriptor; the thread, blocked in the kernel, ends at the next record. A broken pipe ({@code EPIPE}: records were overwritten while reading)
 * is read past, as dmesg does: the next read gives the oldest record left, and the jump in the
 * records' numbers says how many were lost (kernellog.KernelLogParser#kmsgSequence).
 */
public final class IdleEndingInputStream extends InputStream {
    private static final byte[] END = new byte[0];

    private final BlockingQueue<Object> chunks = new ArrayBlockingQueue<>(256);
    private final InputStream source;
    private final long firstWaitMillis;
    private final long idleMillis;
    private byte[] chunk = new byte[0];
    private int pos;
    private boolean started;
    private boolean ended;

    public IdleEndingInputStream(InputStream source, String name, long firstWaitMillis, long idleMillis) {
        this.source = source;
        this.firstWaitMillis = firstWaitMillis;
        this.idleMillis = idleMillis;
        Thread reader = new Thread(() -> pump(source), "uvmctl-read-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    private void pump(InputStream source) {
        byte[] buf = new byte[16 * 1024];
        try {
            while (true) {
                int n;
                try {
                    n = source.read(buf);
                } catch (IOException e) {
                    if (String.valueOf(e.getMessage()).contains("Broken pipe")) {
                        continue;
                    }
                    chunks.put(e);
                    return;
                }
                if (n < 0) {
                    chunks.put(END);
                    return;
                }
                if (n > 0) {
                    byte[] copy = new byte[n];
                    System.arraycopy(buf, 0, copy, 0, n);
                    chunks.put(copy);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (pos == chunk.length && !next()) {
            return -1;
        }
        int n = Math.min(len, chunk.length - pos);
        System.arraycopy(chunk, pos, b, off, n);
        pos += n;
        return n;
    }

    @Override
    public int available() {
        return chunk.length - pos + (chunks.isEmpty() ? 0 : 1);
    }

    /** Ends this stream and closes the source (a watch reopens the kernel log at every refresh). */
    @Override
    public void close() throws IOException {
        ended = true;
        source.close();
    }

    private boolean next() throws IOException {
        if (ended) {
            return false;
        }
        Object o;
        try {
            o = chunks.poll(started ? idleMillis : firstWaitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading");
        }
        started = true;
        if (o == null || o == END) {
            ended = true;
            return false;
        }
        if (o instanceof IOException e) {
            ended = true;
            throw e;
        }
        chunk = (byte[]) o;
        pos = 0;
        return true;
    }
}
