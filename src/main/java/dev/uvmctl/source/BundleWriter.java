package dev.uvmctl.source;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Writes a capture bundle: files, links and directories under their in-system paths, first into
 * a staging directory beside the target, then renamed (a directory bundle) or archived to a
 * temporary name and renamed ({@code .tar.gz}), so that an interrupted capture never leaves a
 * half-written bundle under the target's name. The staging files are removed on exit either way.
 */
public final class BundleWriter implements Closeable {
    private final Path target;
    private final Path staging;
    private final Path archiveTemp;
    private final Thread cleanup;
    private boolean finished;

    private BundleWriter(Path target) throws IOException {
        this.target = target;
        String name = target.getFileName().toString();
        long pid = ProcessHandle.current().pid();
        this.staging = target.resolveSibling("." + name + ".tmp-" + pid + ".d");
        this.archiveTemp = archive(target) ? target.resolveSibling("." + name + ".tmp-" + pid) : null;
        deleteTree(staging);
        Files.createDirectories(staging);
        this.cleanup = new Thread(this::removeTemporaries, "uvmctl-capture-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
    }

    /** True when {@code target} names a {@code .tar.gz} (or {@code .tgz}) bundle, not a directory. */
    public static boolean archive(Path target) {
        String name = target.getFileName() == null ? "" : target.getFileName().toString();
        return name.endsWith(".tar.gz") || name.endsWith(".tgz");
    }

    /** A writer for a bundle at {@code target}, which must not exist yet. */
    public static BundleWriter create(Path target) throws IOException {
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new FileAlreadyExistsException(target.toString(), null, "already exists: remove it or choose another name");
        }
        Path parent = target.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new java.nio.file.NoSuchFileException(String.valueOf(parent), null, "no such directory");
        }
        return new BundleWriter(target.toAbsolutePath());
    }

    /** The bundle as written so far, readable as a system root. */
    public Path staging() {
        return staging;
    }

    private Path at(String path) {
        String relative = path.startsWith("/") ? path.substring(1) : path;
        return staging.resolve(relative);
    }

    public void directory(String path) throws IOException {
        Path p = at(path);
        if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(p);
        }
    }

    public void file(String path, byte[] content) throws IOException {
        Path p = at(path);
        Files.createDirectories(p.getParent());
        Files.write(p, content);
    }

    /** A symbolic link kept as a link: fd entries point at device nodes that need not exist where the bundle is read. */
    public void link(String path, String linkTarget) throws IOException {
        Path p = at(path);
        Files.createDirectories(p.getParent());
        Files.deleteIfExists(p);
        Files.createSymbolicLink(p, Path.of(linkTarget));
    }

    /** Moves the bundle to its name: a directory rename, or a .tar.gz written to a temporary name and renamed. */
    public void finish(Instant mtime) throws IOException {
        if (archiveTemp == null) {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } else {
            writeArchive(mtime);
            Files.move(archiveTemp, target, StandardCopyOption.ATOMIC_MOVE);
            deleteTree(staging);
        }
        finished = true;
        Runtime.getRuntime().removeShutdownHook(cleanup);
    }

    private void writeArchive(Instant mtime) throws IOException {
        List<Path> entries;
        try (Stream<Path> walk = Files.walk(staging)) {
            entries = walk.filter(p -> !p.equals(staging)).sorted(Comparator.comparing(p -> staging.relativize(p).toString())).toList();
        }
        try (OutputStream file = Files.newOutputStream(archiveTemp);
             GZIPOutputStream gz = new GZIPOutputStream(file, 1 << 16);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(gz)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            for (Path p : entries) {
                String name = staging.relativize(p).toString();
                TarArchiveEntry e;
                boolean regular = false;
                if (Files.isSymbolicLink(p)) {
                    e = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
                    e.setLinkName(Files.readSymbolicLink(p).toString());
                } else if (Files.isDirectory(p)) {
                    e = new TarArchiveEntry(name + "/");
                } else {
                    e = new TarArchiveEntry(name);
                    e.setSize(Files.size(p));
                    regular = true;
                }
                e.setModTime(FileTime.from(mtime));
                tar.putArchiveEntry(e);
                if (regular) {
                    Files.copy(p, tar);
                }
                tar.closeArchiveEntry();
            }
            tar.finish();
        }
    }

    private void removeTemporaries() {
        try {
            deleteTree(staging);
            if (archiveTemp != null) {
                Files.deleteIfExists(archiveTemp);
            }
        } catch (IOException e) {
            // Exiting anyway: what is left has a temporary name, never the bundle's.
            return;
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Override
    public void close() throws IOException {
        if (!finished) {
            removeTemporaries();
            Runtime.getRuntime().removeShutdownHook(cleanup);
        }
    }
}
