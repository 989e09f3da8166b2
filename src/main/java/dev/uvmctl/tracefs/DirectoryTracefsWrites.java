package dev.uvmctl.tracefs;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

    @Override
    public void replace(String path, String text) throws IOException {
        Path p = resolve(path);
        Path tmp = p.resolveSibling(p.getFileName() + ".new");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, p, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public void delete(String path) throws IOException {
        Files.deleteIfExists(resolve(path));
    }
}
