package dev.uvmctl.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveSysRootTest {
    /** A bundle packed by GNU tar (member names start with "./"), not by uvmctl. */
    private static Path gnuTar(Path dir) throws IOException, InterruptedException {
        Path tree = Files.createDirectories(dir.resolve("tree/proc/42/fd"));
        Files.writeString(dir.resolve("tree/proc/42/status"), "Name:\tpython\nState:\tS (sleeping)\n");
        Files.createSymbolicLink(tree.resolve("3"), Path.of("/dev/nvidia-uvm"));
        Files.createDirectories(dir.resolve("tree/proc/43/fd"));
        Path tar = dir.resolve("b.tar.gz");
        Process p = new ProcessBuilder("tar", "-C", dir.resolve("tree").toString(), "-czf", tar.toString(), ".").inheritIO().start();
        assertThat(p.waitFor()).isZero();
        return tar;
    }

    @Test
    void readsFilesLinksAndEmptyDirectories(@TempDir Path dir) throws IOException, InterruptedException {
        SysRoot root = ArchiveSysRoot.open(gnuTar(dir));
        assertThat(root.list("/proc")).containsExactly("42", "43");
        assertThat(root.list("/proc/43/fd")).isEmpty();
        assertThat(root.readString("/proc/42/status")).startsWith("Name:\tpython");
        assertThat(root.readLink("/proc/42/fd/3")).hasValue("/dev/nvidia-uvm");
        assertThat(root.readLink("/proc/42/status")).isEmpty();
        assertThat(root.isDirectory("/proc/42")).isTrue();
        assertThat(root.exists("/proc/44")).isFalse();
        assertThatThrownBy(() -> root.open("/proc/44/status")).isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> root.list("/proc/42/status")).isInstanceOf(java.nio.file.NotDirectoryException.class);
        assertThat(root.describe()).isEqualTo("the capture bundle " + dir.resolve("b.tar.gz"));
    }

    @Test
    void refusalsOfTheManifestAreReplayed(@TempDir Path dir) throws IOException, InterruptedException {
        SysRoot root = new RefusingSysRoot(ArchiveSysRoot.open(gnuTar(dir)), Map.of("/proc/43/fd", "permission denied (run as root)"));
        assertThatThrownBy(() -> root.list("/proc/43/fd")).isInstanceOf(java.nio.file.AccessDeniedException.class);
        assertThat(IoErrors.describe(assertThrowsIo(() -> root.list("/proc/43/fd")))).isEqualTo("permission denied (run as root)");
        assertThat(root.list("/proc/42/fd")).containsExactly("3");
    }

    private interface Io {
        void run() throws IOException;
    }

    private static IOException assertThrowsIo(Io io) {
        try {
            io.run();
        } catch (IOException e) {
            return e;
        }
        throw new AssertionError("no IOException");
    }

    @Test
    void notAnArchive(@TempDir Path dir) throws IOException {
        Path junk = Files.writeString(dir.resolve("junk.tar.gz"), "not a tar at all, not even close to one ".repeat(20));
        assertThat(SystemRoots.isArchive(junk)).isTrue();
        assertThatThrownBy(() -> ArchiveSysRoot.open(junk)).isInstanceOf(IOException.class);
    }
}
