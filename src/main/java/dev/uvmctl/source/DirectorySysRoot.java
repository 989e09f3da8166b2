package dev.uvmctl.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** A system root that is a directory: {@code /} itself, an unpacked bundle or a fixture tree. */
public final class DirectorySysRoot implements SysRoot {
    private final Path root;

    public DirectorySysRoot(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    Path resolve(String path) {
        String relative = path.startsWith("/") ? path.substring(1) : path;
        return relative.isEmpty() ? root : root.resolve(relative);
    }

    /** The path as it is on the inspected system: a capture is read as the machine it came from. */
    @Override
    public String display(String path) {
        return path;
    }

    @Override
    public String tried(String path) {
        return resolve(path).toString();
    }

    @Override
    public String describe() {
        return root.getParent() == null ? "the live system" : "the system root " + root;
    }

    @Override
    public boolean exists(String path) {
        return Files.exists(resolve(path), LinkOption.NOFOLLOW_LINKS);
    }

    @Override
    public boolean isDirectory(String path) {
        return Files.isDirectory(resolve(path));
    }

    @Override
    public List<String> list(String dir) throws IOException {
        List<String> names = new ArrayList<>();
        try (Stream<Path> entries = Files.list(resolve(dir))) {
            entries.forEach(p -> names.add(p.getFileName().toString()));
        }
        Collections.sort(names);
        return names;
    }

    @Override
    public InputStream open(String path) throws IOException {
        Path p = resolve(path);
        if (Files.isDirectory(p)) {
            throw new IOException("is a directory, expected a file");
        }
        return Files.newInputStream(p);
    }

    @Override
    public Optional<String> readLink(String path) throws IOException {
        Path p = resolve(path);
        if (!Files.isSymbolicLink(p)) {
            return Optional.empty();
        }
        return Optional.of(Files.readSymbolicLink(p).toString());
    }
}
