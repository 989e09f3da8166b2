package dev.uvmctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uvmctl.tracefs.GpuIds;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A live run names the GPUs UVM registers after it began (a GPU's directory in UVM's procfs appears when a
 * va_space first registers it): a {@code gpu=} line goes into the trace between two lines, once a second at most,
 * for each GPU not named yet.
 */
class LiveTraceNewGpusTest {
    private static final GpuIds.Gpu ONE = new GpuIds.Gpu(1, "GPU-5a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9", "0000:3b:00.0");
    private static final GpuIds.Gpu TWO = new GpuIds.Gpu(2, "GPU-6b2c3d4e-5f60-7182-93a4-b5c6d7e8f9a0", null);

    private final AtomicLong now = new AtomicLong(10_000);
    private final Map<Integer, GpuIds.Gpu> registered = new TreeMap<>();
    private final Map<Integer, String> named = new HashMap<>();

    /** An input whose every read gives the next of {@code chunks}, whole, as a pipe gives what was written to it. */
    private static InputStream chunked(List<String> chunks) {
        return new InputStream() {
            private int next;

            @Override
            public int read() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (next == chunks.size()) {
                    return -1;
                }
                byte[] c = chunks.get(next++).getBytes(StandardCharsets.UTF_8);
                System.arraycopy(c, 0, b, off, c.length);
                return c.length;
            }
        };
    }

    /** Reads {@code chunks} through the filter, the clock advanced by {@code step} ms before each read. */
    private String read(List<String> chunks, long step) throws IOException {
        LiveTrace.NewGpus in = new LiveTrace.NewGpus(chunked(chunks), named, () -> registered, now::get);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        for (int n; ; ) {
            now.addAndGet(step);
            if ((n = in.read(buffer, 0, buffer.length)) < 0) {
                break;
            }
            out.write(buffer, 0, n);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aGpuRegisteredAfterTheHeaderIsNamedAtTheNextLineOnce() throws IOException {
        registered.put(1, ONE);
        registered.put(2, TWO);
        named.put(2, TWO.uuid()); // in the header
        String out = read(List.of("a\n", "b\n", "c\n"), LiveTrace.NewGpus.EVERY_MS);
        assertThat(out).isEqualTo("# uvmctl-trace: gpu=1 uuid=GPU-5a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9 pci=0000:3b:00.0\na\nb\nc\n");
        assertThat(named).containsOnlyKeys(1, 2);
    }

    /** find_unused_gpu_id (uvm_gpu.c) gives the first free id: once GPU 1 is released, the next GPU registered is 1 too. */
    @Test
    void anIdThatNamesAnotherGpuNowIsNamedAgain() throws IOException {
        named.put(1, ONE.uuid());
        registered.put(1, new GpuIds.Gpu(1, TWO.uuid(), "0000:86:00.0"));
        assertThat(read(List.of("a\n"), LiveTrace.NewGpus.EVERY_MS))
            .isEqualTo("# uvmctl-trace: gpu=1 uuid=GPU-6b2c3d4e-5f60-7182-93a4-b5c6d7e8f9a0 pci=0000:86:00.0\na\n");
        assertThat(named).containsEntry(1, TWO.uuid());
    }

    @Test
    void theDirectoryIsReadAgainOnlyOnceASecond() throws IOException {
        registered.put(1, ONE);
        assertThat(read(List.of("a\n", "b\n"), LiveTrace.NewGpus.EVERY_MS - 1)).as("999 ms, then 1998 ms: one look, before b")
            .isEqualTo("a\n# uvmctl-trace: gpu=1 uuid=GPU-5a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9 pci=0000:3b:00.0\nb\n");
    }

    @Test
    void noLineGoesIntoTheMiddleOfAnother() throws IOException {
        registered.put(2, TWO);
        String out = read(List.of("     UVM GPU1 BH-11", "01 [014] ..... 5012.3: uvm_migrate: dst=2\n", "x\n"), LiveTrace.NewGpus.EVERY_MS);
        assertThat(out).isEqualTo("# uvmctl-trace: gpu=2 uuid=GPU-6b2c3d4e-5f60-7182-93a4-b5c6d7e8f9a0\n"
            + "     UVM GPU1 BH-1101 [014] ..... 5012.3: uvm_migrate: dst=2\nx\n");
        registered.clear();
        named.clear();
        registered.put(2, TWO);
        now.set(10_000);
        // The first look falls in the middle of a line: it waits for the line's end.
        String late = readFromMidLine();
        assertThat(late).isEqualTo("     UVM GPU1 BH-1101 [014]\n# uvmctl-trace: gpu=2 uuid=GPU-6b2c3d4e-5f60-7182-93a4-b5c6d7e8f9a0\nx\n");
    }

    private String readFromMidLine() throws IOException {
        InputStream two = chunked(List.of("     UVM GPU1 BH-1101", " [014]\n", "x\n"));
        LiveTrace.NewGpus in = new LiveTrace.NewGpus(two, named, () -> registered, now::get);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[64];
        int n = in.read(buffer, 0, buffer.length); // at 10 000 ms: no look yet
        out.write(buffer, 0, n);
        now.addAndGet(LiveTrace.NewGpus.EVERY_MS); // a second on, but mid-line
        while ((n = in.read(buffer, 0, buffer.length)) >= 0) {
            out.write(buffer, 0, n);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
