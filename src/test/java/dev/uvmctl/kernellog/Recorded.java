package dev.uvmctl.kernellog;

import dev.uvmctl.shared.Diagnostic;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** What the reader made of one input: records, diagnostics and the logs it found. */
final class Recorded implements KernelLogReader.Sink {
    final List<KernelRecord> records = new ArrayList<>();
    final List<Diagnostic> diagnostics = new ArrayList<>();
    final List<KernelLogReader.StreamStats> streams = new ArrayList<>();

    static Recorded read(String name, byte[] bytes) {
        Recorded r = new Recorded();
        try {
            new KernelLogReader(XidCatalog.builtIn()).read(name, new ByteArrayInputStream(bytes), false, r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return r;
    }

    static Recorded read(String name, String text) {
        return read(name, text.getBytes(StandardCharsets.UTF_8));
    }

    /** A file of src/test/resources, read as the CLI would (by its path under corpus/...). */
    static Recorded resource(String path) {
        try (InputStream in = Recorded.class.getResourceAsStream("/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + path);
            }
            return read(path.substring(path.lastIndexOf('/') + 1), in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] bytes(String path) {
        try (InputStream in = Recorded.class.getResourceAsStream("/" + path)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    <T extends KernelRecord> List<T> of(Class<T> type) {
        List<T> out = new ArrayList<>();
        for (KernelRecord r : records) {
            if (type.isInstance(r)) {
                out.add((T) r);
            }
        }
        return out;
    }

    @Override
    public void record(KernelRecord record) {
        records.add(record);
    }

    @Override
    public void diagnostic(Diagnostic diagnostic) {
        diagnostics.add(diagnostic);
    }

    @Override
    public void streamStarted(String input, String section) {
    }

    @Override
    public void streamEnded(KernelLogReader.StreamStats stats) {
        streams.add(stats);
    }
}
