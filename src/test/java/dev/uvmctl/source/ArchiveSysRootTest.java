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
        // What an error about opening a path names: the path and the bundle it was looked for in.
        assertThat(root.tried("/dev/kmsg")).isEqualTo("/dev/kmsg in the capture bundle " + dir.resolve("b.tar.gz"));
        assertThat(new DirectorySysRoot(dir).tried("/dev/kmsg")).isEqualTo(dir.toAbsolutePath().normalize().resolve("dev/kmsg").toString());
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

    /** {@code tar -C DIR -czf ARCHIVE MEMBER}, as a user packs a tree. */
    private static Path tar(Path dir, Path archive, String member) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("tar", "-C", dir.toString(), "-czf", archive.toString(), member).inheritIO().start();
        assertThat(p.waitFor()).isZero();
        return archive;
    }

    @Test
    void anArchivePackedWithTheDirectoryTheRootWasInIsReadFromInsideIt(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("node7/proc/42/fd"));
        Files.writeString(dir.resolve("node7/proc/42/status"), "Name:\tpython\n");
        Files.createDirectories(dir.resolve("node7/uvmctl/commands"));
        Files.writeString(dir.resolve("node7/uvmctl/commands/dmesg.txt"), "[    1.000000] nvidia-uvm: Loaded the UVM driver.\n");
        SysRoot root = ArchiveSysRoot.open(tar(dir, dir.resolve("node7.tar.gz"), "node7/"));
        assertThat(root.list("/")).containsExactly("proc", "uvmctl");
        assertThat(root.readString("/uvmctl/commands/dmesg.txt")).contains("Loaded the UVM driver");
        assertThat(root.list("/proc/42")).containsExactly("fd", "status");
        assertThat(root.exists("/node7")).isFalse();
        assertThat(root.describe()).isEqualTo("the capture bundle " + dir.resolve("node7.tar.gz") + " (its node7/)");
    }

    @Test
    void anArchiveOfOneDirectoryOfTheRootItselfIsNotUnpacked(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("tree/proc/42"));
        Files.writeString(dir.resolve("tree/proc/uptime"), "100.00 200.00\n");
        SysRoot root = ArchiveSysRoot.open(tar(dir.resolve("tree"), dir.resolve("proc.tar.gz"), "proc"));
        assertThat(root.list("/")).containsExactly("proc");
        assertThat(root.readString("/proc/uptime")).startsWith("100.00");
    }

    @Test
    void anArchiveIsKnownByItsContentWhateverItIsCalled(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("node7/proc"));
        Files.writeString(dir.resolve("node7/proc/uptime"), "100.00 200.00\n");
        Path gz = tar(dir, dir.resolve("node7.backup"), "node7/");
        assertThat(SystemRoots.isArchive(gz)).isTrue();
        Process plain = new ProcessBuilder("tar", "-C", dir.toString(), "-cf", dir.resolve("node7.bin").toString(), "node7/").start();
        assertThat(plain.waitFor()).isZero();
        assertThat(SystemRoots.isArchive(dir.resolve("node7.bin"))).isTrue();
        Path log = Files.writeString(dir.resolve("kern.log"), "[    1.000000] NVRM: loading NVIDIA UNIX x86_64 Kernel Module\n".repeat(20));
        assertThat(SystemRoots.isArchive(log)).isFalse();
        Process gzip = new ProcessBuilder("gzip", "-k", log.toString()).start();
        assertThat(gzip.waitFor()).isZero();
        assertThat(SystemRoots.isArchive(dir.resolve("kern.log.gz"))).as("a gzipped log is not a bundle").isFalse();
        assertThat(SystemRoots.isArchive(dir)).isFalse();
    }

    @Test
    void notAnArchive(@TempDir Path dir) throws IOException {
        Path junk = Files.writeString(dir.resolve("junk.tar.gz"), "not a tar at all, not even close to one ".repeat(20));
        assertThat(SystemRoots.isArchive(junk)).isTrue();
        assertThatThrownBy(() -> ArchiveSysRoot.open(junk)).isInstanceOf(IOException.class);
    }
}
