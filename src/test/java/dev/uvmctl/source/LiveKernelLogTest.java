package dev.uvmctl.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LiveKernelLogTest {
    private final List<List<String>> started = new ArrayList<>();

    /** A root whose /dev/kmsg is closed to this user, as with kernel.dmesg_restrict=1. */
    static SysRoot denying(SysRoot root, String denied) {
        return new SysRoot() {
            @Override
            public String display(String path) {
                return root.display(path);
            }

            @Override
            public boolean exists(String path) {
                return root.exists(path);
            }

            @Override
            public boolean isDirectory(String path) {
                return root.isDirectory(path);
            }

            @Override
            public List<String> list(String dir) throws IOException {
                return root.list(dir);
            }

            @Override
            public InputStream open(String path) throws IOException {
                if (path.equals(denied)) {
                    throw new AccessDeniedException(root.display(path));
                }
                return root.open(path);
            }

            @Override
            public Optional<String> readLink(String path) throws IOException {
                return root.readLink(path);
            }
        };
    }

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
        assertThat(s.name()).isEqualTo(root.resolve("dev/kmsg").toString());
        assertThat(started).isEmpty();
    }

    @Test
    void permissionDeniedInAFixtureRootSaysWhatToDo(@TempDir Path root) throws IOException {
        Files.createDirectories(root.resolve("dev"));
        Files.writeString(root.resolve("dev/kmsg"), "");
        SysRoot closed = denying(new DirectorySysRoot(root), "/dev/kmsg");
        assertThatThrownBy(() -> LiveKernelLog.open(closed, false, commands("{}\n")))
            .isInstanceOf(LiveKernelLog.Unavailable.class)
            .hasMessage("cannot read the kernel log: " + root.resolve("dev/kmsg") + ": permission denied "
                + "(kernel.dmesg_restrict?): " + LiveKernelLog.ADVICE)
            .satisfies(e -> assertThat(((LiveKernelLog.Unavailable) e).denied()).isTrue());
        assertThat(started).as("commands read the live system, not a fixture root").isEmpty();
    }

    @Test
    void onTheLiveSystemFallsBackToJournalctl(@TempDir Path root) throws IOException {
        SysRoot closed = denying(new DirectorySysRoot(root), "/dev/kmsg");
        LiveKernelLog.Source s = LiveKernelLog.open(closed, true, commands("{\"MESSAGE\":\"x\"}\n"));
        assertThat(s.name()).isEqualTo("journalctl -k -o json --no-pager -q");
        try (InputStream in = s.in()) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("{\"MESSAGE\":\"x\"}\n");
        }
    }

    @Test
    void whenNothingGivesOutputItSaysSoAndWhatWasTried(@TempDir Path root) {
        SysRoot closed = denying(new DirectorySysRoot(root), "/dev/kmsg");
        assertThatThrownBy(() -> LiveKernelLog.open(closed, true, commands("")))
            .hasMessageContaining(": permission denied; 'journalctl -k -o json --no-pager -q' gave nothing; 'dmesg -r' gave nothing")
            .hasMessageEndingWith(LiveKernelLog.ADVICE);
        assertThat(started).extracting(c -> c.get(0)).containsExactly("journalctl", "dmesg");
    }

    @Test
    void aMissingKmsgInABundleIsNotAPermissionProblem(@TempDir Path root) {
        assertThatThrownBy(() -> LiveKernelLog.open(new DirectorySysRoot(root), false, commands(null)))
            .hasMessage("cannot read the kernel log: " + root.resolve("dev/kmsg") + ": no such file: give a log file, or a root that holds dev/kmsg")
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
