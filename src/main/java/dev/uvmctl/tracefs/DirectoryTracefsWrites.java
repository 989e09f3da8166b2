package dev.uvmctl.tracefs;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The writes under a root directory: {@code /} on the live system, where tracefs is the kernel's,
 * or a plain directory that stands in for it (a fixture, {@code --root DIR}), where the files the
 * kernel would make inside a new instance are made as they are written.
 */
public final class DirectoryTracefsWrites implements TracefsWrites {
    private static final Object CLAIMS = new Object();
    private final Path root;
    private final boolean live;

    /** {@code live}: the root is the running system's {@code /}, whose tracefs makes its own files. */
    public DirectoryTracefsWrites(Path root, boolean live) {
        this.root = root.toAbsolutePath().normalize();
        this.live = live;
    }

    private Path resolve(String path) {
        return root.resolve(path.startsWith("/") ? path.substring(1) : path);
    }

    @Override
    public void append(String path, String text) throws IOException {
        Path p = resolve(path);
        // APPEND without TRUNCATE_EXISTING: O_WRONLY|O_APPEND, never the O_TRUNC that clears kprobe_events.
        try (OutputStream out = Files.newOutputStream(p, live ? new StandardOpenOption[] {StandardOpenOption.WRITE, StandardOpenOption.APPEND}
            : new StandardOpenOption[] {StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND})) {
            out.write((text + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    @Override
    public void write(String path, String text) throws IOException {
        Path p = resolve(path);
        if (!live) {
            Files.createDirectories(p.getParent());
        }
        try (OutputStream out = Files.newOutputStream(p, live ? new StandardOpenOption[] {StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING}
            : new StandardOpenOption[] {StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING})) {
            out.write((text + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    @Override
    public void mkdir(String path) throws IOException {
        Files.createDirectory(resolve(path));
    }

    @Override
    public void rmdir(String path) throws IOException {
        Path p = resolve(path);
        if (!live && Files.isDirectory(p)) {
            // A stand-in instance holds the files written into it; the kernel's rmdir takes its own.
            try (var walk = Files.walk(p)) {
                for (Path q : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(q);
                }
            }
            return;
        }
        Files.delete(p);
    }

    @Override
    public void create(String path, String text) throws IOException {
        Path p = resolve(path);
        if (Files.exists(p.getParent()) && !Files.isDirectory(p.getParent())) {
            // createDirectories would say FileAlreadyExistsException, which callers read as the lock being taken.
            throw new FileSystemException(path, null, "Not a directory");
        }
        Files.createDirectories(p.getParent());
        Files.writeString(p, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    }

    /**
     * Take-overs take turns: each holds an fcntl lock ({@link FileChannel#lock}, F_SETLKW) on an
     * empty file beside the lock, {@code trace.lock.claim}, while it reads the lock, compares it with
     * what was judged and renames its own text over it. rename(2) replaces the name atomically, so the
     * lock is never absent, whatever run looks or crashes in between; the kernel lets go of a dead
     * process's fcntl lock. The guard file stays (deleting it would let a run lock a name no other
     * run sees); /run is tmpfs, empty at each boot.
     */
    @Override
    public void claim(String path, String stale, String text) throws IOException {
        Path p = resolve(path);
        Path guard = p.resolveSibling(p.getFileName() + ".claim");
        // fcntl locks are the process's: threads of one process (a test's runs) take turns here first.
        synchronized (CLAIMS) {
            try (FileChannel g = FileChannel.open(guard, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock held = g.lock()) {
                String now;
                try {
                    now = Files.readString(p, StandardCharsets.UTF_8);
                } catch (NoSuchFileException e) {
                    throw new FileAlreadyExistsException(path, null, "the lock went since it was read: another run took it");
                }
                if (!now.equals(stale)) {
                    throw new FileAlreadyExistsException(path, null, "the lock changed since it was read");
                }
                // One name for every taker: only the guard's holder writes it, and a taker that died here left it to be overwritten.
                Path mine = p.resolveSibling(p.getFileName() + ".claim.new");
                try {
                    Files.writeString(mine, text, StandardCharsets.UTF_8);
                    Files.move(mine, p, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } finally {
                    Files.deleteIfExists(mine);
                }
            }
        }
    }

    @Override
    public void replace(String path, String text) throws IOException {
        Path p = resolve(path);
        Path tmp = p.resolveSibling(p.getFileName() + ".new");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, p, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public void delete(String path) throws IOException {
        Files.deleteIfExists(resolve(path));
    }
}
