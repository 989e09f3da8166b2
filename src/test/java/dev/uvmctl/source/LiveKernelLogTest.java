package dev.uvmctl.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.uvmctl.testing.FailingSysRoot;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LiveKernelLogTest {
    private final List<List<String>> started = new ArrayList<>();

    private LiveKernelLog.Commands commands(String journalOutput) {
        return command -> {
            started.add(command);
            if (command.get(0).equals("journalctl") && journalOutput != null) {
                return new FakeProcess(journalOutput);
            }
            throw new IOException("not installed: " + command.get(0));
        };
    }

    @Test
    void readsAFixtureKmsgFileToItsEnd(@TempDir Path root) throws IOException {
        Files.createDirectories(root.resolve("dev"));
        Files.writeString(root.resolve("dev/kmsg"), "6,1,100,-;NVRM: loading NVIDIA UNIX x86_64 Kernel Module  570.158.01\n");
        LiveKernelLog.Source s = LiveKernelLog.open(new DirectorySysRoot(root), false, commands(null));
        try (InputStream in = s.in()) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).startsWith("6,1,100,-;NVRM: loading");
        }
        assertThat(s.name()).isEqualTo("/dev/kmsg");
        assertThat(started).isEmpty();
    }

    @Test
    void permissionDeniedInAFixtureRootSaysWhatToDo(@TempDir Path root) throws IOException {
        Files.createDirectories(root.resolve("dev"));
        Files.writeString(root.resolve("dev/kmsg"), "");
        SysRoot closed = new FailingSysRoot(root, Set.of("/dev/kmsg"));
        assertThatThrownBy(() -> LiveKernelLog.open(closed, false, commands("{}\n")))
            .isInstanceOf(LiveKernelLog.Unavailable.class)
            .hasMessage("cannot read the kernel log: /dev/kmsg: permission denied "
                + "(kernel.dmesg_restrict?): " + LiveKernelLog.ADVICE)
            .satisfies(e -> assertThat(((LiveKernelLog.Unavailable) e).denied()).isTrue());
        assertThat(started).as("commands read the live system, not a fixture root").isEmpty();
    }

    @Test
    void onTheLiveSystemFallsBackToJournalctl(@TempDir Path root) throws IOException {
        SysRoot closed = new FailingSysRoot(root, Set.of("/dev/kmsg"));
        LiveKernelLog.Source s = LiveKernelLog.open(closed, true, commands("{\"MESSAGE\":\"x\"}\n"));
        assertThat(s.name()).isEqualTo("journalctl -k -o json --no-pager -q");
        try (InputStream in = s.in()) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("{\"MESSAGE\":\"x\"}\n");
        }
    }

    @Test
    void whenNothingGivesOutputItSaysSoAndWhatWasTried(@TempDir Path root) {
        SysRoot closed = new FailingSysRoot(root, Set.of("/dev/kmsg"));
        assertThatThrownBy(() -> LiveKernelLog.open(closed, true, commands("")))
            .hasMessageContaining(": permission denied; 'journalctl -k -o json --no-pager -q' gave nothing; 'dmesg -r' gave nothing")
            .hasMessageEndingWith(LiveKernelLog.ADVICE);
        assertThat(started).extracting(c -> c.get(0)).containsExactly("journalctl", "dmesg");
    }

    @Test
    void aMissingKmsgInABundleIsNotAPermissionProblem(@TempDir Path root) {
        assertThatThrownBy(() -> LiveKernelLog.open(new DirectorySysRoot(root), false, commands(null)))
            .hasMessage("cannot read the kernel log: /dev/kmsg: no such file: give a log file, or a root that holds dev/kmsg")
            .satisfies(e -> assertThat(((LiveKernelLog.Unavailable) e).denied()).isFalse());
    }

    @Test
    void aStreamThatNeverEndsEndsAfterItFallsIdle() throws IOException {
        InputStream endless = new InputStream() {
            private boolean sent;

            @Override
            public int read() {
                return -1;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (!sent) {
                    sent = true;
                    b[off] = 'x';
                    return 1;
                }
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return -1;
            }
        };
        long start = System.nanoTime();
        try (InputStream in = new IdleEndingInputStream(endless, "test", 1000, 50)) {
            assertThat(in.readAllBytes()).containsExactly('x');
        }
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5_000);
    }

    @Test
    void closingTheStreamClosesItsSource() throws IOException {
        java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
        InputStream source = new java.io.ByteArrayInputStream(new byte[] {'x'}) {
            @Override
            public void close() {
                closed.set(true);
            }
        };
        InputStream in = new IdleEndingInputStream(source, "test", 1000, 50);
        assertThat(in.readAllBytes()).containsExactly('x');
        in.close();
        assertThat(closed).isTrue();
        assertThat(in.read()).isEqualTo(-1);
    }

    /** A finished process with the given standard output. */
    private static final class FakeProcess extends Process {
        private final byte[] out;

        FakeProcess(String out) {
            this.out = out.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public OutputStream getOutputStream() {
            return OutputStream.nullOutputStream();
        }

        @Override
        public InputStream getInputStream() {
            return new ByteArrayInputStream(out);
        }

        @Override
        public InputStream getErrorStream() {
            return InputStream.nullInputStream();
        }

        @Override
        public int waitFor() {
            return 0;
        }

        @Override
        public int exitValue() {
            return 0;
        }

        @Override
        public void destroy() {
        }
    }
}
