package dev.uvmctl.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A system root that notes every path read through it and how the read went, so that a capture
 * can copy exactly what uvmctl read (and record what it was refused) into a bundle that reads the
 * same way. Contents are not kept: the bundle writer copies them afterwards. Safe for the
 * process scanner's parallel reads.
 */
public final class RecordingSysRoot implements SysRoot {
    /** How a path was found. */
    public enum Kind { file, directory, link, missing, refused }

    /** What a read of one path found; {@code detail} is the link target or why it was refused. */
    public record Access(Kind kind, String detail) {
    }

    private final SysRoot root;
    private final Map<String, Access> accesses = new TreeMap<>();

    public RecordingSysRoot(SysRoot root) {
        this.root = root;
    }

    /** Every path read, in path order, with what was found. */
    public synchronized Map<String, Access> accesses() {
        return new TreeMap<>(accesses);
    }

    private synchronized void note(String path, Kind kind, String detail) {
        Access old = accesses.get(path);
        // A file or link read wins over an earlier existence check or listing.
        if (old == null || old.kind() == Kind.missing || (old.kind() == Kind.directory && kind != Kind.missing)) {
            accesses.put(path, new Access(kind, detail));
        }
    }

    private synchronized void failed(String path, IOException e) {
        if (e instanceof NoSuchFileException) {
            note(path, Kind.missing, null);
        } else {
            accesses.put(path, new Access(Kind.refused, IoErrors.describe(e)));
        }
    }

    private synchronized boolean known(String path) {
        return accesses.containsKey(path);
    }

    @Override
    public String display(String path) {
        return root.display(path);
    }

    @Override
    public String tried(String path) {
        return root.tried(path);
    }

    /** Not a read of a file: the capture writes what the live system answered itself. */
    @Override
    public Boolean sameOpenFile(int pidA, int fdA, int pidB, int fdB) {
        return root.sameOpenFile(pidA, fdA, pidB, fdB);
    }

    @Override
    public String describe() {
        return root.describe();
    }

    @Override
    public boolean exists(String path) {
        boolean exists = root.exists(path);
        if (exists && !known(path)) {
            Optional<String> link = Optional.empty();
            try {
                link = root.readLink(path);
            } catch (IOException e) {
                link = Optional.empty();
            }
            if (link.isPresent()) {
                note(path, Kind.link, link.get());
            } else {
                note(path, root.isDirectory(path) ? Kind.directory : Kind.file, null);
            }
        }
        return exists;
    }

    @Override
    public boolean isDirectory(String path) {
        boolean dir = root.isDirectory(path);
        if (dir) {
            note(path, Kind.directory, null);
        }
        return dir;
    }

    @Override
    public List<String> list(String dir) throws IOException {
        try {
            List<String> names = root.list(dir);
            note(dir, Kind.directory, null);
            return names;
        } catch (IOException e) {
            failed(dir, e);
            throw e;
        }
    }

    @Override
    public InputStream open(String path) throws IOException {
        try {
            InputStream in = root.open(path);
            note(path, Kind.file, null);
            return in;
        } catch (IOException e) {
            failed(path, e);
            throw e;
        }
    }

    @Override
    public Optional<String> readLink(String path) throws IOException {
        try {
            Optional<String> target = root.readLink(path);
            target.ifPresent(t -> note(path, Kind.link, t));
            return target;
        } catch (IOException e) {
            failed(path, e);
            throw e;
        }
    }
}
