package dev.uvmctl.tracefs;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
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
        Files.createDirectories(p.getParent());
        Files.writeString(p, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    }

    /**
     * The lock is moved aside under a name of this call's own: rename(2) is atomic, so of two
     * runs only one moves it, the other finds it gone. What was moved is the lock that was judged
     * only when it still holds what was read; else (a run took it between the read and the move) it
     * is linked back, which link(2) does only where no newer lock is, and the take-over is refused.
     */
    @Override
    public void claim(String path, String stale, String text) throws IOException {
        Path p = resolve(path);
        // A name of this call's own beside it (rename(2) replaces the empty file it makes).
        Path aside = Files.createTempFile(p.getParent(), p.getFileName() + ".", ".ended");
        try {
            Files.move(p, aside, StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException e) {
            Files.deleteIfExists(aside);
            throw new FileAlreadyExistsException(path, null, "another run took the lock");
        }
        try {
            if (!Files.readString(aside, StandardCharsets.UTF_8).equals(stale)) {
                try {
                    Files.createLink(p, aside);
                } catch (FileAlreadyExistsException e) {
                    // a newer lock is there already: it stays
                }
                throw new FileAlreadyExistsException(path, null, "the lock changed since it was read");
            }
            create(path, text);
        } finally {
            Files.deleteIfExists(aside);
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
